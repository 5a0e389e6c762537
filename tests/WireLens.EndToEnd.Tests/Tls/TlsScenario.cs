using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>
/// The steps every TLS scenario shares: capture a load against a TLS nginx, read tshark's view of the handshakes
/// (which the test checks first, so that agreement is never about nothing), then run WireLens and compare every
/// connection: its TCP fields (<see cref="ConnectionComparison"/>), its TLS fields (<see cref="TlsComparison"/>) and
/// the order of its handshake times, all reported together.
/// </summary>
internal static class TlsScenario
{
    /// <summary>Runs <paramref name="load"/> against a fresh TLS nginx on loopback while tcpdump captures its port.</summary>
    public static Task<(string Capture, int Port)> CaptureNginxAsync(NginxOptions nginx, Func<NginxServer, Task> load) =>
        LoopbackLoad.CaptureAsync(load, nginx with { Tls = true });

    /// <summary>tshark's TLS handshakes, the server port decoded as TLS.</summary>
    public static IReadOnlyDictionary<long, OracleTlsConnection> ReadOracle(string capture, int port)
    {
        Require.Tool("tshark", "tshark");
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TsharkTlsOracle.Read(capture, new TsharkOptions { TlsPorts = [port] });
        foreach (OracleTlsConnection o in oracle.Values.OrderBy(o => o.Stream))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Describe(o));
        }

        return oracle;
    }

    /// <summary>Analyses <paramref name="capture"/> with WireLens and fails with every disagreement with tshark.</summary>
    public static List<ConnectionRecord> AnalyzeAndAssertAgree(string capture, int port, IReadOnlyDictionary<long, OracleTlsConnection> tls)
    {
        IReadOnlyDictionary<long, OracleConnection> tcp = TsharkConnectionOracle.Read(capture, new TsharkOptions { TlsPorts = [port] });

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        var problems = new List<string>();
        problems.AddRange(ConnectionComparison.Compare(records, tcp).Select(p => "tcp: " + p));
        problems.AddRange(TlsComparison.Compare(records, tls).Select(p => "tls: " + p));
        problems.AddRange(TlsComparison.CompareTimeline(records, tls).Select(p => "timeline: " + p));
        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} disagreements with tshark over {tcp.Count} streams ({tls.Count} TLS) in {capture}:\n"
                + string.Join('\n', problems.Take(80)));
        }

        return records;
    }

    /// <summary>One line per handshake for the test output.</summary>
    public static string Describe(OracleTlsConnection o)
    {
        OracleClientHello ch = o.FirstClientHello!;
        OracleServerHello? sh = o.ServerHello;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"stream {o.Stream}: version=0x{o.Version ?? 0:x4} cipher=0x{sh?.CipherSuite ?? 0:x4} sni={ch.ServerName ?? "-"} alpn={string.Join('/', ch.AlpnOffered)} hellos={o.ClientHellos.Count}/{o.ServerHellos.Count} hrr={o.HelloRetryRequest} ch_segments={ch.SegmentCount} done={o.DoneTimeNs is not null} resumed={o.Resumed} (session-id {o.SessionIdEchoed}, ticket {o.TicketAccepted}, psk {o.PskAccepted}) certificate={o.ServerCertificateSeen} alerts={string.Join('/', o.Alerts)}");
    }
}
