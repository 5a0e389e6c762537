using System.CommandLine;
using WireLens.Analysis.Connections;
using WireLens.Capture.Live;
using WireLens.Cli.Live;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;

namespace WireLens.Cli.Commands;

/// <summary>The capture and output options <c>live</c>, <c>run</c>, <c>compare</c> and <c>demo</c> share (docs/cli.md).</summary>
public sealed class LiveOptions
{
    public Option<string?> Iface { get; } = new("--iface") { Description = "The capture device: lo, a NIC, or any (default: lo for a loopback target, else any)." };
    public Option<string?> Filter { get; } = new("--filter") { Description = "A BPF filter (tcpdump syntax) for the capture (default: the target's port; live: tcp)." };
    public Option<int> BufferMegabytes { get; } = new("--buffer-mb")
    {
        Description = "The kernel capture buffer in MiB.",
        DefaultValueFactory = _ => LiveCaptureOptions.DefaultBufferMegabytes,
    };
    public Option<int> SnapLength { get; } = new("--snaplen")
    {
        Description = "Bytes kept of each packet (default: whole packets).",
        DefaultValueFactory = _ => LiveCaptureOptions.FullSnapLength,
    };
    public Option<bool> Immediate { get; } = new("--immediate")
    {
        Description = "libpcap immediate mode: packets reach the analysis at once, but on Linux the ring then holds far fewer packets (docs/live.md).",
    };
    public Option<string?> Out { get; } = new("--out") { Description = "Save runs under this folder instead of captures/runs/." };
    public Option<string?> Csv { get; } = new("--csv") { Description = "Write connections.csv, tools.csv, timeseries.csv and findings.csv into this folder." };
    public Option<string?> Json { get; } = new("--json") { Description = "Write the report as JSON to this file." };
    public Option<string?> FailOn { get; } = new("--fail-on") { Description = "Exit with 3 when a finding of this severity or worse is present: warning or error." };
    public Option<string[]> Threshold { get; } = new("--threshold") { Description = "Finding thresholds NAME=VALUE[,NAME=VALUE] (docs/findings.md); may be repeated." };
    public Option<double> TimeWait { get; } = new("--time-wait")
    {
        Description = "Seconds a socket stays in TIME_WAIT (Linux: 60).",
        DefaultValueFactory = _ => GroupReportOptions.DefaultTimeWaitSeconds,
    };
    public Option<int> MaxConnections { get; } = new("--max-connections")
    {
        Description = "Open connections held at most; beyond it the least recently active is released as evicted (still open).",
        DefaultValueFactory = _ => ConnectionTrackerOptions.DefaultMaxConnections,
    };
    public Option<bool> NoTui { get; } = new("--no-tui") { Description = "Print the text report instead of showing the terminal UI (a non-terminal always gets the text)." };

    // Diagnostics for the tests that prove drops are counted: stall the capture or the analysis thread at the start.
    public Option<int> StallCaptureMs { get; } = new("--debug-stall-capture-ms") { Hidden = true };
    public Option<int> StallAnalysisMs { get; } = new("--debug-stall-analysis-ms") { Hidden = true };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option o in new Option[] { Iface, Filter, BufferMegabytes, SnapLength, Immediate, Out, Csv, Json, FailOn, Threshold, TimeWait, MaxConnections, NoTui, StallCaptureMs, StallAnalysisMs })
        {
            command.Options.Add(o);
        }
    }

    public LiveSettings Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new LiveSettings
        {
            Interface = parse.GetValue(Iface),
            Filter = parse.GetValue(Filter),
            BufferMegabytes = parse.GetValue(BufferMegabytes),
            SnapLength = parse.GetValue(SnapLength),
            Immediate = parse.GetValue(Immediate),
            Out = parse.GetValue(Out),
            Csv = parse.GetValue(Csv),
            Json = parse.GetValue(Json),
            FailOn = parse.GetValue(FailOn),
            Thresholds = parse.GetValue(Threshold) ?? [],
            TimeWaitSeconds = parse.GetValue(TimeWait),
            MaxConnections = parse.GetValue(MaxConnections),
            NoTui = parse.GetValue(NoTui),
            StallCapture = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(StallCaptureMs))),
            StallAnalysis = TimeSpan.FromMilliseconds(Math.Max(0, parse.GetValue(StallAnalysisMs))),
        };
    }
}

