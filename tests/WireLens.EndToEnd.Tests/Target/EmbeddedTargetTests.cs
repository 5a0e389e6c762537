using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WireLens.Load.Target;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Target;

/// <summary>
/// The embedded target started by the launcher as its own process (`wirelens target --exit-on-stdin-eof` from the
/// CLI built beside this test), driven by curl: what it serves on each listener, its options, and its lifetime. The
/// wire-level behaviour (TLS versions and ALPN, who closes, when) is in <c>EmbeddedTargetTests.Wire.cs</c>, checked on
/// a loopback capture with tshark.
/// </summary>
public sealed partial class EmbeddedTargetTests : IDisposable
{
    private const int TestTimeoutMs = 90_000;
    private const string HelloWorld = "Hello, World!";

    private readonly string _dir = TestPaths.NewTempDirectory("wl-target-test");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact(Timeout = TestTimeoutMs)]
    public async Task StartAsync_RunsInItsOwnProcess_ReadyLineNamesItsPidAndThreeLoopbackPorts()
    {
        // Arrange
        var watch = Stopwatch.StartNew();

        // Act
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), TestContext.Current.CancellationToken);
        TimeSpan startUp = watch.Elapsed;

        // Assert
        Assert.NotEqual(Environment.ProcessId, target.ProcessId);
        Assert.False(target.HasExited);
        using (Process child = Process.GetProcessById(target.ProcessId))
        {
            Assert.False(child.HasExited);
        }

        string[] lines = target.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(TargetReadyLine.TryParse(lines[0], out TargetReadyLine? ready), target.StandardOutput);
        Assert.Equal(target.ProcessId, ready.ProcessId);
        Assert.Equal([target.HttpUrl, target.HttpsUrl, target.H2cUrl], [ready.Http, ready.Https, ready.H2c]);
        Assert.All([target.HttpUrl, target.HttpsUrl, target.H2cUrl], u => Assert.Equal("127.0.0.1", u.Host));
        Assert.Equal(["http", "https", "http"], [target.HttpUrl.Scheme, target.HttpsUrl.Scheme, target.H2cUrl.Scheme]);
        Assert.Equal(3, new[] { target.HttpUrl.Port, target.HttpsUrl.Port, target.H2cUrl.Port }.Distinct().Count());
        Assert.Empty(target.StandardError);

        // A process start, a certificate and three listeners; about half a second on a two-core machine.
        Assert.InRange(startUp, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Http1_BodyIsHelloWorld_ResponseBytesAndSizeQuerySetItsLength()
    {
        // Arrange
        await using EmbeddedTarget plain = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), TestContext.Current.CancellationToken);
        await using EmbeddedTarget sized = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { ResponseBytes = 1000 }, TestContext.Current.CancellationToken);

        // Act
        ProcessResult hello = Curl("-i", plain.HttpUrl + "any/path");
        ProcessResult thousand = Curl("-o", Path.Combine(_dir, "1000.txt"), "-w", "%{http_code} %{http_version} %{size_download}", sized.HttpUrl.ToString());
        ProcessResult large = Curl("-o", "/dev/null", "-w", "%{http_code} %{size_download}", sized.HttpUrl + "?size=100000");
        ProcessResult empty = Curl("-o", "/dev/null", "-w", "%{http_code} %{size_download}", sized.HttpUrl + "?size=0");
        ProcessResult bad = Curl("-w", " %{http_code}", plain.HttpUrl + "?size=abc");
        ProcessResult tooLarge = Curl("-o", "/dev/null", "-w", "%{http_code}", plain.HttpUrl + "?size=67108865");

        // Assert
        Assert.True(hello.Succeeded, hello.Describe("curl"));
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", hello.StdOut, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/plain\r\n", hello.StdOut, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 13\r\n", hello.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n" + HelloWorld, hello.StdOut, StringComparison.Ordinal);
        Assert.Equal("200 1.1 1000", thousand.StdOut);
        string body = File.ReadAllText(Path.Combine(_dir, "1000.txt"));
        Assert.StartsWith("Hello, World!\nHello, World!\n", body, StringComparison.Ordinal);
        Assert.Equal(1000, body.Length);
        Assert.Equal("200 100000", large.StdOut);
        Assert.Equal("200 0", empty.StdOut);
        Assert.Equal("size must be a whole number of bytes from 0 to 67108864\n 400", bad.StdOut);
        Assert.Equal("400", tooLarge.StdOut);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Https_AlpnOffersH2AndHttp11_OnTls12AndTls13()
    {
        // Arrange
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), TestContext.Current.CancellationToken);
        string url = target.HttpsUrl.ToString();

        // Act
        ProcessResult h2Tls12 = Curl("-v", "-k", "--tlsv1.2", "--tls-max", "1.2", "--http2", "-w", "%{http_version}", url);
        ProcessResult h2Tls13 = Curl("-v", "-k", "--tlsv1.3", "--http2", "-w", "%{http_version}", url);
        ProcessResult h1Tls13 = Curl("-v", "-k", "--tlsv1.3", "--http1.1", "-w", "%{http_version}", url);
        ProcessResult verified = Curl("-o", "/dev/null", url);

        // Assert
        Assert.True(h2Tls12.Succeeded, h2Tls12.Describe("curl --tlsv1.2"));
        Assert.Equal(HelloWorld + "2", h2Tls12.StdOut);
        Assert.Contains("SSL connection using TLSv1.2", h2Tls12.StdErr, StringComparison.Ordinal);
        Assert.Contains("ALPN: server accepted h2", h2Tls12.StdErr, StringComparison.Ordinal);
        Assert.Equal(HelloWorld + "2", h2Tls13.StdOut);
        Assert.Contains("SSL connection using TLSv1.3", h2Tls13.StdErr, StringComparison.Ordinal);
        Assert.Equal(HelloWorld + "1.1", h1Tls13.StdOut);
        Assert.Contains("ALPN: server accepted http/1.1", h1Tls13.StdErr, StringComparison.Ordinal);
        Assert.Contains("subject: CN=localhost", h1Tls13.StdErr, StringComparison.Ordinal);

        // Self-signed: a client that verifies refuses it (curl exit 60).
        Assert.Equal(60, verified.ExitCode);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task H2c_PriorKnowledgeGetsHttp2_Http11GetsA400OnThatPort()
    {
        // Arrange
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), TestContext.Current.CancellationToken);

        // Act
        ProcessResult h2c = Curl("--http2-prior-knowledge", "-w", "%{http_version}", target.H2cUrl.ToString());
        ProcessResult h1 = Curl("--http1.1", "-o", "/dev/null", "-w", "%{http_code}", target.H2cUrl.ToString());
        ProcessResult h1OnHttpPort = Curl("-w", "%{http_version}", target.HttpUrl.ToString());

        // Assert
        Assert.True(h2c.Succeeded, h2c.Describe("curl --http2-prior-knowledge"));
        Assert.Equal(HelloWorld + "2", h2c.StdOut);
        Assert.Equal("400", h1.StdOut); // Kestrel's answer to HTTP/1.x on an HTTP/2-only endpoint
        Assert.Equal(HelloWorld + "1.1", h1OnHttpPort.StdOut);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CloseAfter2_Http1_SecondResponseSaysCloseAndTheThirdRequestOpensANewConnection()
    {
        // Arrange
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { CloseAfterRequests = 2 }, TestContext.Current.CancellationToken);
        string url = target.HttpUrl.ToString();

        // Act: one curl, four requests in order; curl reuses a connection unless the server closed it.
        ProcessResult result = Curl(
            "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
            "-w", "%{num_connects} %header{connection}\n", url, url, url, url);

        // Assert
        Assert.True(result.Succeeded, result.Describe("curl"));
        Assert.Equal("1 \n0 close\n1 \n0 close\n", result.StdOut);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task CloseAfter2_Http2OverTls_GoAwayAfterTheSecondResponse_TheThirdRequestOpensANewConnection()
    {
        // Arrange
        await using EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { CloseAfterRequests = 2 }, TestContext.Current.CancellationToken);
        string url = target.HttpsUrl.ToString();

        // Act: 250 ms between requests. The GOAWAY is written beside the second response, not inside it; a client that
        // sent the next request before the GOAWAY reached it would have it served on the old connection (RFC 9113 6.8),
        // which happened once in about ten runs on a loaded machine without the pause.
        ProcessResult result = Curl(
            "-k", "--http2", "--rate", "4/s", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null",
            "-w", "%{http_version} %{num_connects}\n", url, url, url);

        // Assert
        Assert.True(result.Succeeded, result.Describe("curl"));
        Assert.Equal("2 1\n2 0\n2 1\n", result.StdOut);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Delay_OptionAndQuery_AreWaitedBeforeTheResponse()
    {
        // Arrange
        await using EmbeddedTarget delayed = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { ResponseDelay = TimeSpan.FromMilliseconds(400) }, TestContext.Current.CancellationToken);
        await using EmbeddedTarget plain = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), TestContext.Current.CancellationToken);

        // Act
        ProcessResult byOption = Curl("-o", "/dev/null", "-w", "%{http_code} %{time_starttransfer} %{time_pretransfer}", delayed.HttpUrl.ToString());
        ProcessResult byQuery = Curl("-o", "/dev/null", "-w", "%{http_code} %{time_starttransfer} %{time_pretransfer}", plain.HttpUrl + "?delay_ms=600");
        ProcessResult beyondLimit = Curl("-o", "/dev/null", "-w", "%{http_code}", plain.HttpUrl + "?delay_ms=60001");

        // Assert: from the request sent to the first response byte.
        Assert.InRange(WaitSeconds(byOption), 0.4, 30);
        Assert.InRange(WaitSeconds(byQuery), 0.6, 30);
        Assert.Equal("400", beyondLimit.StdOut);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task StopAsync_ClosesStandardInput_TargetExitsByItselfWithZero_AndItsPortsClose()
    {
        // Arrange: the launcher never signals the target; closing the pipe is what the kernel does when the parent dies.
        EmbeddedTarget target = await EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { StopGracePeriod = TimeSpan.FromSeconds(10) }, TestContext.Current.CancellationToken);
        int pid = target.ProcessId;
        Uri http = target.HttpUrl;
        Assert.Equal(HelloWorld, Curl(http.ToString()).StdOut);

        // Act
        var watch = Stopwatch.StartNew();
        int exitCode = await target.StopAsync();
        TimeSpan stopped = watch.Elapsed;

        // Assert: exit 0 within the grace period (a kill would give 137).
        Assert.Equal(0, exitCode);
        Assert.True(target.HasExited);
        Assert.InRange(stopped, TimeSpan.Zero, TimeSpan.FromSeconds(9));
        Assert.False(File.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status"), "the target process is still there");
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, http.Port, TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        await target.DisposeAsync();
    }

    [Theory(Timeout = TestTimeoutMs)]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task TargetCommand_Signal_StopsCleanlyWithExitZero(string signal)
    {
        // Arrange: without --exit-on-stdin-eof; ProcessRunner closes standard input at once, which must not stop it.
        await using RunningProcess process = StartCli("target");
        Assert.True(await process.WaitForOutputAsync(TargetReadyLine.Prefix, TimeSpan.FromSeconds(15)), process.StdErr);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(process.HasExited);

        // Act
        process.Signal(signal);
        ProcessResult result = await process.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Empty(result.StdErr);
        string[] lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.True(TargetReadyLine.TryParse(lines[0], out TargetReadyLine? ready), lines[0]);
        Assert.Equal(process.Id, ready.ProcessId);
        Assert.StartsWith("wirelens target (pid ", lines[1], StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task StartAsync_PortInUse_ThrowsWithTheTargetsOneLineError()
    {
        // Arrange
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        string portText = port.ToString(CultureInfo.InvariantCulture);

        // Act
        var error = await Assert.ThrowsAsync<EmbeddedTargetException>(
            () => EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { HttpsPort = port }, TestContext.Current.CancellationToken));
        ProcessResult cli = await ProcessRunner.RunAsync(Cli.File, [.. Cli.Prefix, "target", "--h2c-port", portText], TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(1, error.ExitCode);
        Assert.Equal($"the embedded target did not start: Failed to bind to address https://127.0.0.1:{portText}: address already in use", error.Message);
        Assert.Equal(1, cli.ExitCode);
        Assert.Equal($"wirelens: error: Failed to bind to address http://127.0.0.1:{portText}: address already in use\n", cli.StdErr);
        Assert.Empty(cli.StdOut);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task StartAsync_BadSetting_ThrowsWithTheOptionNamed()
    {
        var error = await Assert.ThrowsAsync<EmbeddedTargetException>(
            () => EmbeddedTarget.StartAsync(new EmbeddedTargetSettings { CloseAfterRequests = 0 }, TestContext.Current.CancellationToken));

        Assert.Equal("the embedded target did not start: --close-after must be at least 1", error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    /// <summary>curl with a time bound; standard output is what -w and the bodies wrote.</summary>
    private static ProcessResult Curl(params string[] args) =>
        ProcessRunner.Run(Require.Tool("curl", "curl"), ["-sS", "--max-time", "20", .. args], TimeSpan.FromSeconds(30));

    /// <summary>Seconds from the request sent to the first response byte, from "CODE STARTTRANSFER PRETRANSFER".</summary>
    private static double WaitSeconds(ProcessResult curl)
    {
        string[] parts = curl.StdOut.Split(' ');
        Assert.True(parts.Length == 3 && parts[0] == "200", curl.Describe("curl"));
        return double.Parse(parts[1], CultureInfo.InvariantCulture) - double.Parse(parts[2], CultureInfo.InvariantCulture);
    }

    private static RunningProcess StartCli(params string[] args) => ProcessRunner.Start(Cli.File, [.. Cli.Prefix, .. args]);

    /// <summary>The CLI under test (CliUnderTest), for the tests that run `wirelens target` directly.</summary>
    private static class Cli
    {
        private static readonly (string File, IReadOnlyList<string> Prefix) s_command = CliUnderTest.Resolve();

        public static string File => s_command.File;

        public static IReadOnlyList<string> Prefix => s_command.Prefix;
    }
}
