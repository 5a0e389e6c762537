using System.Globalization;
using WireLens.EndToEnd.Tests.Reports;
using WireLens.Load.Target;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// `wirelens live` while a load tool it did not start runs: the /proc poller names the owner of each socket, and the
/// report attributes the connections to it by the process rule. Also how live ends on Ctrl-C, and `interfaces`.
/// </summary>
public sealed class LiveProcessAttributionTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Live_KeepAliveWrkMeanwhile_SocketsAndConnectionsAttributedToWrkByProcess()
    {
        // Arrange: the embedded target on its own, and live capturing its port for 6 s.
        Require.Root();
        string wrk = Require.Tool("wrk", "wrk");
        string outDir = TestPaths.NewTempDirectory("wl-attr");
        string csvDir = Path.Combine(outDir, "csv");
        string runs = Path.Combine(outDir, "runs");
        await using RunningProcess target = LiveCli.Start("target", "--http-port", "0", "--https-port", "0", "--h2c-port", "0");
        Assert.True(await target.WaitForOutputAsync(TargetReadyLine.Prefix, s_limit), target.StdErr);
        string readyLine = target.StdOut.Split('\n').First(l => l.StartsWith(TargetReadyLine.Prefix, StringComparison.Ordinal));
        Assert.True(TargetReadyLine.TryParse(readyLine, out TargetReadyLine? ready), readyLine);
        int port = ready.Http.Port;
        await using RunningProcess live = LiveCli.Start(
            "live", "--iface", "lo", "--filter", $"tcp port {port.ToString(CultureInfo.InvariantCulture)}", "-d", "6", "--out", runs, "--csv", csvDir);
        Assert.True(await live.WaitForOutputAsync("capturing on", s_limit), live.StdErr);

        // Act: two keep-alive connections held for 2 s, far longer than the 100 ms poll.
        await using RunningProcess client = ProcessRunner.Start(wrk, ["-t", "1", "-c", "2", "-d", "2s", ready.Http.ToString()]);
        ProcessResult load = await client.WaitAsync(s_limit);
        ProcessResult result = await live.WaitAsync(s_limit);

        // Assert
        Assert.True(load.Succeeded, load.Describe("wrk"));
        Assert.True(result.Succeeded, result.Describe("wirelens live"));
        RunManifest manifest = LiveCli.Manifest(LiveCli.RunFolder(runs));

        // The poller sees every socket of the host (other load may run meanwhile): those towards this target are ours.
        SocketOwner[] toTarget = [.. manifest.Sockets.Where(s => s.RemotePort == port)];
        Assert.True(toTarget.Length >= 2, $"sockets: {string.Join(", ", manifest.Sockets.Select(s => $"{s.Tool}:{s.LocalPort}->{s.RemotePort}"))}");
        Assert.All(toTarget, s => Assert.Equal(("wrk", client.Id), (s.Tool, s.Pid)));

        IReadOnlyList<ReportRow> connections = ReportRow.ReadAll(Path.Combine(csvDir, "connections.csv"));
        int byWrk = connections.Count(c => c["tool"] == "wrk" && c["tool_source"] == "process");
        Assert.True(byWrk >= 2, $"connections: {string.Join("; ", connections.Select(c => c["tool"] + "/" + c["tool_source"]))}");
        IReadOnlyList<ReportRow> tools = ReportRow.ReadAll(Path.Combine(csvDir, "tools.csv"));
        Assert.Contains(tools, t => t["tool"] == "wrk" && t["tool_source"] == "process");
    }

    [Fact]
    public async Task Live_Sigint_Exit0AndReportPrinted()
    {
        // Arrange
        Require.Root();
        string outDir = TestPaths.NewTempDirectory("wl-live-int");
        await using RunningProcess live = LiveCli.Start("live", "--iface", "lo", "--out", outDir);
        Assert.True(await live.WaitForOutputAsync("capturing on", s_limit), live.StdErr);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // Act
        live.Interrupt();
        ProcessResult result = await live.WaitAsync(TimeSpan.FromSeconds(20));

        // Assert: Ctrl-C is how live ends, not an interruption.
        Assert.True(result.Succeeded, result.Describe("wirelens live"));
        Assert.Contains("Packets read", result.StdOut, StringComparison.Ordinal);
        string folder = LiveCli.RunFolder(outDir);
        Assert.True(File.Exists(Path.Combine(folder, "capture.pcap")));
        Assert.Empty(LiveCli.Manifest(folder).Runs);
    }

    [Fact]
    public async Task Interfaces_ListsLoopback_Exit0()
    {
        // Act
        ProcessResult result = await LiveCli.RunAsync(s_limit, "interfaces");

        // Assert
        Assert.True(result.Succeeded, result.Describe("wirelens interfaces"));
        Assert.Contains(result.StdOut.Split('\n'), l => l.StartsWith("lo ", StringComparison.Ordinal) && l.Contains("(loopback)", StringComparison.Ordinal));
    }
}
