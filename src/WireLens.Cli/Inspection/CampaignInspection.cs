using WireLens.Cli.Commands;
using WireLens.Cli.Live;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;
using WireLens.Reporting.Runs;
using WireLens.Tui;
using WireLens.Wire;

namespace WireLens.Cli.Inspection;

/// <summary>
/// The terminal UI's feed for live commands (<c>run</c>, <c>compare</c>, <c>demo</c>, <c>live</c>): while the runs are
/// captured, each run's live analysis (a <see cref="LiveInspection"/>) adds its groups, findings and connections; once
/// the saved captures are analysed, the final report (the same numbers the text report prints) replaces them.
/// Written by the campaign's thread and the analysis threads, read by the UI thread: every piece is an immutable value
/// behind one lock, and <see cref="Current"/> composes them.
/// </summary>
public sealed class CampaignInspection : IInspectionFeed, IDisposable
{
    private readonly Lock _gate = new();
    private string _source;
    private readonly Action _requestStop;
    private readonly ConnectionTable _liveRows = new();
    private readonly List<string> _captures = [];
    private readonly List<LiveInspection> _runs = [];
    private readonly List<string> _labels = [];
    private readonly Func<IReadOnlyList<string>, IConnectionDetailSource>? _detailSource;
    private readonly List<IConnectionDetailSource> _detailSources = [];
    private IConnectionDetailSource? _details;
    private InspectionState _state = InspectionState.Starting;
    private string? _message;
    private int _runCount;
    private long _dropsBefore;
    private Final? _final;
    private ConnectionTable? _finalRows;
    private InspectionSnapshot? _cached;

    /// <param name="source">What is captured, for the header (e.g. <c>lo (tcp port 8080)</c>).</param>
    /// <param name="requestStop">Stops the campaign as SIGINT does.</param>
    /// <param name="detailSource">Makes the reader of connection details over the capture files so far (null: no detail screen data).</param>
    public CampaignInspection(string source, Action requestStop, Func<IReadOnlyList<string>, IConnectionDetailSource>? detailSource = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(requestStop);
        _source = source;
        _requestStop = requestStop;
        _detailSource = detailSource;
    }

    /// <summary>Raised (on any thread) when something the UI shows changed.</summary>
    public event Action? Changed;

