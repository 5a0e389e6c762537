using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Simultaneous close on loopback: two sockets of one connection call shutdown(SHUT_WR) right after a barrier. When
/// both threads are inside shutdown at once, each socket is locked by its own thread, the peer's FIN waits in the
/// socket backlog, and each FIN leaves acknowledging only the peer's data, not its FIN. That race is won in roughly
/// one attempt of ten on an idle two-core machine, so the test makes many attempts and checks by sequence numbers
/// which connections really closed simultaneously.
/// </summary>
public sealed class SimultaneousCloseScenarioTests
{
    private const int Attempts = 150;

    private const string RacingClose = """
        import socket, sys, threading
        port, attempts = int(sys.argv[1]), int(sys.argv[2])
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)

        def close(sock, barrier):
            barrier.wait()
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(16):
                pass
            sock.close()

        for _ in range(attempts):
            client = socket.create_connection(("127.0.0.1", port))
            server, _ = listener.accept()
            client.sendall(b"ping")
            server.recv(16)
            server.sendall(b"pong")
            client.recv(16)
            barrier = threading.Barrier(2)
            other = threading.Thread(target=close, args=(server, barrier))
            other.start()
            close(client, barrier)
            other.join()
        """;

    [Fact]
    public async Task RacingShutdowns_SomeClosesAreSimultaneous_AgreesWithTshark()
    {
        // Arrange
        int port = FreePort.Get();
        string capture = await ScenarioCapture.CaptureAsync("lo", $"tcp port {port}", async () =>
        {
            await ScenarioCapture.RunPythonAsync(
                RacingClose,
                [port.ToString(CultureInfo.InvariantCulture), Attempts.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(30));
        });

        // Each stream has one FIN per side; it is simultaneous when neither FIN's ACK covers the other FIN.
        var fins = TShark.Fields(capture, ["tcp.stream", "tcp.seq_raw", "tcp.ack_raw", "tcp.len"], new TsharkOptions { DisplayFilter = "tcp.flags.fin == 1" })
            .Select(f => (Stream: long.Parse(f[0], CultureInfo.InvariantCulture), Seq: uint.Parse(f[1], CultureInfo.InvariantCulture), Ack: uint.Parse(f[2], CultureInfo.InvariantCulture), Len: uint.Parse(f[3], CultureInfo.InvariantCulture)))
            .GroupBy(f => f.Stream)
            .ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Attempts, fins.Count);
        Assert.All(fins.Values, f => Assert.Equal(2, f.Count));
        var simultaneous = fins
            .Where(kv => kv.Value[0].Ack == kv.Value[1].Seq + kv.Value[1].Len && kv.Value[1].Ack == kv.Value[0].Seq + kv.Value[0].Len)
            .Select(kv => kv.Key)
            .ToHashSet();
        Assert.True(simultaneous.Count > 0, $"no simultaneous close in {Attempts} attempts");
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions());

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert: WireLens calls exactly those connections simultaneous, and no side holds TIME_WAIT alone.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(
            simultaneous.Order().ToList(),
            records.Where(r => r.CloseKind == CloseKind.Simultaneous).Select(r => r.Stream).Order().ToList());
        Assert.All(records.Where(r => simultaneous.Contains(r.Stream)), r => Assert.Equal(Side.Both, r.TimeWaitSide));
        Assert.All(records.Where(r => !simultaneous.Contains(r.Stream)), r => Assert.Contains(r.CloseKind, new[] { CloseKind.ClientFin, CloseKind.ServerFin }));
    }
}
