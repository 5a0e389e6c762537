using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>
/// HelloRetryRequest (RFC 8446 section 4.1.4): nginx accepts only secp384r1, and curl and openssl send a key share
/// for X25519 only, so the server asks again and the client sends a second ClientHello.
/// </summary>
public sealed class TlsHelloRetryScenarioTests
{
    private const ushort Secp384r1 = 0x0018;

    [Fact]
    public async Task HelloRetryRequest_GroupWithoutKeyShare_AgreesWithTshark()
    {
        // Arrange
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsProtocols = "TLSv1.3", TlsEcdhCurve = "secp384r1" },
            server =>
            {
                TlsClients.Curl(server, ["/", "/again"], sni: true);
                TlsClients.Curl(server, ["/"], sni: false);
                Assert.Contains("New, TLSv1.3", TlsClients.OpenSsl(server, null, null), StringComparison.Ordinal);
                return Task.CompletedTask;
            });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows on every connection: ClientHello without a secp384r1 share, HelloRetryRequest selecting
        // secp384r1, a second ClientHello, then the real ServerHello with a secp384r1 share.
        Assert.Equal(3, oracle.Count);
        Assert.All(oracle.Values, o =>
        {
            Assert.True(o.HelloRetryRequest);
            Assert.DoesNotContain(Secp384r1, o.FirstClientHello!.KeyShareGroups);
            Assert.Equal(Secp384r1, o.ServerHellos[0].KeyShareGroup);
            Assert.Equal(2, o.ClientHellos.Count);
            Assert.Equal(2, o.ServerHellos.Count);
            Assert.Equal(Secp384r1, o.ServerHello!.KeyShareGroup);
            Assert.True(o.ServerHello.TimeNs > o.ServerHellos[0].TimeNs);
            Assert.NotNull(o.DoneTimeNs);
        });

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        Assert.All(records.Where(r => r.Tls is not null), r =>
        {
            Assert.True(r.Tls!.HelloRetryRequest);
            Assert.Equal(2, r.Tls.ClientHelloCount);
            Assert.Equal(Secp384r1, r.Tls.KeyShareGroup);
        });
    }
}
