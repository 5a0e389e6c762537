using Terminal.Gui.ViewBase;
using WireLens.Reporting.Inspection;
using WireLens.Wire;

namespace WireLens.Tui.Connections;

/// <summary>
/// The connection detail screen: the ladder diagram, the TLS facts and a selected frame's dissection.
/// (Skeleton: the screen itself is being built; the shell codes against this surface.)
/// </summary>
public sealed class ConnectionDetailView : View
{
    /// <summary>Shows <paramref name="connection"/>; the ladder is read from <paramref name="source"/> off the UI thread.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="source">Where its frames are read back from; null when no capture file can be read (the ladder then says so).</param>
    /// <param name="origin">Time zero of relative times.</param>
    public void Show(in ConnectionSummary connection, IConnectionDetailSource? source, Timestamp origin)
    {
        Connection = connection;
        _ = source;
        _ = origin;
    }

    /// <summary>The connection shown, if any.</summary>
    public ConnectionSummary? Connection { get; private set; }
}