/// <summary>The values of <see cref="LiveOptions"/>.</summary>
public sealed record LiveSettings
{
    public string? Interface { get; init; }
    public string? Filter { get; init; }
    public int BufferMegabytes { get; init; } = LiveCaptureOptions.DefaultBufferMegabytes;
    public int SnapLength { get; init; } = LiveCaptureOptions.FullSnapLength;
    public bool Immediate { get; init; }
    public string? Out { get; init; }
    public string? Csv { get; init; }
    public string? Json { get; init; }
    public string? FailOn { get; init; }
    public IReadOnlyList<string> Thresholds { get; init; } = [];
    public double TimeWaitSeconds { get; init; } = GroupReportOptions.DefaultTimeWaitSeconds;

    /// <summary><c>--max-connections</c>: open connections the live analysis and the final report hold at most.</summary>
    public int MaxConnections { get; init; } = ConnectionTrackerOptions.DefaultMaxConnections;

    /// <summary><c>--no-tui</c>: the text report even on a terminal.</summary>
    public bool NoTui { get; init; }
    public TimeSpan StallCapture { get; init; }
    public TimeSpan StallAnalysis { get; init; }

    /// <summary>A one-line problem with the values, or null.</summary>
    public string? Problem() =>
        BufferMegabytes is < 1 or > 4096 ? "--buffer-mb must be from 1 to 4096"
        : MaxConnections < 1 ? AnalyzeCommand.MaxConnectionsProblem
        : SnapLength is < 64 or > LiveCaptureOptions.FullSnapLength ? $"--snaplen must be from 64 to {LiveCaptureOptions.FullSnapLength}"
        : !ReportSettings.TryParseFailOn(FailOn, out _, out string failOn) ? failOn
        : null;

    /// <summary>
    /// Creates the run's folder (under <see cref="Out"/>, else captures/runs/) and starts a live session there with these
    /// capture settings; on failure removes the empty folder and gives the one-line <paramref name="error"/>.
    /// </summary>
    public bool TryStartSession(
        string label, string interfaceName, string filter, bool scanProcesses, out LiveSession? session, out string error, Func<string, ILiveWatcher>? watch = null)
    {
        string folder = RunFolders.Create(Out, label, DateTime.UtcNow);
        var options = new LiveSessionOptions
        {
            Interface = interfaceName,
            Filter = filter,
            BufferMegabytes = BufferMegabytes,
            SnapLength = SnapLength,
            Immediate = Immediate,
            Folder = folder,
            ScanProcesses = scanProcesses,
            StallCaptureFor = StallCapture,
            StallAnalysisFor = StallAnalysis,
            MaxConnections = MaxConnections,
            Watcher = watch?.Invoke(Path.Combine(folder, RunFolders.CaptureFile)),
        };
        if (LiveSession.TryStart(options, out session, out error))
        {
            return true;
        }

        RunFolders.RemoveIfEmpty(folder);
        return false;
    }

    /// <summary>The per-group report's settings for a live view (the final report reads them from the arguments).</summary>
    public GroupReportOptions ReportOptions() => new() { TimeWaitSeconds = TimeWaitSeconds, PortRange = PortRanges.Local() ?? PortRange.LinuxDefault };

    /// <summary>The findings' thresholds for a live view: the defaults changed by <see cref="Thresholds"/> (a bad one is reported by the final analysis).</summary>
    public FindingThresholds ReportThresholds()
    {
        FindingThresholds thresholds = Reporting.Findings.FindingThresholds.Default;
        foreach (string spec in Thresholds)
        {
            if (Reporting.Findings.FindingThresholds.TryParse(spec, thresholds, out FindingThresholds? changed, out _))
            {
                thresholds = changed!;
            }
        }

        return thresholds;
    }

    /// <summary>The arguments of the offline analysis of a saved run (its manifest beside it).</summary>
    public AnalyzeArguments AnalyzeArguments(string capture, string manifest, string? groupBy) =>
        new(capture, Csv, Json, Filter: null, IdleTimeoutSeconds: 300)
        {
            Manifest = manifest,
            GroupBy = groupBy,
            FailOn = FailOn,
            Thresholds = Thresholds,
            TimeWaitSeconds = TimeWaitSeconds,
            MaxConnections = MaxConnections,
        };
}
