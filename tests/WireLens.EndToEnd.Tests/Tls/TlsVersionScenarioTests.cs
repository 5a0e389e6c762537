using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>
/// curl against a TLS 1.2-only and a TLS 1.3-only nginx: every handshake's hello times, version, cipher, SNI, ALPN
/// offer and resumption verdict agree with tshark, and the requests of a keep-alive connection are counted.
/// </summary>
public sealed class TlsVersionScenarioTests
{
    [Theory]
    [InlineData("TLSv1.2", OracleTlsConnection.Tls12)]
    [InlineData("TLSv1.3", OracleTlsConnection.Tls13)]
    public async Task Curl_SingleVersionServer_EveryHandshakeAgreesWithTshark(string protocol, ushort version)
    {
        // Arrange: three invocations, each fetching its URLs over one keep-alive connection: with SNI and curl's
        // default ALPN offer (h2, http/1.1), without SNI (an IP address), with SNI and only http/1.1 offered.
        int[] urls = [3, 1, 4];
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(new NginxOptions { TlsProtocols = protocol }, server =>
        {
            TlsClients.Curl(server, Paths(urls[0]), sni: true);
            TlsClients.Curl(server, Paths(urls[1]), sni: false);
            TlsClients.Curl(server, Paths(urls[2]), sni: true, "--http1.1");
            return Task.CompletedTask;
        });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows one handshake per invocation, all of this version, SNI on two, two ALPN offers, no resumption.
        Assert.Equal(urls.Length, oracle.Count);
        Assert.All(oracle.Values, o => Assert.Equal(version, o.Version));
        Assert.All(oracle.Values, o => Assert.False(o.Resumed));
        Assert.All(oracle.Values, o => Assert.NotNull(o.DoneTimeNs));
        OracleClientHello[] hellos = [.. oracle.Values.OrderBy(o => o.Stream).Select(o => o.FirstClientHello!)];
        Assert.Equal([TlsClients.ServerName, null, TlsClients.ServerName], hellos.Select(h => h.ServerName));
        Assert.Equal(["h2,http/1.1", "h2,http/1.1", "http/1.1"], hellos.Select(h => string.Join(',', h.AlpnOffered)));

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert: HTTP/1.1 keep-alive, one request after the other: each connection carried its invocation's URLs.
        Assert.Equal(urls.Select(n => (int?)n), records.Where(r => r.Tls is not null).OrderBy(r => r.Stream).Select(r => r.Tls!.RequestsEstimated));
        Assert.All(records, r => Assert.Null(r.HttpRequests));
    }

    [Fact]
    public async Task Curl_Tls12ClientAgainstTls13OnlyServer_ClearProtocolVersionAlert()
    {
        // Arrange: curl offers at most TLS 1.2, nginx speaks only TLS 1.3 and refuses with an alert in clear.
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(new NginxOptions { TlsProtocols = "TLSv1.3" }, server =>
        {
            ProcessResult curl = ScenarioCapture.Curl(server.BaseUrl + "/", null, "-k", "--tls-max", "1.2");
            Assert.Equal(35, curl.ExitCode); // CURLE_SSL_CONNECT_ERROR
            return Task.CompletedTask;
        });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows a ClientHello answered by a fatal protocol_version alert (70), no ServerHello.
        OracleTlsConnection handshake = Assert.Single(oracle.Values);
        Assert.Empty(handshake.ServerHellos);
        Assert.Equal(["2:70"], handshake.Alerts);

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        TlsFacts tls = Assert.Single(records, r => r.Tls is not null).Tls!;
        Assert.Equal(["fatal:protocol_version"], tls.Alerts);
        Assert.Null(tls.Version);
        Assert.Null(tls.Resumed);
        Assert.Null(tls.DoneTime);
        Assert.Null(tls.RequestsEstimated);
    }

    private static string[] Paths(int count) => [.. Enumerable.Range(1, count).Select(i => $"/r{i}")];
}
