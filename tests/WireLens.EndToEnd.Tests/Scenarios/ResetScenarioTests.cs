using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>Connections that end in an RST: a port nobody listens on, and a server that aborts after reading the request.</summary>
public sealed class ResetScenarioTests
{
    private const int Invocations = 5;

    /// <summary>Accepts N connections; reads one request from each and aborts it with SO_LINGER {1, 0} (an RST, no FIN).</summary>
    private const string AbortingServer = """
        import socket, struct, sys
        port, count = int(sys.argv[1]), int(sys.argv[2])
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(16)
        print("ready", flush=True)
        for _ in range(count):
            conn, _ = listener.accept()
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                request += chunk
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
        """;

    [Fact]
    public async Task ClosedPort_SynAnsweredByRst_RefusedRej()
    {
        // Arrange: curl to a port nobody listens on; the kernel answers each SYN with RST/ACK.
        int port = FreePort.Get();
        string url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
        string capture = await ScenarioCapture.CaptureAsync("lo", $"tcp port {port}", () =>
        {
            for (int i = 0; i < Invocations; i++)
            {
                ProcessResult curl = ScenarioCapture.Curl(url);
                Assert.True(curl.ExitCode == 7, curl.Describe("curl (expected 7: could not connect)"));
            }

            return Task.CompletedTask;
        });
        Assert.Equal(Invocations, TShark.Count(capture, "tcp.flags.syn == 1 && tcp.flags.ack == 0"));
        Assert.Equal(Invocations, TShark.Count(capture, "tcp.flags.reset == 1 && tcp.flags.ack == 1"));
        Assert.Equal(2 * Invocations, TShark.Count(capture, "tcp"));
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(Invocations, oracle.Count);

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records, r =>
        {
            Assert.Equal(port, r.ServerPort);
            Assert.False(r.RoleGuessed);
            Assert.Equal(CloseKind.Refused, r.CloseKind);
            Assert.Equal(ZeekConnState.REJ, r.ConnState);
            Assert.Equal(Side.Server, r.FirstRstSender);
            Assert.Equal(Side.None, r.FirstFinSender);
            Assert.False(r.HandshakeCompleted);
            Assert.Equal(1, r.ClientPackets);
            Assert.Equal(1, r.ServerPackets);
        });
    }

    [Fact]
    public async Task ServerAbortsAfterRequest_RstFromServer_ServerRst()
    {
        // Arrange: a python server that reads the request and aborts the connection; curl sees "reset by peer".
        int port = FreePort.Get();
        string url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
        await using RunningProcess server = ScenarioCapture.StartPython(
            AbortingServer,
            [port.ToString(CultureInfo.InvariantCulture), Invocations.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(await server.WaitForOutputAsync("ready", TimeSpan.FromSeconds(10)), server.StdErr);
        string capture = await ScenarioCapture.CaptureAsync("lo", $"tcp port {port}", () =>
        {
            for (int i = 0; i < Invocations; i++)
            {
                ProcessResult curl = ScenarioCapture.Curl(url);
                Assert.True(curl.ExitCode == 56, curl.Describe("curl (expected 56: connection reset)"));
            }

            return Task.CompletedTask;
        });
        ProcessResult serverResult = await server.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(serverResult.Succeeded, serverResult.Describe("python server"));

        // The capture shows a full handshake, the request, then an RST from the server port and no FIN from it.
        Assert.Equal(Invocations, TShark.Count(capture, $"tcp.flags.reset == 1 && tcp.srcport == {port}"));
        Assert.Equal(0, TShark.Count(capture, $"tcp.flags.fin == 1 && tcp.srcport == {port}"));
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(Invocations, oracle.Count);
        Assert.All(oracle.Values, o => Assert.Equal(1, o.HttpRequests));

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert: the client never got to close (curl exits on the reset), so the server's RST is the close.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records, r =>
        {
            Assert.True(r.HandshakeCompleted);
            Assert.Equal(Side.Server, r.FirstRstSender);
            Assert.Equal(Side.None, r.FirstFinSender);
            Assert.Equal(CloseKind.ServerRst, r.CloseKind);
            Assert.Equal(ZeekConnState.RSTR, r.ConnState);
            Assert.Equal(1, r.HttpRequests);
        });
    }
}
