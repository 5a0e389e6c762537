using System.CommandLine;
using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Capture.Filtering;
using WireLens.Cli.Pipeline;
using WireLens.Cli.Terminal;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Csv;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;
using WireLens.Reporting.Json;
using WireLens.Reporting.Summary;
using WireLens.Reporting.Text;

namespace WireLens.Cli.Commands;

/// <summary>`wirelens analyze FILE`: offline analysis of a pcap/pcapng(.gz) file.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A pcap or pcapng capture, optionally gzip-compressed." };
        var csv = new Option<string?>("--csv") { Description = "Write connections.csv into this folder." };
        var json = new Option<string?>("--json") { Description = "Write the summary and connections as JSON to this file." };
        var filter = new Option<string?>("--filter") { Description = "A BPF filter (tcpdump syntax) applied to every frame." };
        var idle = new Option<double>("--idle-timeout")
        {
            Description = "Seconds of packet time without a packet after which a connection is flushed as still open.",
            DefaultValueFactory = _ => 300,
        };

        var maxConnections = new Option<int>("--max-connections")
        {
            Description = "Open connections held at most; beyond it the least recently active is released as evicted (still open).",
            DefaultValueFactory = _ => ConnectionTrackerOptions.DefaultMaxConnections,
        };

        var groupBy = new Option<string?>("--group-by")
        {
            Description = "Report groups: run, tool, client, server or none (default: run with a run manifest, else tool).",
        };
        var timeWait = new Option<double>("--time-wait")
        {
            Description = "Seconds a socket stays in TIME_WAIT (Linux: 60).",
            DefaultValueFactory = _ => GroupReportOptions.DefaultTimeWaitSeconds,
        };
        var portRange = new Option<string?>("--port-range")
        {
            Description = "The client's ephemeral port range LOW-HIGH for the exhaustion forecast (default: the manifest's, else 32768-60999).",
        };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with 3 when a finding of this severity or worse is present: warning or error." };
        var manifestFile = new Option<string?>("--manifest")
        {
            Description = "The run manifest (docs/run-manifest.md); default: NAME.run.json or run.json beside the capture.",
        };
        var noManifest = new Option<bool>("--no-manifest") { Description = "Read no run manifest." };
        var tui = new Option<bool>("--tui") { Description = "Show the terminal UI over the file (docs/tui.md); the text report is printed when it closes." };
        var threshold = new Option<string[]>("--threshold")
        {
            Description = "Finding thresholds NAME=VALUE[,NAME=VALUE] (docs/findings.md); may be repeated.",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("analyze", "Analyse every TCP connection in a capture file.")
        {
            file, csv, json, filter, idle, maxConnections, groupBy, timeWait, portRange, failOn, threshold, manifestFile, noManifest, tui,
        };
        command.SetAction(parse => (parse.GetValue(tui) ? (Func<AnalyzeArguments, TextWriter, TextWriter, int>)Inspection.AnalyzeUi.Run : Run)(
            new AnalyzeArguments(
                parse.GetValue(file)!,
                parse.GetValue(csv),
                parse.GetValue(json),
                parse.GetValue(filter),
                parse.GetValue(idle))
            {
                MaxConnections = parse.GetValue(maxConnections),
                GroupBy = parse.GetValue(groupBy),
                TimeWaitSeconds = parse.GetValue(timeWait),
                PortRange = parse.GetValue(portRange),
                FailOn = parse.GetValue(failOn),
                Thresholds = parse.GetValue(threshold) ?? [],
                Manifest = parse.GetValue(manifestFile),
                NoManifest = parse.GetValue(noManifest),
            },
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>The one-line error for a <c>--max-connections</c> below 1 (analyze and the live commands).</summary>
    public const string MaxConnectionsProblem = "--max-connections must be at least 1";

    /// <summary>The tracker's order queues' first size (<see cref="ConnectionTrackerOptions.InitialQueueCapacity"/>): 1 MiB each.</summary>
    private const int AnalysisQueueCapacity = 1 << 16;

    /// <summary>Runs the analysis and writes the report; returns the exit code.</summary>
    public static int Run(AnalyzeArguments args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, out _);

    /// <summary>Runs the analysis and writes the report; <paramref name="report"/> is the per-group report and its findings (null when nothing was analysed).</summary>
    public static int Run(AnalyzeArguments args, TextWriter stdout, TextWriter stderr, out AnalysisReport? report) =>
        Run(args, stdout, stderr, hooks: null, out report);

    /// <summary>As <see cref="Run(AnalyzeArguments, TextWriter, TextWriter, out AnalysisReport?)"/>, with <paramref name="hooks"/> watching the analysis (the terminal UI).</summary>
    public static int Run(AnalyzeArguments args, TextWriter stdout, TextWriter stderr, AnalyzeHooks? hooks, out AnalysisReport? report)
    {
        report = null;
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.IdleTimeoutSeconds <= 0 || double.IsNaN(args.IdleTimeoutSeconds))
        {
            return Cli.Error(stderr, "--idle-timeout must be a positive number of seconds", ExitCodes.NoResults);
        }

        if (args.MaxConnections < 1)
        {
            return Cli.Error(stderr, MaxConnectionsProblem, ExitCodes.NoResults);
        }

        if (!ReportSettings.TryCreate(args, out ReportSettings? settings, out string settingsError))
        {
            return Cli.Error(stderr, settingsError, ExitCodes.NoResults);
        }

        BpfFilter? bpf = null;
        if (!string.IsNullOrWhiteSpace(args.Filter))
        {
            bpf = BpfFilter.TryCreate(args.Filter, out string filterError);
            if (bpf is null)
            {
                return Cli.Error(stderr, filterError, ExitCodes.NoResults);
            }
        }

        using (bpf)
        {
            CaptureOpenStatus status = CaptureFileReader.TryOpen(args.File, out CaptureFileReader? reader, out string openError);
            if (status != CaptureOpenStatus.Opened || reader is null)
            {
                return Cli.Error(stderr, openError, ExitCodes.NoResults);
            }

            using (reader)
            {
                hooks?.Opened?.Invoke(reader.FileLength, settings);
                return Analyze(args, settings, reader, bpf, stdout, stderr, hooks, out report);
            }
        }
    }

    private static int Analyze(
        AnalyzeArguments args, ReportSettings settings, CaptureFileReader reader, BpfFilter? bpf, TextWriter stdout, TextWriter stderr, AnalyzeHooks? hooks,
        out AnalysisReport report)
    {
        var sinks = new ConnectionSinks();
        var summary = new SummaryBuilder();
        sinks.Add(summary);
        ConnectionGrouping grouping = settings.Grouping();
        var groups = new GroupReportBuilder(grouping, settings.Options);
        sinks.Add(hooks?.Connections is { } watcher ? new ClassifiedSink(groups, watcher) : groups);
        DeferredSink<ConnectionCsvWriter>? csv = null;
        DeferredSink<JsonReportWriter>? json = null;
        BackgroundSink? exporters = null;
        try
        {
            var exports = new ConnectionSinks();
            if (args.CsvDirectory is not null)
            {
                Directory.CreateDirectory(args.CsvDirectory);
                csv = new DeferredSink<ConnectionCsvWriter>(() => new ConnectionCsvWriter(
                    args.CsvDirectory, reader.TimestampDigits, grouping: grouping.Clone()));
                exports.Add(csv);
            }

            if (args.JsonFile is not null)
            {
                json = new DeferredSink<JsonReportWriter>(() => new JsonReportWriter(
                    args.JsonFile, reader.TimestampDigits, grouping: grouping.Clone()));
                exports.Add(json);
            }

            if (csv is not null || json is not null)
            {
                // Formatting every row costs about as much as analysing it: do it on the second core.
                exporters = new BackgroundSink(exports);
                sinks.Add(exporters);
            }

            ProgressReporter? progress = hooks is null && ProgressReporter.ShouldShow(reader.FileLength) ? new ProgressReporter(reader.FileLength, stderr) : null;
            var options = new CaptureAnalysisOptions
            {
                Tracker = new ConnectionTrackerOptions
                {
                    IdleTimeout = TimeSpan.FromSeconds(args.IdleTimeoutSeconds),
                    MaxConnections = args.MaxConnections,
                    InitialQueueCapacity = AnalysisQueueCapacity,
                },
                Filter = bpf,
                Progress = hooks?.Progress ?? (progress is null ? null : progress.Report),
                Cancellation = hooks?.Cancellation ?? CancellationToken.None,
            };
            CaptureAnalysisResult result = CaptureAnalysisRunner.Run(reader, options, sinks);
            progress?.Clear();

            CaptureSummary captureSummary = summary.Build(Facts(reader, result) with { Capturer = settings.Options.Manifest?.Capture });
            ToolsReport tools = groups.Build(result.LastPacket);
            IReadOnlyList<Finding> findings = FindingEngine.Evaluate(
                tools, CaptureHealth.From(captureSummary, settings.Options.Manifest, reader.DamageCount), settings.Thresholds);
            report = new AnalysisReport(tools, findings, captureSummary);
            exporters?.Complete();
            csv?.Get().Complete();
            json?.Get().Complete(captureSummary, tools, findings);

            if (settings.ManifestPath is { } manifestPath)
            {
                stdout.WriteLine($"Run manifest: {WireText.EscapeControl(manifestPath)} ({tools.Manifest?.Runs.Count ?? 0} runs)");
            }

            ToolsTextWriter.Write(stdout, tools, findings);
            SummaryTextWriter.Write(stdout, captureSummary);
            if (csv?.Sink is { } c)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {c.FinalPath} ({c.RowsWritten} connections)"));
                (string toolsPath, string seriesPath) = ToolsCsvWriter.Write(args.CsvDirectory!, tools);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {toolsPath} ({tools.Groups.Count} groups)"));
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {seriesPath} ({tools.TimeSeries.Count} rows)"));
                string findingsPath = FindingsCsvWriter.WriteFile(args.CsvDirectory!, findings);
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {findingsPath} ({findings.Count} findings)"));
            }

            if (json?.Sink is { } j)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {j.FinalPath} ({j.ConnectionsWritten} connections)"));
            }

            foreach (CaptureDamage damage in result.Damage)
            {
                stderr.WriteLine($"wirelens: {(damage.IsFatal ? "error" : "warning")}: {reader.DisplayName}: {damage.Message}");
            }

            if (reader.DamageCount > result.Damage.Count)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wirelens: warning: {reader.DamageCount - result.Damage.Count} more damaged records not listed"));
            }

            if (groups.LateConnections > 0)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wirelens: warning: {reader.DisplayName}: {groups.LateConnections:N0} connections came after their time in the report's sweep (the capture's clock stepped back more than {GroupReportBuilder.SweepDelay.TotalSeconds:0.#} s); per-second gauges count them, concurrency and TIME_WAIT peaks may miss them"));
            }

            if (result.Cancelled)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wirelens: interrupted after {result.Packets.Packets:N0} packets; the report covers them"));
                return ExitCodes.Interrupted;
            }

            if (reader.DamageCount > 0)
            {
                return ExitCodes.Damaged;
            }

            return settings.FailOn is { } failOn && FindingEngine.FailsOn(findings, failOn) ? ExitCodes.FailOn : ExitCodes.Success;
        }
        finally
        {
            exporters?.Dispose();
            csv?.Sink?.Dispose();
            json?.Sink?.Dispose();
        }
    }

    private static CaptureFacts Facts(CaptureFileReader reader, CaptureAnalysisResult result)
    {
        PacketCounts p = result.Packets;
        return new CaptureFacts
        {
            FileName = reader.DisplayName,
            Format = (reader.Format == CaptureFormat.PcapNg ? "pcapng" : "pcap") + (reader.IsCompressed ? " (gzip)" : string.Empty),
            TimestampDigits = reader.TimestampDigits,
            PacketsRead = p.Packets,
            TcpPackets = p.Tcp,
            NonTcpPackets = p.NotIp + p.NotTcp + p.UnsupportedLinkType,
            FragmentsSkipped = p.Fragments,
            TruncatedPackets = p.Truncated,
            MalformedPackets = p.Malformed,
            FirstPacketTime = result.FirstPacket,
            LastPacketTime = result.LastPacket,
            DamageMessages = [.. result.Damage.Select(d => d.Message)],
        };
    }
}