    public InspectionSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _cached ??= Compose();
            }
        }
    }

    public IConnectionDetailSource? Details
    {
        get
        {
            lock (_gate)
            {
                return _details;
            }
        }
    }

    public void RequestStop() => _requestStop();

    /// <summary>How many runs the campaign has (for the header's "2/3").</summary>
    public void Planned(int runs) => Update(() => _runCount = runs);

    /// <summary>
    /// A run's capture starts: returns the watcher for its live analysis, grouping its connections under
    /// <paramref name="label"/> (everything the run's capture holds belongs to the run).
    /// </summary>
    /// <param name="label">The run's label.</param>
    /// <param name="tool">The load tool's name.</param>
    /// <param name="source">What is captured, for the header: <c>lo (tcp port 8080)</c>.</param>
    /// <param name="capturePath">The run's capture file.</param>
    /// <param name="options">The per-group report's settings.</param>
    /// <param name="thresholds">The findings' thresholds.</param>
    /// <param name="start">When the capture started.</param>
    public ILiveWatcher RunStarting(
        string label, string tool, string source, string capturePath, GroupReportOptions options, FindingThresholds thresholds, Timestamp start)
    {
        lock (_gate)
        {
            _source = source;
        }

        var entry = new RunEntry(label, tool, null, [], null, null, start, new Timestamp(long.MaxValue / 2), null);
        var manifest = new RunManifest(RunManifest.CurrentVersion, null, [entry]);
        var grouping = new ConnectionGrouping(GroupBy.Run, () => new ToolAttributor(manifest, FingerprintTable.Default));
        return Watch(label, capturePath, grouping, options with { Manifest = manifest }, thresholds);
    }

    /// <summary>A live session without a run (<c>live</c>): its connections grouped by <paramref name="grouping"/>.</summary>
    public ILiveWatcher Watch(string label, string capturePath, ConnectionGrouping grouping, GroupReportOptions options, FindingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        lock (_gate)
        {
            var inspection = new LiveInspection(grouping, options, thresholds, _liveRows, _captures.Count, Invalidate);
            _captures.Add(capturePath);
            _labels.Add(label);
            _runs.Add(inspection);
            _state = InspectionState.Capturing;
            _message = null;
            if (_detailSource is not null)
            {
                // A new capture file: a reader over the list with it. The previous one may be in use on the UI's
                // loader thread: it is closed with the feed, not now (a campaign has a handful of runs).
                _details = _detailSource([.. _captures]);
                _detailSources.Add(_details);
            }

            _cached = null;
            return inspection;
        }
    }

    /// <summary>The run's load ended; the last packets are drained.</summary>
    public void Stopping() => Update(() => _state = InspectionState.Stopping);

    /// <summary>The run's capture is closed (its drops count in the header from now on).</summary>
    public void RunStopped(long dropped) => Update(() =>
    {
        _dropsBefore += dropped;
        _state = InspectionState.Stopping;
    });

    /// <summary>The saved captures are being analysed for the final report.</summary>
    public void Analysing() => Update(() =>
    {
        _state = InspectionState.Analysing;
        _finalRows = new ConnectionTable();
    });

    /// <summary>Hooks for the final analysis of capture <paramref name="capture"/>: its rows go into the final table.</summary>
    public AnalyzeHooks FinalHooks(int capture)
    {
        ConnectionTable rows;
        lock (_gate)
        {
            rows = _finalRows ??= new ConnectionTable();
        }

        return new AnalyzeHooks { Connections = new ConnectionTableSink(rows, capture) };
    }

    /// <summary>The final report is in: it replaces the live views.</summary>
    public void Finished(ToolsReport tools, IReadOnlyList<Finding> findings, Timestamp? origin, long packets) => Update(() =>
    {
        _final = new Final(tools, findings, origin, packets);
        _state = InspectionState.Finished;
    });

    /// <summary>The campaign ended without a report.</summary>
    public void Failed(string message) => Update(() =>
    {
        _state = InspectionState.Failed;
        _message = message;
    });

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (IConnectionDetailSource source in _detailSources)
            {
                (source as IDisposable)?.Dispose();
            }

            _detailSources.Clear();
            _details = null;
        }
    }

    private void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }

        Changed?.Invoke();
    }

    private void Update(Action change)
    {
        lock (_gate)
        {
            change();
            _cached = null;
        }

        Changed?.Invoke();
    }

    private InspectionSnapshot Compose()
    {
        LiveView? current = _runs.Count == 0 ? null : _runs[^1].Latest;
        LiveSnapshot? live = current?.Snapshot;
        long seen = 0;
        var groups = new List<GroupReport>();
        var series = new List<TimeSeriesRow>();
        var findings = new List<Finding>();
        Timestamp? origin = null;
        foreach (LiveInspection run in _runs)
        {
            if (run.Latest is not { } view)
            {
                continue;
            }

            seen += view.Snapshot.Connections;
            origin ??= view.Origin;
            if (view.Tools is { } tools)
            {
                groups.AddRange(tools.Groups);
                series.AddRange(tools.TimeSeries);
                findings.AddRange(view.Findings);
            }
        }

        var header = new InspectionHeader
        {
            Source = _source,
            Live = true,
            State = _state,
            Elapsed = live?.Elapsed ?? TimeSpan.Zero,
            Packets = live?.Capture.Written ?? 0,
            PacketsPerSecond = _state == InspectionState.Capturing ? current?.PacketsPerSecond ?? 0 : 0,
            Drops = _dropsBefore + (_state is InspectionState.Capturing && live is not null ? live.Capture.Dropped : 0),
            ConnectionsSeen = seen,
            OpenConnections = _state == InspectionState.Capturing ? live?.OpenConnections ?? 0 : 0,
            Run = _labels.Count == 0 ? null : _labels[^1],
            RunOrdinal = _runCount > 1 ? $"{_labels.Count}/{_runCount}" : null,
            Message = _message,
        };
        if (_final is { } final)
        {
            return new InspectionSnapshot
            {
                Header = header with { Packets = final.Packets, ConnectionsSeen = _finalRows?.Count ?? seen },
                Tools = final.Tools,
                Findings = final.Findings,
                Connections = _finalRows?.Snapshot() ?? _liveRows.Snapshot(),
                Captures = [.. _captures],
                Origin = final.Origin ?? origin,
            };
        }

        ToolsReport? merged = groups.Count == 0 || _runs.Select(r => r.Latest?.Tools).FirstOrDefault(t => t is not null) is not { } first
            ? null
            : first with { Groups = groups, TimeSeries = series };
        return new InspectionSnapshot
        {
            Header = header,
            Tools = merged,
            Findings = [.. findings.OrderByDescending(f => f.Severity)],
            Connections = _liveRows.Snapshot(),
            Captures = [.. _captures],
            Origin = origin,
        };
    }

    private sealed record Final(ToolsReport Tools, IReadOnlyList<Finding> Findings, Timestamp? Origin, long Packets);
}
