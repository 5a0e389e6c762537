using System.Globalization;
using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using WireLens.Reporting.Export;
using WireLens.Reporting.Inspection;
using WireLens.Reporting.Text;
using WireLens.Wire;

namespace WireLens.Tui.Connections;

/// <summary>
/// The connection list pane: every connection of the snapshot in a <see cref="TableView"/> over a
/// <see cref="ConnectionTableSource"/> (virtualised: the table reads only the cells it draws), sortable by any column
/// (<see cref="SortBySelectedColumn"/>, a header click), filterable (<see cref="PromptFilter"/>), exportable as CSV
/// (<see cref="ExportShown"/>). Selecting and ordering rows is <see cref="ConnectionQuery"/>'s job; this view only
/// re-selects when the row count, the filter or the sort changed, and keeps the selected connection and its place on
/// screen when it does.
/// </summary>
public sealed class ConnectionListView : View
{
    private readonly ConnectionTableSource _source = new();
    private readonly TableView _table;
    private readonly FilterPrompt _prompt;
    private ConnectionFilter _filter = ConnectionFilter.None;
    private ConnectionColumn _sort = ConnectionColumn.Start;
    private bool _descending;
    private ConnectionRows _rows = ConnectionRows.Empty;
    private Timestamp _origin;
    private bool _selectedOnce;

    /// <summary>Creates the (empty) list.</summary>
    public ConnectionListView()
    {
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _table = new TableView(_source)
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            FullRowSelect = true,
            BorderStyle = LineStyle.Single,
            CanFocus = true,

            // The title carries the filter, which may hold '_' (close:server_fin) or any wire text: no hotkey marker.
            HotKeySpecifier = (System.Text.Rune)0xFFFF,
        };
        _table.Style.AlwaysShowHeaders = true;
        _table.Style.ShowHorizontalHeaderOverline = false;
        _table.Style.ShowVerticalCellLines = false;
        _table.Style.ShowVerticalHeaderLines = false;
        _table.Style.ShowVerticalCellLineForFirstColumn = false;
        _table.Style.ShowVerticalCellLineForLastColumn = false;
        _table.Style.ExpandLastColumn = true;
        for (int i = 0; i < ConnectionColumns.All.Count; i++)
        {
            ConnectionColumn column = ConnectionColumns.All[i];
            ColumnStyle style = _table.Style.GetOrCreateColumnStyle(i);
            style.MinWidth = ConnectionColumns.PreferredWidth(column) + 2; // room for the sort indicator
            style.MaxWidth = style.MinWidth;
            if (IsNumeric(column))
            {
                style.Alignment = Alignment.End;
            }
        }

