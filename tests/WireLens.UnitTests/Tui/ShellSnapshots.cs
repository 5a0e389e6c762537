using WireLens.Cli.Inspection;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;
using WireLens.Testing;

namespace WireLens.UnitTests.Tui;

/// <summary>Snapshots for the shell tests: final snapshots of sample captures (analysed once per process) and live-looking ones made from them.</summary>
public static class ShellSnapshots
{
    private static readonly Dictionary<string, InspectionSnapshot> s_cache = new(StringComparer.Ordinal);

    public static readonly TheoryData<string> Captures = new() { "ab-no-keepalive.pcap", "curl-tls13-resume.pcap", "h2load-h2c.pcap" };

    /// <summary>OfflineInspection's final snapshot of captures/<paramref name="capture"/>.</summary>
    public static InspectionSnapshot Of(string capture)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(capture, out InspectionSnapshot? snapshot))
            {
                snapshot = OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, capture));
                s_cache.Add(capture, snapshot);
            }

            return snapshot;
        }
    }

    /// <summary>A live capture in a campaign's first run, with drops: the header's busiest case.</summary>
    public static InspectionSnapshot Live()
    {
        InspectionSnapshot final = Of("curl-tls13-resume.pcap");
        return final with
        {
            Tools = final.Tools! with { TimeSeries = Ramp(final.Tools.Groups[0].Group, 90) },
            Header = LiveHeader(final),
        };
    }

    /// <summary>
    /// A made-up per-second series of <paramref name="seconds"/> seconds for <paramref name="group"/>: opens ramp up
    /// and down, concurrency and TIME_WAIT follow, retransmissions burst every 15 s, so the charts have shapes to show.
    /// </summary>
    public static TimeSeriesRow[] Ramp(string group, int seconds) =>
    [
        .. Enumerable.Range(0, seconds).Select(s => new TimeSeriesRow(
            group,
            s,
            Opened: 10 + (s % 30 * 4),
            Closed: 10 + (s % 30 * 4),
            Requests: 20 + (s % 30 * 8),
            TlsFull: s % 30,
            TlsResumed: 10 + (s % 30 * 3),
            Concurrent: 5 + (s % 10),
            TimeWaitClient: Math.Min(s * 40, 2_400),
            TimeWaitServer: s / 3,
            Retransmissions: s % 15 == 14 ? 50 : 0)),
    ];

    private static InspectionHeader LiveHeader(InspectionSnapshot final) => final.Header with
    {
        Source = "lo (tcp port 8443)",
        Live = true,
        State = InspectionState.Capturing,
        Elapsed = TimeSpan.FromSeconds(83.4),
        Packets = 123_456,
        PacketsPerSecond = 1480.6,
        Drops = 17,
        ConnectionsSeen = 2_048,
        OpenConnections = 12,
        Run = "wrk-1",
        RunOrdinal = "1/2",
        Message = "load running",
        Progress = null,
    };

    /// <summary><paramref name="snapshot"/> with its first group renamed to <paramref name="name"/> (table, series and rows).</summary>
    public static InspectionSnapshot RenameFirstGroup(InspectionSnapshot snapshot, string name)
    {
        ToolsReport tools = snapshot.Tools!;
        string old = tools.Groups[0].Group;
        return snapshot with
        {
            Tools = tools with
            {
                Groups = [.. tools.Groups.Select(g => g.Group == old ? g with { Group = name } : g)],
                TimeSeries = [.. tools.TimeSeries.Select(r => r.Group == old ? r with { Group = name } : r)],
            },
        };
    }
}
