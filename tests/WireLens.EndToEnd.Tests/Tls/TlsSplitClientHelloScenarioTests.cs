using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>
/// A ClientHello larger than one segment: chromium's post-quantum key share (X25519MLKEM768, 1,216 bytes) makes
/// its ClientHello about 1,900 bytes, and a veth with a 1,000-byte MTU (960-byte MSS, no segmentation offload)
/// splits it over several segments. The message's time is that of the first of them.
/// </summary>
public sealed class TlsSplitClientHelloScenarioTests
{
    private const int SmallMtu = 1000;
    private const ushort X25519MlKem768 = 0x11ec;
    private const string HostName = "tls.wirelens.test";

    [Theory]
    [InlineData("TLSv1.2 TLSv1.3", OracleTlsConnection.Tls13)]
    [InlineData("TLSv1.2", OracleTlsConnection.Tls12)]
    public async Task Chromium_PostQuantumClientHelloOverSmallMtu_SplitAcrossSegments_AgreesWithTshark(string protocols, ushort version)
    {
        // Arrange: nginx (h2) in one namespace, chromium in the other, the capture on chromium's side. Against a TLS
        // 1.2-only server the ClientHello is the same, and the server's first flight (ServerHello, Certificate,
        // ServerKeyExchange, ServerHelloDone) is in clear.
        Require.Tool("chromium", "chromium");
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync(mtu: SmallMtu);
        int port = FreePort.Get();
        await using NginxServer server = await NginxServer.StartAsync(new NginxOptions
        {
            NetworkNamespace = pair.ServerNamespace,
            Address = pair.ServerAddress,
            Port = port,
            Tls = true,
            TlsHttp2 = true,
            TlsProtocols = protocols,
        });
        string url = string.Create(CultureInfo.InvariantCulture, $"https://{HostName}:{port}/");
        string capture = await ScenarioCapture.CaptureAsync(
            pair.ClientInterface,
            $"tcp port {port}",
            () =>
            {
                Assert.Contains("hello", Chromium.DumpDom(pair.ClientNamespace, url, HostName, pair.ServerAddress), StringComparison.Ordinal);
                return Task.CompletedTask;
            },
            netns: pair.ClientNamespace);
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows ClientHellos with the post-quantum share, each reassembled by tshark from ≥2 segments,
        // and at least one whose first segment is earlier than the segment tshark shows it on.
        Assert.NotEmpty(oracle);
        Assert.All(oracle.Values, o =>
        {
            OracleClientHello ch = o.FirstClientHello!;
            Assert.Contains(X25519MlKem768, ch.KeyShareGroups);
            Assert.True(ch.SegmentCount >= 2, $"stream {o.Stream}: ClientHello in {ch.SegmentCount} segment(s)");
            Assert.Equal(HostName, ch.ServerName);
            Assert.Equal(version, o.Version);
        });
        Assert.Contains(oracle.Values, o => o.FirstClientHello!.TimeNs < o.FirstClientHello.FrameTimeNs);
        Assert.Contains(oracle.Values, o => o.DoneTimeNs is not null);

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert: chromium never offers resumption to a server it has not seen; the first share is the PQ one (JA4 is
        // computed but not compared: tshark 4.0 has no JA4).
        Assert.All(records.Where(r => r.Tls is not null), r =>
        {
            Assert.False(r.Tls!.Resumed);
            Assert.NotNull(r.Tls.Ja4);
        });
    }
}
