using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>Load tools over TLS (h2load, hey -h2, ab): many handshakes at once, each must agree with tshark.</summary>
public sealed class TlsLoadToolScenarioTests
{
    [Theory]
    [InlineData("TLSv1.2", OracleTlsConnection.Tls12)]
    [InlineData("TLSv1.3", OracleTlsConnection.Tls13)]
    public async Task H2load_H2ByAlpn_SelectionVisibleOnlyUpToTls12(string protocol, ushort version)
    {
        // Arrange
        const int clients = 4;
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsProtocols = protocol, TlsHttp2 = true },
            server =>
            {
                LoopbackLoad.Tool("h2load", "nghttp2-client", ["-n", "40", "-c", $"{clients}", server.BaseUrl + "/"]);
                return Task.CompletedTask;
            });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows one handshake per client, h2 offered; the selection is in clear only in TLS 1.2.
        Assert.Equal(clients, oracle.Count);
        Assert.All(oracle.Values, o =>
        {
            Assert.Equal(version, o.Version);
            Assert.Contains("h2", o.FirstClientHello!.AlpnOffered);
            Assert.Equal(version == OracleTlsConnection.Tls12 ? "h2" : null, o.ServerHello!.AlpnSelected);
            Assert.NotNull(o.DoneTimeNs);
        });

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        Assert.All(records.Where(r => r.Tls is not null), r =>
        {
            Assert.Equal(version == OracleTlsConnection.Tls12 ? "h2" : null, r.Tls!.AlpnSelected);
            Assert.Equal(version == OracleTlsConnection.Tls13, r.Tls.AlpnSelectedEncrypted);
        });
    }

    [Fact]
    public async Task HeyH2_GoClientOverTls13_AgreesWithTshark()
    {
        // Arrange: Go's crypto/tls client; hey's workers share one HTTP/2 transport, so few connections.
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsHttp2 = true },
            server =>
            {
                LoopbackLoad.Tool("hey", "hey", ["-n", "40", "-c", "4", "-h2", server.BaseUrl + "/"]);
                return Task.CompletedTask;
            });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows Go's handshakes, h2 offered first, at least one finished by the client's Finished. (The
        // transport may dial several connections at once and reset the ones it does not need right after the
        // ServerHello, without a Finished: those are not done.)
        Assert.NotEmpty(oracle);
        Assert.All(oracle.Values, o =>
        {
            Assert.Equal(OracleTlsConnection.Tls13, o.Version);
            Assert.Equal("h2", o.FirstClientHello!.AlpnOffered[0]);
        });
        Assert.Contains(oracle.Values, o => o.DoneTimeNs is not null);

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        Assert.All(records.Where(r => r.Tls is not null), r => Assert.True(r.Tls!.AlpnSelectedEncrypted));
    }

    [Fact]
    public async Task AbKeepAliveHttps_OneConnection_RequestsCounted()
    {
        // Arrange: one ab connection (-c 1) carrying every request (-k), one after the other.
        const int requests = 20;
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions(),
            server =>
            {
                LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-k", "-n", $"{requests}", "-c", "1", server.BaseUrl + "/"]);
                return Task.CompletedTask;
            });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        OracleTlsConnection handshake = Assert.Single(oracle.Values);
        Assert.NotNull(handshake.DoneTimeNs);

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        ConnectionRecord connection = Assert.Single(records, r => r.Tls is not null);
        Assert.Equal(requests, connection.Tls!.RequestsEstimated);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"secure_connection_ms={connection.SecureConnectionMs} handshake_ms={connection.Tls.HandshakeMs}"));
    }
}
