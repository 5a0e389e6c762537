using WireLens.Reporting.Groups;

namespace WireLens.Tui.Shell;

/// <summary>
/// The group table's columns, most important first: those of the text report's main table
/// (<c>ToolsTextWriter</c>), reordered so that 80 columns show the connection-reuse story (connections, requests per
/// connection, new connections per second, concurrency, TIME_WAIT, SYN retransmissions, retransmission share, TLS
/// full/resumed); wider terminals add the rest. Shown columns keep this order.
/// </summary>
internal static class GroupColumns
{
    /// <summary>Header, width (one space of it separates columns), right-aligned, value.</summary>
    public static IReadOnlyList<GroupColumn> All { get; } =
    [
        new("group", 12, false, g => g.Group),
        new("conns", 7, true, g => Format.Count(g.Connections)),
        new("req/conn", 9, true, g => Format.Fixed(g.RequestsPerConnection.Mean, "F2")),
        new("new/s", 6, true, g => Format.Fixed(g.NewConnectionsPerSecondMean, "F0")),
        new("conc^", 6, true, g => Format.Count(g.ConcurrentPeak)),
        new("TW-cli^", 8, true, g => Format.Count(g.TimeWaitClientPeak)),
        new("TW-srv^", 8, true, g => Format.Count(g.TimeWaitServerPeak)),
        new("syn-rtx", 8, true, g => Format.Count(g.SynRetransmits)),
        new("retx%", 6, true, g => Format.Fixed(g.RetransmissionShare * 100, "F2")),
        new("tls f/r", 9, true, g => g.TlsHandshakes == 0 ? Format.None : Format.Short(g.TlsFull) + "/" + Format.Short(g.TlsResumed)),
        new("requests", 10, true, g => Format.Count(g.Requests)),
        new("tool", 11, false, g => g.Tool),
        new("new/s^", 7, true, g => g.NewConnectionsPerSecondMean is null ? Format.None : Format.Count(g.NewConnectionsPerSecondPeak)),
        new("rtt p50", 8, true, g => Format.Fixed(g.HandshakeRttMs.P50, "F3")),
        new("closes", 8, false, Closer),
        new("refused", 8, true, g => Format.Count(g.Refused)),
    ];

    /// <summary>The leading columns that fit in <paramref name="width"/> characters; the first column widens to take what is left.</summary>
    public static IReadOnlyList<GroupColumn> Fitting(int width)
    {
        var shown = new List<GroupColumn>();
        int used = 0;
        foreach (GroupColumn column in All)
        {
            if (used + column.Width > width)
            {
                break;
            }

            shown.Add(column);
            used += column.Width;
        }

        if (shown.Count > 0)
        {
            // The spare width goes to the group names, up to twice their column.
            int spare = Math.Min(width - used, shown[0].Width);
            shown[0] = shown[0] with { Width = shown[0].Width + spare };
        }

        return shown;
    }

    // The side that closed at least 80% of the closed connections first, else "mixed" (as the text report says it).
    private static string Closer(GroupReport g)
    {
        long client = g.CloseClientFin;
        long server = g.CloseServerFin;
        long rst = g.CloseClientRst + g.CloseServerRst;
        long total = client + server + g.CloseSimultaneous + rst;
        if (total == 0)
        {
            return Format.None;
        }

        return client * 5 >= total * 4 ? "client"
            : server * 5 >= total * 4 ? "server"
            : rst * 5 >= total * 4 ? "rst"
            : "mixed";
    }
}

/// <summary>One column of the group table.</summary>
/// <param name="Header">Its header.</param>
/// <param name="Width">Its width including the separating space.</param>
/// <param name="Right">Right-aligned (numbers).</param>
/// <param name="Value">The cell text of a group (wire text is escaped when drawn).</param>
internal sealed record GroupColumn(string Header, int Width, bool Right, Func<GroupReport, string> Value)
{
    /// <summary>The cell text, escaped, cut and padded to the column.</summary>
    public string Cell(string text)
    {
        string fitted = Format.Wire(text, Width - 1);
        return (Right ? fitted.PadLeft(Width - 1) : fitted.PadRight(Width - 1)) + " ";
    }
}
