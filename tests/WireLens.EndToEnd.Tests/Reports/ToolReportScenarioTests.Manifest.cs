using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Reporting.Runs;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.EndToEnd.Tests.Reports;

public sealed partial class ToolReportScenarioTests
{
    [Fact]
    public async Task Wrk_WithRunManifest_GroupIsTheRun_ToolFiguresBesideTheCapture()
    {
        // Arrange: wrk under a run manifest that the test writes beside the capture, as a live run would. The run's
        // window is the wall clock around the process; tcpdump stamps packets with the same clock (CLOCK_REALTIME).
        const int connections = 10;
        string? version = WrkOutput.Version(ProcessRunner.Run(Require.Tool("wrk", "wrk"), ["-v"], TimeSpan.FromSeconds(10)).StdOut);
        Timestamp start = default;
        Timestamp stop = default;
        ProcessResult? wrk = null;
        string[] command = [];
        string target = string.Empty;
        (string capture, _) = await CaptureAsync(server =>
        {
            target = server.BaseUrl + "/";
            command = ["wrk", "-t", "2", "-c", $"{connections}", "-d", "1s", target];
            start = WallClock();
            wrk = LoopbackLoad.Tool("wrk", "wrk", command[1..]);
            stop = WallClock();
            return Task.CompletedTask;
        });
        ToolSummary said = WrkOutput.Parse(wrk!.StdOut);
        Assert.True(said.Requests > connections * 50, $"wrk says {said.Requests} requests");
        var run = new RunEntry("wrk", "wrk", version, command, target, connections, start, stop, said);
        RunManifestJson.Write(
            Path.Combine(Path.GetDirectoryName(capture)!, "run.json"),
            new RunManifest(RunManifest.CurrentVersion, new CaptureInfo(Path.GetFileName(capture), "lo", null, null, null, null), [run]));

        // Act: the manifest is found beside the capture and groups by run.
        ToolReport report = ToolReport.Analyze(capture, a => a with { NoManifest = false });

        // Assert: the run names the group and its tool, the probe connection included; tools.csv carries what wrk said.
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Run manifest: ", report.Output, StringComparison.Ordinal);
        report.AssertGroups("wrk");
        ReportRow group = AssertNamed(report, "wrk", "wrk", "run");
        Assert.Equal(said.Requests, group.Count("tool_says_requests"));
        Assert.Equal(connections, group.Count("tool_says_connections"));
        Assert.Equal(said.Errors, group.Count("tool_says_errors"));
        Assert.Equal(connections, group.Count("run_concurrency"));
        Assert.Equal(version ?? string.Empty, group["run_tool_version"]);
        Assert.InRange(group.Count("connections"), connections, connections + 1);
        Assert.InRange(group.Count("concurrent_peak"), connections, connections + 1);

        // wrk counts the responses it read; the capture also has the requests still unanswered when the duration
        // ended, at most one per connection.
        Assert.InRange(group.Count("requests"), said.Requests!.Value, said.Requests.Value + connections);

        // Every connection, the probe without a request among them, opened inside the run's window (connections.csv
        // times have microseconds: the SYN's time is truncated, so it may read up to 1 µs before the start).
        Assert.All(report.Connections, c =>
        {
            Assert.Equal("wrk", c["group"]);
            Assert.InRange(c.UnixNanoseconds("syn_time"), start.UnixNanoseconds - 1_000, stop.UnixNanoseconds);
        });
        Assert.InRange(report.Connections.Count(c => c.Count("http_requests") == 0), 0, 1);
        report.AssertFindings();
        GoldenFile.Assert("reports/wrk-run-manifest.txt", report.StableText($"wrk -t 2 -c {connections} -d 1s URL/ with run.json (run wrk)"));
    }

    private static Timestamp WallClock() =>
        new((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick);
}
