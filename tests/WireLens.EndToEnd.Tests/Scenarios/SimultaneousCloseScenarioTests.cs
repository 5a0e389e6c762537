using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Simultaneous close: both ends of a connection send their FIN before either has received the other's. Plain
/// loopback delivers a segment inside the sender's system call, so two racing shutdown() calls rarely overlap (about
/// one in ten with threads; with two spinning processes it depends on both having a core, seen 0 of 150 on a busy
/// machine). So the link gets a delay instead: in a namespace of its own, lo is shaped by a token bucket (tc tbf,
/// 200 kbit/s, MTU 1500), the client queues 6000 bytes, and both ends shut down right after a barrier. The client's
/// FIN waits behind its data in the qdisc, the server's FIN is built before any of it arrives, and each FIN
/// acknowledges only what came before the other's FIN. The capture then shows it by sequence numbers.
/// </summary>
public sealed class SimultaneousCloseScenarioTests
{
    private const int Attempts = 6;

    private const string ShutdownBothAtOnce = """
        import socket, sys, threading
        port, attempts = int(sys.argv[1]), int(sys.argv[2])
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)

        def finish(sock, barrier):
            barrier.wait()
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(65536):
                pass
            sock.close()

        for _ in range(attempts):
            client = socket.create_connection(("127.0.0.1", port))
            server, _ = listener.accept()
            client.sendall(b"x" * 6000)
            barrier = threading.Barrier(2)
            other = threading.Thread(target=finish, args=(server, barrier))
            other.start()
            finish(client, barrier)
            other.join()
        """;

    [Fact]
    public async Task DelayedLink_BothShutDownAtOnce_SimultaneousClose_AgreesWithTshark()
    {
        // Arrange: a namespace whose lo has a real queue (tc tbf); segments must fit the bucket, hence MTU 1500.
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        string netns = pair.ClientNamespace;
        string ip = Require.Tool("ip", "iproute2");
        AssertRuns(ProcessRunner.Run(ip, ["-n", netns, "link", "set", "lo", "mtu", "1500"], TimeSpan.FromSeconds(10)), "ip link set lo mtu");
        AssertRuns(
            NetNamespacePair.Exec(netns, Require.Tool("tc", "iproute2"), "qdisc", "add", "dev", "lo", "root", "tbf", "rate", "200kbit", "burst", "3000", "latency", "2s"),
            "tc qdisc add tbf");
        int port = FreePort.Get();
        string capture = await ScenarioCapture.CaptureAsync(
            "lo",
            $"tcp port {port}",
            () => ScenarioCapture.RunPythonAsync(
                ShutdownBothAtOnce,
                [port.ToString(CultureInfo.InvariantCulture), Attempts.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(20),
                netns),
            netns: netns);

        // One FIN per side per stream; simultaneous when neither FIN's ACK covers the other FIN (relative numbers:
        // the FIN of a segment with sequence number s and length n occupies s + n, so covering it takes ack > s + n).
        var fins = TShark.Fields(capture, ["tcp.stream", "tcp.seq", "tcp.ack", "tcp.len"], new TsharkOptions { DisplayFilter = "tcp.flags.fin == 1" })
            .Select(f => (Stream: long.Parse(f[0], CultureInfo.InvariantCulture), Seq: long.Parse(f[1], CultureInfo.InvariantCulture), Ack: long.Parse(f[2], CultureInfo.InvariantCulture), Len: long.Parse(f[3], CultureInfo.InvariantCulture)))
            .GroupBy(f => f.Stream)
            .ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Attempts, fins.Count);
        Assert.All(fins.Values, f => Assert.Equal(2, f.Count));
        var simultaneous = fins
            .Where(kv => kv.Value[0].Ack <= kv.Value[1].Seq + kv.Value[1].Len && kv.Value[1].Ack <= kv.Value[0].Seq + kv.Value[0].Len)
            .Select(kv => kv.Key)
            .ToHashSet();
        TestContext.Current.TestOutputHelper?.WriteLine($"{simultaneous.Count} of {Attempts} closes simultaneous");
        Assert.True(simultaneous.Count >= Attempts / 2, $"only {simultaneous.Count} of {Attempts} closes were simultaneous");
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions());

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert: WireLens calls exactly those connections simultaneous, and both sides go through TIME_WAIT.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(
            simultaneous.Order().ToList(),
            records.Where(r => r.CloseKind == CloseKind.Simultaneous).Select(r => r.Stream).Order().ToList());
        Assert.All(records.Where(r => simultaneous.Contains(r.Stream)), r =>
        {
            Assert.Equal(Side.Both, r.TimeWaitSide);
            Assert.Equal(ZeekConnState.SF, r.ConnState);
        });
    }

    private static void AssertRuns(ProcessResult result, string what) => Assert.True(result.Succeeded, result.Describe(what));
}
