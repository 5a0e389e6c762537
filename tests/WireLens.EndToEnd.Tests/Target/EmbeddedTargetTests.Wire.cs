using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WireLens.Load.Target;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Target;

/// <summary>What the target does on the wire, from a loopback capture read by tshark.</summary>
public sealed partial class EmbeddedTargetTests
{
    [Fact(Timeout = TestTimeoutMs)]
    public async Task Https_OnTheWire_Tls12ServerHelloSelectsH2_Tls13ServerHelloSaysTls13()
    {
        // Arrange
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), TestContext.Current.CancellationToken);
        int port = target.HttpsUrl.Port;
        string file = Path.Combine(_dir, "tls.pcap");
        string url = target.HttpsUrl.ToString();

        // Act: one connection each, in this order (tcp.stream 0 and 1).
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync("lo", $"tcp port {port}", file))
        {
            Assert.Equal(HelloWorld + "2", Curl("-k", "--tlsv1.2", "--tls-max", "1.2", "--http2", "-w", "%{http_version}", url).StdOut);
            Assert.Equal(HelloWorld + "1.1", Curl("-k", "--tlsv1.3", "--http1.1", "-w", "%{http_version}", url).StdOut);
            Assert.Equal(0, (await capture.StopAsync()).DroppedByKernel);
        }

        // Assert: the ServerHellos. TLS 1.2 says its version in the hello and ALPN in the clear; TLS 1.3 keeps the
        // legacy 0x0303 and says 0x0304 in supported_versions (its ALPN answer is encrypted, curl saw it above).
        IReadOnlyList<string[]> hellos = TShark.Fields(
            file,
            ["tcp.stream", "tcp.srcport", "tls.handshake.version", "tls.handshake.extensions.supported_version", "tls.handshake.extensions_alpn_str"],
            new TsharkOptions { TlsPorts = [port], DisplayFilter = "tls.handshake.type == 2" });
        Assert.Equal(2, hellos.Count);
        string portText = port.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["0", portText, "0x0303", "", "h2"], hellos[0]);
        Assert.Equal(["1", portText, "0x0303", "0x0304", ""], hellos[1]);

        // TLS 1.2 sends the certificate in the clear: self-signed for localhost and 127.0.0.1.
        IReadOnlyList<string[]> certificates = TShark.Fields(
            file,
            ["tcp.stream", "x509sat.printableString", "x509sat.uTF8String", "x509ce.dNSName", "x509ce.IPAddress.ipv4"],
            new TsharkOptions { TlsPorts = [port], DisplayFilter = "tls.handshake.type == 11" });
        string[] certificate = Assert.Single(certificates);
        Assert.Equal("0", certificate[0]);
        Assert.Contains("localhost", certificate[1] + certificate[2], StringComparison.Ordinal);
        Assert.Equal(["localhost", "127.0.0.1"], certificate[3..]);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CloseAfter2_OnTheWire_ServerClosesTheConnectionAfterTheSecondResponse()
    {
        // Arrange
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { CloseAfterRequests = 2 }, TestContext.Current.CancellationToken);
        int port = target.HttpUrl.Port;
        string file = Path.Combine(_dir, "close-after.pcap");
        string first;
        string second;
        int afterSecond;

        // Act: a raw socket that never closes first (curl closes at once on "Connection: close" and races the server).
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync("lo", $"tcp port {port}", file))
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            first = await RequestAsync(socket);
            second = await RequestAsync(socket);
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            afterSecond = await socket.ReceiveAsync(new byte[64], bound.Token);
            Assert.Equal(0, (await capture.StopAsync()).DroppedByKernel);
        }

        // Assert
        Assert.DoesNotContain("Connection: close", first, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nConnection: close\r\n", second, StringComparison.Ordinal);
        Assert.Equal(0, afterSecond);
        var options = new TsharkOptions { HttpPorts = [port] };
        Assert.Equal(2, TShark.Count(file, "http.request", options));
        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), FirstFinSource(file, stream: 0));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task KeepAliveTimeout_IdleConnectionIsClosedByTheServerAfterAboutTheTimeout()
    {
        // Arrange
        var timeout = TimeSpan.FromSeconds(1);
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { KeepAliveTimeout = timeout }, TestContext.Current.CancellationToken);
        int port = target.HttpUrl.Port;
        string file = Path.Combine(_dir, "keepalive.pcap");
        TimeSpan idle;

        // Act: one request on a raw socket, then wait for the server's FIN (a read of 0 bytes) without closing.
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync("lo", $"tcp port {port}", file))
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
            string response = await RequestAsync(socket);
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
            var watch = Stopwatch.StartNew();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            int read = await socket.ReceiveAsync(new byte[64], bound.Token);
            idle = watch.Elapsed;
            Assert.Equal(0, read);
            Assert.Equal(0, (await capture.StopAsync()).DroppedByKernel);
        }

        // Assert: Kestrel checks timeouts on a one-second heartbeat and adds one interval, so the close comes
        // between the timeout and the timeout plus two seconds (a little more on a busy machine).
        Assert.InRange(idle, timeout, timeout + TimeSpan.FromSeconds(4));
        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), FirstFinSource(file, stream: 0));
    }

    /// <summary>tcp.srcport of the first FIN of <paramref name="stream"/>.</summary>
    private static string FirstFinSource(string file, int stream)
    {
        IReadOnlyList<string[]> fins = TShark.Fields(
            file,
            ["tcp.srcport"],
            new TsharkOptions { DisplayFilter = string.Create(CultureInfo.InvariantCulture, $"tcp.stream == {stream} && tcp.flags.fin == 1") });
        Assert.NotEmpty(fins);
        return fins[0][0];
    }

    /// <summary>Sends GET / and reads the response up to the default body's end.</summary>
    private static async Task<string> RequestAsync(Socket socket)
    {
        const string end = HelloWorld;
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), TestContext.Current.CancellationToken);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            int read = await socket.ReceiveAsync(buffer, bound.Token);
            Assert.NotEqual(0, read);
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
