using System.Globalization;
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

    /// <summary>
    /// HTTP/1.1 client that closes first, so the client holds TIME_WAIT; with ten local ports it must take ports still
    /// in TIME_WAIT again (net.ipv4.tcp_tw_reuse = 2, the default, allows that for loopback once the last timestamp is
    /// a second old). connect() fails with EADDRNOTAVAIL until one is; the client waits and tries again.
    /// </summary>
    private const string ClosingClient = """
        import errno, socket, sys, time
        port, count = int(sys.argv[1]), int(sys.argv[2])
        done = 0
        deadline = time.monotonic() + 15
        while done < count and time.monotonic() < deadline:
            sock = socket.socket()
            try:
                sock.connect(("127.0.0.1", port))
            except OSError as e:
                sock.close()
                if e.errno != errno.EADDRNOTAVAIL:
                    raise
                time.sleep(0.05)
                continue
            sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: wirelens-reuse/1\r\n\r\n")
            response = b""
            while not response.endswith(b"hello\n"):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                response += chunk
            sock.close()
            done += 1
        sys.exit(0 if done == count else 1)
        """;

    [Fact]
    public async Task ClientClosesFirstOverTenPorts_TimeWaitTuplesReused_AgreesWithTshark()
    {
        // Arrange
        const int connections = 30;
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        string netns = pair.ClientNamespace;
        ProcessResult sysctl = NetNamespacePair.Exec(netns, Require.Tool("sysctl", "procps"), "-w", $"net.ipv4.ip_local_port_range={FirstPort} {FirstPort + 9}");
        Assert.True(sysctl.Succeeded, sysctl.Describe("sysctl"));
        await using NginxServer server = await NginxServer.StartAsync(new NginxOptions { NetworkNamespace = netns });
        string capture = await ScenarioCapture.CaptureAsync(
            "lo",
            $"tcp port {server.Port}",
            () => ScenarioCapture.RunPythonAsync(
                ClosingClient,
                [server.Port.ToString(CultureInfo.InvariantCulture), connections.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(20),
                netns),
            netns);
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [server.Port] });
        Assert.Equal(connections, oracle.Count);
        var streamsPerClient = oracle.Values.GroupBy(o => o.SynSender).ToDictionary(g => g.Key ?? "?", g => g.Count());
        Assert.True(streamsPerClient.Count <= 10, $"{streamsPerClient.Count} client ports: the port range was not applied");
        Assert.True(streamsPerClient.Values.Max() > 1, "no client port was taken again from TIME_WAIT");
        TestContext.Current.TestOutputHelper?.WriteLine($"{oracle.Count} streams over {streamsPerClient.Count} client ports, at most {streamsPerClient.Values.Max()} per port");

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records, r =>
        {
            Assert.Equal(CloseKind.ClientFin, r.CloseKind);
            Assert.Equal(Side.Client, r.TimeWaitSide);
            Assert.Equal(1, r.HttpRequests);
            Assert.Equal("wirelens-reuse/1", r.UserAgent);
        });
    }

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
