using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Connection churn that makes Linux reuse client ports: in a namespace of its own, the ephemeral range is cut to 100
/// ports and ab opens 1500 connections. nginx closes each one first (HTTP/1.0 without keep-alive), so the TIME_WAIT is
/// the server's and does not stop the client from taking the same port again; the server accepts a SYN for a 4-tuple
/// in TIME_WAIT. Every reused 4-tuple becomes a new tcp.stream in tshark, which is the numbering WireLens must copy.
/// </summary>
public sealed class PortReuseScenarioTests
{
    private const int Requests = 1500;
    private const int FirstPort = 40000;
    private const int LastPort = 40099;

    /// <summary>
    /// Every segment here is under 1 KB, and 15,000 of them arrive within a second or two. With --immediate-mode
    /// the ring has fixed slots as large as lo's 64 KiB MTU, about a thousand in 64 MiB; on a busy machine tcpdump
    /// then dropped 726 packets. 2 KiB slots hold thirty times more; the test checks that no frame was cut.
    /// </summary>
    private const int Snaplen = 2048;

    [Fact]
    public async Task AbChurnOverHundredPorts_ReusedTuplesAreNewStreams_AgreesWithTshark()
    {
        // Arrange: the namespace's own port range (net.ipv4.ip_local_port_range is per network namespace).
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        string netns = pair.ClientNamespace;
        ProcessResult sysctl = NetNamespacePair.Exec(netns, Require.Tool("sysctl", "procps"), "-w", $"net.ipv4.ip_local_port_range={FirstPort} {LastPort}");
        Assert.True(sysctl.Succeeded, sysctl.Describe("sysctl"));
        await using NginxServer server = await NginxServer.StartAsync(new NginxOptions { NetworkNamespace = netns });
        int port = server.Port;
        string capture = await ScenarioCapture.CaptureAsync(
            "lo",
            $"tcp port {port}",
            () =>
            {
                LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-n", $"{Requests}", "-c", "10", server.BaseUrl + "/"], netns: netns);
                return Task.CompletedTask;
            },
            netns,
            snaplen: Snaplen);
        Assert.Equal(0, TShark.Count(capture, "frame.cap_len < frame.len"));
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(Requests, oracle.Values.Sum(o => o.HttpRequests));

        // The capture reuses client 4-tuples: tshark gives one client endpoint several streams.
        var streamsPerClient = oracle.Values.GroupBy(o => o.SynSender).ToDictionary(g => g.Key ?? "?", g => g.Count());
        Assert.True(streamsPerClient.Count <= LastPort - FirstPort + 1, $"{streamsPerClient.Count} client ports: the port range was not applied");
        Assert.True(streamsPerClient.Values.Max() > 1, "no client 4-tuple carries two streams");
        TestContext.Current.TestOutputHelper?.WriteLine($"{oracle.Count} streams over {streamsPerClient.Count} client ports, at most {streamsPerClient.Values.Max()} per port");

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert: same stream numbers, same fields; and WireLens itself sees the reuse.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(oracle.Count, records.Count);
        Assert.All(records, r => Assert.InRange(r.ClientPort, FirstPort, LastPort));
        Assert.Contains(records.GroupBy(r => r.ClientPort), g => g.Count() > 1);
        Assert.All(records.Where(r => r.HttpRequests > 0), r =>
        {
            Assert.Equal(CloseKind.ServerFin, r.CloseKind);
            Assert.Equal(ZeekConnState.SF, r.ConnState);
            Assert.False(r.RoleGuessed);
        });
    }
}
