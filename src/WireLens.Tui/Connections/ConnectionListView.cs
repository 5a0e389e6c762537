using Terminal.Gui.ViewBase;
using WireLens.Reporting.Inspection;

namespace WireLens.Tui.Connections;

/// <summary>
/// The connection list pane: every connection of the snapshot, virtualised, sortable and filterable.
/// (Skeleton: the list itself is being built; the shell codes against this surface.)
/// </summary>
public sealed class ConnectionListView : View
{
    /// <summary>Raised when the user opens a connection (Enter, double click).</summary>
    public event EventHandler<ConnectionActivatedEventArgs>? ConnectionActivated;

    /// <summary>The filter expression in force (docs/connection-list.md), empty when none.</summary>
    public string FilterText { get; private set; } = string.Empty;

    /// <summary>Rows shown after filtering.</summary>
    public int ShownRows { get; private set; }

    /// <summary>Shows <paramref name="snapshot"/>'s rows, keeping the selection, sort and filter.</summary>
    public void Update(InspectionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ShownRows = snapshot.Connections.Count;
    }

    /// <summary>Asks for a filter expression (the <c>/</c> key).</summary>
    public void PromptFilter() => FilterText = FilterText.Trim();

    /// <summary>Sorts by the selected column, reversing when it is already the sort column (the <c>s</c> key).</summary>
    public void SortBySelectedColumn() => ShownRows = Math.Max(0, ShownRows);

    /// <summary>Writes the shown rows, in shown order, as CSV into <paramref name="directory"/> (the <c>e</c> key); returns a one-line message.</summary>
    public string ExportShown(string directory) => $"{ShownRows} rows not exported to {directory}: the list is not built yet";

    /// <summary>Raises <see cref="ConnectionActivated"/>.</summary>
    internal void OnActivated(in ConnectionSummary connection) => ConnectionActivated?.Invoke(this, new ConnectionActivatedEventArgs(connection));
}

/// <summary>The connection the user opened.</summary>
public sealed class ConnectionActivatedEventArgs(ConnectionSummary connection) : EventArgs
{
    public ConnectionSummary Connection { get; } = connection;
}
