using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

public class NginxServerTests
{
    [Fact]
    public async Task StartAsync_Defaults_ServesHelloOnRoot()
    {
        // Arrange
        await using NginxServer nginx = await NginxServer.StartAsync();

        // Act
        ProcessResult result = Curl.Get(nginx.BaseUrl + "/");

        // Assert
        Curl.AssertOk(result, "hello\n");
        Assert.StartsWith("http://127.0.0.1:", nginx.BaseUrl, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", nginx.Address);
    }

    [Fact]
    public async Task StartAsync_CloseLocation_AnswersConnectionClose()
    {
        await using NginxServer nginx = await NginxServer.StartAsync();

        ProcessResult result = Curl.Get(nginx.BaseUrl + "/close");

        Curl.AssertOk(result, "bye\n");
        Assert.Contains("Connection: close", result.StdOut, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StartAsync_BigLocation_ServesConfiguredSize()
    {
        await using NginxServer nginx = await NginxServer.StartAsync(new NginxOptions { BigBodyBytes = 65536 });

        ProcessResult result = ProcessRunner.Run(
            Require.Tool("curl", "curl"),
            ["-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", nginx.BaseUrl + "/big"],
            TimeSpan.FromSeconds(30));

        Assert.True(result.Succeeded, result.Describe("curl"));
        Assert.Equal("200 65536", result.StdOut);
    }

    [Fact]
    public async Task StartAsync_Http2Cleartext_AnswersPriorKnowledgeH2()
    {
        await using NginxServer nginx = await NginxServer.StartAsync(new NginxOptions { Http2Cleartext = true });

        ProcessResult result = Curl.Get(nginx.BaseUrl + "/", "--http2-prior-knowledge");

        Assert.True(result.Succeeded, result.Describe("curl"));
        Assert.StartsWith("HTTP/2 200", result.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("hello\n", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_Tls_ServesHttpsWithSelfSignedCertificate()
    {
        await using NginxServer nginx = await NginxServer.StartAsync(
            new NginxOptions { Tls = true, TlsProtocols = "TLSv1.3", TlsEcdhCurve = "X25519", TlsSessionTickets = false });

        ProcessResult result = Curl.Get(nginx.BaseUrl + "/", "-k", "-v");

        Curl.AssertOk(result, "hello\n");
        Assert.StartsWith("https://", nginx.BaseUrl, StringComparison.Ordinal);
        Assert.Contains("TLSv1.3", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TlsHttp2_NegotiatesH2ByAlpn()
    {
        await using NginxServer nginx = await NginxServer.StartAsync(new NginxOptions { Tls = true, TlsHttp2 = true });

        ProcessResult result = Curl.Get(nginx.BaseUrl + "/", "-k", "--http2");

        Assert.True(result.Succeeded, result.Describe("curl"));
        Assert.StartsWith("HTTP/2 200", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_StopsNginx_PortRefusesConnections()
    {
        // Arrange
        NginxServer nginx = await NginxServer.StartAsync();
        string url = nginx.BaseUrl + "/";

        // Act
        await nginx.DisposeAsync();

        // Assert: curl exit 7 = could not connect.
        ProcessResult result = Curl.Get(url);
        Assert.Equal(7, result.ExitCode);
    }
}
