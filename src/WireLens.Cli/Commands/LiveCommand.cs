using System.CommandLine;
using System.Globalization;
using WireLens.Capture.Live;
using WireLens.Cli.Live;
using WireLens.Cli.Terminal;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens live`: capture only, while the user runs whatever they like; connections are attributed to processes
/// through /proc. Ctrl-C (or --duration) ends it: the capture and its manifest are saved, then reported.
/// </summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var options = new LiveOptions();
        var label = new Option<string>("--label") { Description = "The run's name (its folder's suffix).", DefaultValueFactory = _ => "live" };
        var duration = new Option<double?>("--duration", "-d") { Description = "Stop after this many seconds instead of at Ctrl-C." };
        var groupBy = new Option<string?>("--group-by") { Description = "Report groups: tool (default), client, server, run or none." };
        var command = new Command("live", "Capture while you run any load; Ctrl-C ends it and prints the report.") { label, duration, groupBy };
        options.AddTo(command);
        command.SetAction(parse => Run(
            options.Read(parse), parse.GetValue(label)!, parse.GetValue(duration), parse.GetValue(groupBy) ?? "tool", Console.Out, Console.Error));
        return command;
    }

    public static int Run(LiveSettings settings, string label, double? durationSeconds, string groupBy, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        if (settings.Problem() is { } problem)
        {
            return Cli.Error(stderr, problem, ExitCodes.NoResults);
        }

        if (durationSeconds is <= 0 or > 86_400 || double.IsNaN(durationSeconds ?? 0))
        {
            return Cli.Error(stderr, "--duration must be from 0 to 86400 seconds", ExitCodes.NoResults);
        }

        using var signal = new StopSignal();
        string filter = settings.Filter ?? "tcp";
        string iface = settings.Interface ?? "any";
        if (!Inspection.TuiSession.ShouldShow(settings.NoTui))
        {
            return Capture(settings, label, durationSeconds, groupBy, iface, filter, signal, inspection: null, stdout, stderr);
        }

        using var inspection = new Inspection.CampaignInspection($"{iface} ({filter})", signal.Request, paths => new Inspection.CaptureDetailSource(paths));
        using var closing = new CancellationTokenSource();
        using CancellationTokenRegistration terminated = signal.Token.Register(() =>
        {
            if (!signal.Requested)
            {
                closing.Cancel();
            }
        });
        return Inspection.TuiSession.Run(
            inspection, (o, e) => Capture(settings, label, durationSeconds, groupBy, iface, filter, signal, inspection, o, e), inspection.Failed, stdout, stderr, closing.Token);
    }

    private static int Capture(
        LiveSettings settings, string label, double? durationSeconds, string groupBy, string iface, string filter, StopSignal signal,
        Inspection.CampaignInspection? inspection, TextWriter stdout, TextWriter stderr)
    {
        Func<string, ILiveWatcher>? watch = inspection is null ? null : path => inspection.Watch(
            label, path, LiveGrouping(groupBy), settings.ReportOptions(), settings.ReportThresholds());
        if (!settings.TryStartSession(label, iface, filter, scanProcesses: true, out LiveSession? session, out string error, watch))
        {
            return Cli.Error(stderr, error, ExitCodes.NoResults);
        }

        using (session)
        {
            stderr.WriteLine($"wirelens: capturing on {session!.Interface} ({filter}) into {session.CapturePath}; "
                + (durationSeconds is { } d ? string.Create(CultureInfo.InvariantCulture, $"stopping after {d:0.###} s or at Ctrl-C") : "Ctrl-C ends it"));
            using (new LiveStatusLine(session.Analysis, () => "live", stderr, show: inspection is null))
            {
                WaitHandle.WaitAny([signal.Token.WaitHandle], durationSeconds is { } s ? TimeSpan.FromSeconds(s) : Timeout.InfiniteTimeSpan);
            }

            inspection?.Stopping();
            return Finish(session, settings, groupBy, stdout, stderr, inspection);
        }
    }

    // What the live view groups by: the final report's grouping, from what the capture shows (no manifest yet).
    private static ConnectionGrouping LiveGrouping(string groupBy) => groupBy switch
    {
        "client" => new ConnectionGrouping(GroupBy.Client, () => new ToolAttributor(fingerprints: FingerprintTable.Default)),
        "server" => new ConnectionGrouping(GroupBy.Server, () => new ToolAttributor(fingerprints: FingerprintTable.Default)),
        "none" => new ConnectionGrouping(GroupBy.None, () => new ToolAttributor(fingerprints: FingerprintTable.Default)),
        _ => ConnectionGrouping.ByToolFromCapture(),
    };

    private static int Finish(
        LiveSession session, LiveSettings settings, string groupBy, TextWriter stdout, TextWriter stderr, Inspection.CampaignInspection? inspection)
    {
        LiveCaptureStatistics stats = session.Stop();
        inspection?.RunStopped(stats.Dropped);
        inspection?.Analysing();
        string manifestPath = Path.Combine(session.Folder, RunFolders.ManifestFile);
        var manifest = new RunManifest(RunManifest.CurrentVersion, session.CaptureInfo(), [])
        {
            Sockets = session.Scanner?.Owners() ?? [],
        };
        RunManifestJson.Write(manifestPath, manifest);
        LiveReport.WriteSaved(stdout, session.CapturePath, manifestPath, stats, manifest.Sockets.Count);
        if (session.Scanner is { Overflow: > 0 } scanner)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wirelens: warning: {scanner.Overflow} more sockets seen than the manifest keeps ({RunManifestJson.MaxSockets})"));
        }

        int code = AnalyzeCommand.Run(
            settings.AnalyzeArguments(session.CapturePath, manifestPath, groupBy), stdout, stderr, inspection?.FinalHooks(0), out AnalysisReport? report);
        if (report is not null)
        {
            inspection?.Finished(report.Tools, report.Findings, report.Summary.Capture.FirstPacketTime, report.Summary.Capture.PacketsRead);
        }

        // Ctrl-C is how live ends: not an interruption.
        return code;
    }
}
