using System.Diagnostics;
using WireLens.Cli.Live;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// `wirelens run` as a child process under stress: real capture drops (a tiny kernel buffer and a stalled capture
/// thread; a stalled analysis thread), and signals in the middle of a run (SIGINT, SIGTERM, SIGKILL). Each test is
/// bounded in time and checks what it observes: the manifest's counters, the capture file read by tshark, the report,
/// the processes left behind.
/// </summary>
public sealed class LiveRobustnessTests
{
    private static readonly TimeSpan s_runLimit = TimeSpan.FromSeconds(90);

    // Segments tshark saw acknowledged or followed without seeing them: what a capturer that dropped packets leaves.
    private const string MissingSegments = "tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment";

    [Fact]
    public async Task KernelBufferOverflow_DropsCountedInManifestAndReport_CaptureMissesSegments()
    {
        // Arrange: a 1 MiB ring and a capture thread asleep for 1.5 s while wrk loads the target.
        Require.Root();
        Require.Tool("wrk", "wrk");
        string outDir = TestPaths.NewTempDirectory("wl-drops");

        // Act
        ProcessResult result = await LiveCli.RunAsync(
            s_runLimit, "run", "--tool", "wrk", "-c", "4", "-d", "2", "--buffer-mb", "1", "--debug-stall-capture-ms", "1500", "--out", outDir);

        // Assert
        Assert.True(result.Succeeded, result.Describe("wirelens run"));
        string folder = LiveCli.RunFolder(outDir);
        CaptureInfo capture = LiveCli.Manifest(folder).Capture!;
        Assert.True(capture.DroppedByKernel > 0, $"dropped_by_kernel {capture.DroppedByKernel}");
        Assert.True(capture.Received > capture.DroppedByKernel, $"received {capture.Received}");
        Assert.Contains("capture-incomplete", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("dropped by the capturer", result.StdOut, StringComparison.Ordinal);
        string pcap = Path.Combine(folder, "capture.pcap");
        Assert.True(TShark.Count(pcap, "tcp") > 0);
        Assert.True(TShark.Count(pcap, MissingSegments) > 0, "tshark sees no missing segment in a capture with kernel drops");
    }

    [Fact]
    public async Task AnalysisStalled_QueueDropsCounted_CaptureFileComplete()
    {
        // Arrange: the analysis thread sleeps 5 s; the capture thread hands it a batch at least every 50 ms, so the
        // 64-batch queue (64 MiB) fills within about 3 s whatever the load, while the file keeps every packet.
        Require.Root();
        Require.Tool("wrk", "wrk");
        string outDir = TestPaths.NewTempDirectory("wl-queue");

        // Act
        ProcessResult result = await LiveCli.RunAsync(
            s_runLimit, "run", "--tool", "wrk", "-c", "4", "-d", "4", "--debug-stall-analysis-ms", "5000", "--out", outDir);

        // Assert
        Assert.True(result.Succeeded, result.Describe("wirelens run"));
        string folder = LiveCli.RunFolder(outDir);
        CaptureInfo capture = LiveCli.Manifest(folder).Capture!;
        Assert.True(capture.DroppedByQueue > 0, $"dropped_by_queue {capture.DroppedByQueue}");
        Assert.Equal(0, capture.DroppedByKernel);
        Assert.Contains("capture-incomplete", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("not analysed live", result.StdOut, StringComparison.Ordinal);
        string pcap = Path.Combine(folder, "capture.pcap");
        Assert.True(TShark.Count(pcap, "tcp") > 0);
        Assert.Equal(0, TShark.Count(pcap, MissingSegments));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_MidRun_QuickExit130_CaptureValid_ManifestAndReportWritten(string signal)
    {
        // Arrange: a 30-second wrk run, signalled 2 s after its capture started.
        Require.Root();
        Require.Tool("wrk", "wrk");
        string outDir = TestPaths.NewTempDirectory("wl-signal");
        await using RunningProcess process = LiveCli.Start("run", "--tool", "wrk", "-c", "2", "-d", "30", "--out", outDir);
        Assert.True(await process.WaitForOutputAsync("capturing on", TimeSpan.FromSeconds(30)), process.StdErr);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(process.HasExited, process.StdErr);

        // Act
        var watch = Stopwatch.StartNew();
        process.Signal(signal);
        ProcessResult result = await process.WaitAsync(TimeSpan.FromSeconds(30));
        watch.Stop();

        // Assert
        Assert.False(result.TimedOut, result.Describe("wirelens run"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed} to stop");
        Assert.Equal(130, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        string folder = LiveCli.RunFolder(outDir);
        Assert.True(TShark.Count(Path.Combine(folder, "capture.pcap"), "tcp") > 0);
        RunManifest manifest = LiveCli.Manifest(folder);
        RunEntry run = Assert.Single(manifest.Runs);
        Assert.Equal("wrk", run.Tool);
        Assert.True(run.Stop <= LiveSession.Now(), "the run's stop lies in the future");
        Assert.True(run.Stop.SecondsSince(run.Start) < 20, $"the run lasted {run.Stop.SecondsSince(run.Start)} s of its 30");
        Assert.Contains("Connection behaviour by run", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Saved ", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigkill_MidRun_CapturePrefixReadable_NoOrphanedChildren()
    {
        // Arrange: a 30-second wrk run against the embedded target, killed once wrk has run for 2 s.
        Require.Root();
        Require.Tool("wrk", "wrk");
        string tshark = Require.Tool("tshark", "tshark");
        string outDir = TestPaths.NewTempDirectory("wl-kill");
        await using RunningProcess process = LiveCli.Start("run", "--tool", "wrk", "-c", "2", "-d", "30", "--out", outDir);
        Assert.True(await process.WaitForOutputAsync("capturing on", TimeSpan.FromSeconds(30)), process.StdErr);
        int target = LiveCli.EmbeddedTargetPid(process.StdErr);
        IReadOnlyList<int> wrk = [];
        Assert.True(await LiveCli.EventuallyAsync(() => (wrk = LiveCli.Children(process.Id, "wrk", "30s")).Count == 1, TimeSpan.FromSeconds(10)), "wrk did not start");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.True(LiveCli.IsAlive(target), $"the embedded target (pid {target}) died before the kill: {process.StdErr}");
        Assert.True(LiveCli.IsAlive(wrk[0]), $"wrk (pid {wrk[0]}) died before the kill: {process.StdErr}");

        // Act
        process.Signal("KILL");
        ProcessResult result = await process.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert: the children follow their parent within a few seconds.
        Assert.Equal(137, result.ExitCode);
        Assert.True(await LiveCli.EventuallyAsync(() => !LiveCli.IsAlive(wrk[0]), TimeSpan.FromSeconds(5)), $"wrk (pid {wrk[0]}) outlived the killed CLI");
        Assert.True(await LiveCli.EventuallyAsync(() => !LiveCli.IsAlive(target), TimeSpan.FromSeconds(10)), $"the embedded target (pid {target}) outlived the killed CLI");

        // The file holds what was flushed: tshark reads it, at worst with its last record cut short.
        string pcap = Path.Combine(LiveCli.RunFolder(outDir), "capture.pcap");
        ProcessResult read = await ProcessRunner.RunAsync(tshark, ["-r", pcap, "-n", "-T", "fields", "-e", "frame.number"], TimeSpan.FromSeconds(60));
        Assert.False(read.TimedOut);
        int packets = read.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(packets > 0, read.Describe("tshark"));
        string[] complaints = [.. read.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("Running as user", StringComparison.Ordinal) && !l.StartsWith(' '))];
        Assert.True(
            read.ExitCode == 0 ? complaints.Length == 0 : complaints.All(l => l.Contains("cut short in the middle of a packet", StringComparison.Ordinal)),
            read.Describe("tshark"));

        // WireLens's own analysis of the prefix: a report, or one-line damage errors; never a stack trace.
        ProcessResult analyze = await LiveCli.RunAsync(s_runLimit, "analyze", pcap);
        Assert.False(analyze.TimedOut);
        Assert.True(analyze.ExitCode is 0 or 2, analyze.Describe("wirelens analyze"));
        Assert.DoesNotContain("   at ", analyze.StdErr, StringComparison.Ordinal);
        Assert.All(analyze.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("wirelens: ", l, StringComparison.Ordinal));
        Assert.Contains("Packets read", analyze.StdOut, StringComparison.Ordinal);
    }
}
