using System.Globalization;
using WireLens.Capture.Live;
using WireLens.Cli.Commands;
using WireLens.Cli.Terminal;
using WireLens.Load;
using WireLens.Reporting.Runs;
using WireLens.Wire;

namespace WireLens.Cli.Live;

/// <summary>
/// Captures one load run: creates its folder, starts the capture, runs the tool, waits for the last packets, stops the
/// capture, saves the tool's output and writes the manifest. A signal stops the tool (SIGINT, then kill) and everything
/// after it still happens, so the file and the manifest are always complete.
/// </summary>
public static class CapturedLoadRun
{
    /// <summary>How long the capture goes on after the tool exited: the last FIN/ACKs and RSTs are on the wire by then.</summary>
    public static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the capture runs before the tool starts, so that its first SYN is captured.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="request"/> under capture; null with a one-line <paramref name="error"/> when the capture cannot start.</summary>
    public static CapturedRun? Run(
        LoadRunRequest request, LiveSettings live, string interfaceName, string filter, string target, TextWriter stderr, out string error,
        CancellationToken stop, Inspection.CampaignInspection? inspection = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(stderr);
        Func<string, ILiveWatcher>? watch = inspection is null ? null : capturePath => inspection.RunStarting(
            request.Label, request.Tool.Name, $"{interfaceName} ({filter})", capturePath, live.ReportOptions(), live.ReportThresholds(), LiveSession.Now());
        if (!live.TryStartSession(request.Label, interfaceName, filter, scanProcesses: false, out LiveSession? session, out error, watch))
        {
            return null;
        }

        string folder = session!.Folder;
        using (session)
        {
            stderr.WriteLine($"wirelens: {request.Label}: capturing on {session.Interface} ({filter}) into {folder}");
            LoadResult? result = null;
            Timestamp start = LiveSession.Now();
            using (new LiveStatusLine(session.Analysis, () => request.Label, stderr, show: inspection is null))
            {
                if (!stop.WaitHandle.WaitOne(Lead))
                {
                    start = LiveSession.Now();
                    result = new LoadRunner().RunAsync(request.Tool, request.Plan, stop).GetAwaiter().GetResult();
                }

                // Whatever happened, let the last packets arrive (a signal does not cut this short: it is 300 ms).
                inspection?.Stopping();
                Thread.Sleep(Tail);
            }

            Timestamp end = LiveSession.Now();
            LiveCaptureStatistics stopped = session.Stop();
            inspection?.RunStopped(stopped.Dropped);
            SaveOutput(folder, result);
            string manifestPath = Path.Combine(folder, RunFolders.ManifestFile);
            var entry = new RunEntry(
                Label: request.Label,
                Tool: request.Tool.Name,
                ToolVersion: result?.Version,
                Command: request.Plan.Process.CommandLine,
                Target: target,
                Concurrency: request.Plan.Concurrency,
                Start: result is null ? start : Timestamp.FromDateTime(result.Started),
                Stop: result is null ? end : Max(Timestamp.FromDateTime(result.Stopped), Timestamp.FromDateTime(result.Started)),
                Summary: result?.Summary);
            RunManifestJson.Write(manifestPath, new RunManifest(RunManifest.CurrentVersion, session.CaptureInfo(), [entry]));
            LiveCaptureStatistics s = session.Statistics;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wirelens: {request.Label}: {Describe(result)}; {s.Written:N0} packets captured, {s.DroppedByKernel + s.DroppedByInterface:N0} dropped"));
            return new CapturedRun(request, folder, session.CapturePath, manifestPath, result, stop.IsCancellationRequested, s);
        }
    }

    private static string Describe(LoadResult? result)
    {
        if (result is null)
        {
            return "interrupted before the tool started";
        }

        string how = result.TimedOut ? "stopped at its time limit" : result.Interrupted ? "interrupted" : $"exited with {result.Output.ExitCode}";
        string says = result.Summary?.Requests is { } n ? string.Create(CultureInfo.InvariantCulture, $", says {n:N0} requests") : string.Empty;
        return $"{result.Tool} {how}{says}";
    }

    private static void SaveOutput(string folder, LoadResult? result)
    {
        if (result is null)
        {
            return;
        }

        File.WriteAllText(Path.Combine(folder, "tool-stdout.txt"), result.Output.Stdout);
        File.WriteAllText(Path.Combine(folder, "tool-stderr.txt"), result.Output.Stderr);
    }

    private static Timestamp Max(Timestamp a, Timestamp b) => a > b ? a : b;
}