        _table.Accepting += (_, e) =>
        {
            if (SelectedConnection is { } connection)
            {
                OnActivated(connection);
                e.Handled = true;
            }
        };
        _table.MouseEvent += OnTableMouse;
        _prompt = new FilterPrompt(TrySetFilterMessage, () => _table.SetFocus());
        Add(_table, _prompt);
        UpdateTitle();
    }

    /// <summary>Raised when the user opens a connection (Enter, double click).</summary>
    public event EventHandler<ConnectionActivatedEventArgs>? ConnectionActivated;

    /// <summary>The filter expression in force (docs/connection-list.md), empty when none.</summary>
    public string FilterText { get; private set; } = string.Empty;

    /// <summary>Rows shown after filtering.</summary>
    public int ShownRows => _source.Order.Length;

    /// <summary>The rows shown, in shown order (the table's source).</summary>
    public ConnectionTableSource Source => _source;

    /// <summary>The sort column.</summary>
    public ConnectionColumn SortColumn => _sort;

    /// <summary>True when sorted descending.</summary>
    public bool SortDescending => _descending;

    /// <summary>The filter prompt is open.</summary>
    public bool IsPromptingFilter => _prompt.Visible;

    /// <summary>The filter prompt's parse error (empty when none).</summary>
    public string FilterError => _prompt.Error;

    /// <summary>The clock that names export files (local time).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The selected connection, if any row is shown.</summary>
    public ConnectionSummary? SelectedConnection =>
        SelectedIndex is { } i ? _source.Row(i) : null;

    /// <summary>The selected row's index in the shown order, if any.</summary>
    public int? SelectedIndex =>
        _table.Value is { } v && (uint)v.SelectedCell.Y < (uint)_source.Rows ? v.SelectedCell.Y : null;

    /// <summary>The first row on screen (the table's scroll position).</summary>
    public int FirstVisibleRow => _table.RowOffset;

    /// <summary>Shows <paramref name="snapshot"/>'s rows, keeping the selection, sort and filter.</summary>
    public void Update(InspectionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Timestamp origin = snapshot.Origin ?? default;
        bool sameRows = snapshot.Connections.Count == _rows.Count && origin == _origin;
        _rows = snapshot.Connections;
        _origin = origin;
        if (sameRows && _selectedOnce)
        {
            // Rows are append-only: the same count is the same rows, so the order, selection and scroll all stand.
            return;
        }

        Reselect(keepSelection: true);
    }

    /// <summary>Asks for a filter expression (the <c>/</c> key).</summary>
    public void PromptFilter() => _prompt.Open(FilterText);

    /// <summary>Applies <paramref name="expression"/> (<see cref="ConnectionFilter.TryParse"/>); false with the one-line error when it does not parse.</summary>
    public bool TrySetFilter(string expression, out string error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (!ConnectionFilter.TryParse(expression, out ConnectionFilter filter, out error))
        {
            error = WireText.EscapeControl(error);
            return false;
        }

        _filter = filter;
        FilterText = filter.IsEmpty ? string.Empty : expression.Trim();
        Reselect(keepSelection: true);
        return true;
    }

    /// <summary>Sorts by the selected column, reversing when it is already the sort column (the <c>s</c> key).</summary>
    public void SortBySelectedColumn()
    {
        int column = _table.Value?.SelectedCell.X ?? 0;
        SortBy(ConnectionColumns.All[Math.Clamp(column, 0, ConnectionColumns.All.Count - 1)]);
    }

    /// <summary>Sorts by <paramref name="column"/>, reversing when it is already the sort column.</summary>
    public void SortBy(ConnectionColumn column)
    {
        _descending = column == _sort && !_descending;
        _sort = column;
        _source.SetSort(_sort, _descending);
        Reselect(keepSelection: false);
    }

    /// <summary>Writes the shown rows, in shown order, as CSV into <paramref name="directory"/> (the <c>e</c> key); returns a one-line message.</summary>
    /// <remarks>The file is <c>wirelens-connections-yyyyMMdd-HHmmss.csv</c> (local time), with <c>-1</c>, <c>-2</c> … added rather than overwriting, written as <c>NAME.tmp</c> and renamed when complete. Never throws for a directory it cannot write.</remarks>
    public string ExportShown(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string stamp = Clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        try
        {
            for (int n = 0; n < 1000; n++)
            {
                string name = n == 0 ? $"wirelens-connections-{stamp}.csv" : Inv($"wirelens-connections-{stamp}-{n}.csv");
                string path = Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    continue;
                }

                // Written as NAME.tmp and renamed (never over an existing file), so a failed export leaves no half file.
                int written = 0;
                ExportFile.Write(
                    path,
                    temp =>
                    {
                        using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
                        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                        written = ConnectionSummaryCsv.Write(writer, _source.AllRows, _source.Order, _source.Origin);
                    },
                    overwrite: false);

                return Inv($"Wrote {path} ({written:N0} connections)");
            }

            return $"cannot export to {directory}: too many exports this second";
        }
        catch (IOException ex)
        {
            return $"cannot export to {directory}: {OneLine(ex.Message)}";
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"cannot export to {directory}: {OneLine(ex.Message)}";
        }
    }

    /// <summary>Raises <see cref="ConnectionActivated"/>.</summary>
    internal void OnActivated(in ConnectionSummary connection) => ConnectionActivated?.Invoke(this, new ConnectionActivatedEventArgs(connection));

    private static bool IsNumeric(ConnectionColumn column) => column is ConnectionColumn.Stream or ConnectionColumn.Start
        or ConnectionColumn.DurationMs or ConnectionColumn.HandshakeRttMs or ConnectionColumn.Requests
        or ConnectionColumn.SynRetransmits or ConnectionColumn.Retransmissions or ConnectionColumn.ClientHelloToServerHelloMs;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private string? TrySetFilterMessage(string expression) => TrySetFilter(expression, out string error) ? null : error;

    private void OnTableMouse(object? sender, Mouse mouse)
    {
        if (mouse.Position is not { } p || !(mouse.IsSingleClicked || mouse.IsDoubleClicked))
        {
            return;
        }

        System.Drawing.Point? cell = _table.ScreenToCell(p.X, p.Y, out int? header);
        if (cell is null && header is { } column && mouse.IsSingleClicked)
        {
            SortBy(ConnectionColumns.All[column]);
            mouse.Handled = true;
        }
        else if (cell is { } c && mouse.IsDoubleClicked && (uint)c.Y < (uint)_source.Rows)
        {
            _table.SetSelection(c.X, c.Y, false, null);
            OnActivated(_source.Row(c.Y));
            mouse.Handled = true;
        }
    }

    /// <summary>
    /// Selects and orders the rows again; <paramref name="keepSelection"/> keeps the selected connection and its place on
    /// screen (new rows, a new filter), else the top row is selected (a new sort: the user wants its first rows).
    /// </summary>
    private void Reselect(bool keepSelection)
    {
        int? selected = keepSelection ? SelectedIndex : null;
        (int Capture, long Stream)? key = selected is { } s ? (_source.Row(s).Capture, _source.Row(s).Stream) : null;
        int screenLine = selected is { } s2 ? s2 - _table.RowOffset : 0;
        int column = _table.Value?.SelectedCell.X ?? 0;

        int[] order = ConnectionQuery.Select(_rows, _filter, _sort, _descending, _origin);
        _source.Set(_rows, order, _origin);

        int target = 0;
        if (key is { } k)
        {
            for (int i = 0; i < order.Length; i++)
            {
                ref readonly ConnectionSummary row = ref _rows[order[i]];
                if (row.Stream == k.Stream && row.Capture == k.Capture)
                {
                    target = i;
                    break;
                }
            }
        }

        _table.Update();
        _table.RefreshContentSize();
        if (order.Length > 0)
        {
            // Scroll first, so that selecting finds the row already visible and leaves the scroll alone.
            _table.RowOffset = Math.Max(0, target - Math.Max(0, screenLine));
            _table.EnsureValidScrollOffsets();
            _table.SetSelection(Math.Clamp(column, 0, ConnectionColumns.All.Count - 1), target, false, null);
            _selectedOnce = true;
        }

        UpdateTitle();
        _table.SetNeedsDraw();
    }

    private void UpdateTitle()
    {
        string title = _filter.IsEmpty
            ? Inv($"Connections {ShownRows:N0}")
            : Inv($"Connections {ShownRows:N0} of {_rows.Count:N0} · filter: {WireText.EscapeControl(FilterText)}");
        _table.Title = title;
    }
}

/// <summary>The connection the user opened.</summary>
public sealed class ConnectionActivatedEventArgs(ConnectionSummary connection) : EventArgs
{
    public ConnectionSummary Connection { get; } = connection;
}
