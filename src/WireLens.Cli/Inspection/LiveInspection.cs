using System.Diagnostics;
using WireLens.Analysis.Connections;
using WireLens.Cli.Live;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;
using WireLens.Wire;

namespace WireLens.Cli.Inspection;

/// <summary>
/// One live session as the terminal UI sees it, built on the analysis thread: released connections go into the
/// per-group report builder and the UI's connection table; at most once per <see cref="ReportEvery"/> the per-group
/// report and its findings are rebuilt (the builder's sweep is O(n log n) in connections so far, so not on every
/// snapshot; and when a rebuild takes long — hundreds of thousands of connections — the next waits four times as long
/// as it took, so the rebuilds never take more than a fifth of the analysis thread). <see cref="Latest"/> may be read
/// from any thread.
/// </summary>
public sealed class LiveInspection : ILiveWatcher
{
    /// <summary>How often the per-group report is rebuilt.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    private readonly GroupReportBuilder _groups;
    private readonly ConnectionTable _table;
    private readonly int _capture;
    private readonly FindingThresholds _thresholds;
    private readonly Action _changed;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastReport;
    private TimeSpan _reportPause = ReportEvery;
    private long _connections;
    private long _gaps;
    private long _ackedUnseen;
    private long _evicted;
    private LiveView? _latest;

    /// <param name="grouping">How connections are grouped (used on the analysis thread only; one classification per connection serves the report and the table).</param>
    /// <param name="options">The report's settings.</param>
    /// <param name="thresholds">The findings' thresholds.</param>
    /// <param name="table">The UI's connection table (this inspection is its writer while the session runs).</param>
    /// <param name="capture">The session's capture file index in the UI's list.</param>
    /// <param name="changed">Called on the analysis thread after <see cref="Latest"/> changed.</param>
    public LiveInspection(
        ConnectionGrouping grouping, GroupReportOptions options, FindingThresholds thresholds, ConnectionTable table, int capture, Action changed)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        ArgumentNullException.ThrowIfNull(options);
        _groups = new GroupReportBuilder(grouping, options);
        _thresholds = thresholds;
        _table = table;
        _capture = capture;
        _changed = changed;
    }

    /// <summary>The latest view, or null before the first snapshot.</summary>
    public LiveView? Latest => Volatile.Read(ref _latest);

    public void OnConnection(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        GroupedConnection grouped = _groups.Add(record);
        _table.Add(record, grouped.Group, grouped.Tool.Tool, _capture);
        _connections++;
        _gaps += record.ClientStreamLost || record.ServerStreamLost ? 1 : 0;
        _ackedUnseen += record.AckedUnseen;
        _evicted += record.FlushReason == FlushReason.Evicted ? 1 : 0;
    }

    public void OnPublished(LiveSnapshot snapshot, Timestamp now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        LiveView? previous = Latest;
        ToolsReport? tools = previous?.Tools;
        IReadOnlyList<Finding> findings = previous?.Findings ?? [];
        TimeSpan elapsed = _clock.Elapsed;
        if (_connections > 0 && (_lastReport is not { } last || elapsed - last >= _reportPause || previous?.Tools is null))
        {
            _lastReport = elapsed;
            tools = _groups.Build(now);
            var health = new CaptureHealth
            {
                Received = snapshot.Capture.Received,
                DroppedByKernel = snapshot.Capture.DroppedByKernel,
                DroppedByInterface = snapshot.Capture.DroppedByInterface,
                DroppedByQueue = snapshot.Capture.DroppedByQueue,
                Connections = _connections,
                ConnectionsWithStreamGaps = _gaps,
                LostSegments = tools.Groups.Sum(g => g.LostSegments),
                AckedUnseen = _ackedUnseen,
                EvictedConnections = _evicted,
            };
            findings = FindingEngine.Evaluate(tools, health, _thresholds);
            TimeSpan took = _clock.Elapsed - elapsed;
            _reportPause = took * 4 > ReportEvery ? took * 4 : ReportEvery;
        }

        double rate = previous is null || snapshot.Elapsed <= previous.Snapshot.Elapsed
            ? 0
            : (snapshot.Capture.Written - previous.Snapshot.Capture.Written) / (snapshot.Elapsed - previous.Snapshot.Elapsed).TotalSeconds;
        Volatile.Write(ref _latest, new LiveView(snapshot, tools, findings, _groups.Origin, rate));
        _changed();
    }
}

/// <summary>What a live session shows at one moment.</summary>
/// <param name="Snapshot">The live counters.</param>
/// <param name="Tools">The per-group report of the connections released so far (rebuilt once per second), or null before any.</param>
/// <param name="Findings">Its findings.</param>
/// <param name="Origin">The first connection's time origin (the capture's first packet), or null.</param>
/// <param name="PacketsPerSecond">Packets written per second since the previous snapshot.</param>
public sealed record LiveView(LiveSnapshot Snapshot, ToolsReport? Tools, IReadOnlyList<Finding> Findings, Timestamp? Origin, double PacketsPerSecond);