/// <summary>Adds each connection to the per-group report, then hands it on with the group and tool the report chose.</summary>
/// <param name="groups">The report's builder.</param>
/// <param name="next">The consumer that also needs the classification.</param>
internal sealed class ClassifiedSink(GroupReportBuilder groups, IGroupedConnectionSink next) : IConnectionSink
{
    public void OnConnection(ConnectionRecord record) => next.OnConnection(record, groups.Add(record));
}

/// <summary>What watches an analysis as it runs (the terminal UI over a file).</summary>
public sealed record AnalyzeHooks
{
    /// <summary>The file opened: its length (null when unknown) and the report settings in force.</summary>
    public Action<long?, ReportSettings>? Opened { get; init; }

    /// <summary>One more consumer of the released connections, given each one's group and tool as the report classified it.</summary>
    public IGroupedConnectionSink? Connections { get; init; }

    /// <summary>Called every 65,536 packets and at the end with (bytes read, packets read).</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Stops reading the file early (the user quit the UI): the report covers what was read, exit code 130.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>What an analysis found: the per-group report, its findings and the capture summary.</summary>
public sealed record AnalysisReport(ToolsReport Tools, IReadOnlyList<Finding> Findings, CaptureSummary Summary);

/// <summary>The parsed arguments of `wirelens analyze`.</summary>
public sealed record AnalyzeArguments(string File, string? CsvDirectory, string? JsonFile, string? Filter, double IdleTimeoutSeconds)
{
    /// <summary><c>--max-connections</c>: open connections held at most (at least 1); beyond it the least recently active is evicted.</summary>
    public int MaxConnections { get; init; } = ConnectionTrackerOptions.DefaultMaxConnections;

    /// <summary><c>--group-by</c>: run, tool, client, server or none; null for the default (run with a manifest, else tool).</summary>
    public string? GroupBy { get; init; }

    /// <summary><c>--time-wait</c> seconds.</summary>
    public double TimeWaitSeconds { get; init; } = GroupReportOptions.DefaultTimeWaitSeconds;

    /// <summary><c>--port-range LOW-HIGH</c>; null for the manifest's, else Linux's default.</summary>
    public string? PortRange { get; init; }

    /// <summary><c>--fail-on warning|error</c>.</summary>
    public string? FailOn { get; init; }

    /// <summary><c>--manifest FILE</c>: the run manifest to read instead of looking beside the capture.</summary>
    public string? Manifest { get; init; }

    /// <summary><c>--no-manifest</c>: read no run manifest.</summary>
    public bool NoManifest { get; init; }

    /// <summary><c>--threshold NAME=VALUE[,...]</c> specs, applied in order.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];
}
