using WireLens.Analysis.Connections;
using WireLens.Cli;
using WireLens.Cli.Commands;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Samples;

/// <summary>
/// The committed sample captures (captures/README.md): `wirelens analyze` output against golden files, every
/// connection against tshark, and the facts each capture was made to show, asserted directly.
/// </summary>
public sealed class SampleCaptureTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(TestPaths.Captures).Select(Path.GetFileName).Order(StringComparer.Ordinal)!)
        {
            if (file!.Contains(".pcap", StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Analyze_SampleCapture_MatchesGoldenFiles(string sample)
    {
        // Arrange
        string path = Path.Combine(TestPaths.Captures, sample);
        string csvDir = TestPaths.NewTempDirectory("wl-golden");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // Act
        int exit = AnalyzeCommand.Run(new AnalyzeArguments(path, csvDir, null, null, 300), stdout, stderr);

        // Assert
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(string.Empty, stderr.ToString());
        // The File line shows the path as given, cut to the line width: its length depends on where the repository is.
        string summary = string.Join('\n', stdout.ToString()
            .Split('\n')
            .Where(l => !l.StartsWith("Wrote ", StringComparison.Ordinal))
            .Select(l => l.StartsWith("  File ", StringComparison.Ordinal) ? $"  File  captures/{sample}" : l));
        GoldenFile.Assert(Path.Combine(sample, "summary.txt"), summary);
        GoldenFile.Assert(Path.Combine(sample, "connections.csv"), File.ReadAllText(Path.Combine(csvDir, "connections.csv")));
        GoldenFile.Assert(Path.Combine(sample, "tools.csv"), File.ReadAllText(Path.Combine(csvDir, "tools.csv")));
        GoldenFile.Assert(Path.Combine(sample, "timeseries.csv"), File.ReadAllText(Path.Combine(csvDir, "timeseries.csv")));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Analyze_SampleCapture_AgreesWithTshark(string sample)
    {
        Require.Tool("tshark", "tshark");
        string path = Path.Combine(TestPaths.Captures, sample);
        var oracle = TsharkConnectionOracle.Read(path, new TsharkOptions { HttpPorts = [18480, 18481] });
        Assert.NotEmpty(oracle);

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(path);

        ConnectionComparison.AssertAgree(records, oracle);
    }

    /// <summary>The committed captures in which tshark shows D-SACKs (captures/ and captures/fingerprints/).</summary>
    public static TheoryData<string> CapturesWithDsacks() =>
    [
        "h2load-h2c.pcap",
        Path.Combine("fingerprints", "chromium.pcap"),
        Path.Combine("fingerprints", "chromium-ip.pcap"),
        Path.Combine("fingerprints", "siege-ip.pcap"),
    ];

    [Theory]
    [MemberData(nameof(CapturesWithDsacks))]
    public void Analyze_CaptureWithDsacks_DsacksAgreeWithTsharkPerConnection(string capture)
    {
        Require.Tool("tshark", "tshark");
        string path = Path.Combine(TestPaths.Captures, capture);
        IReadOnlyDictionary<long, OracleDsack> oracle = TsharkDsackOracle.Read(path);
        Assert.True(oracle.Values.Sum(o => o.DsackAcks) > 0, $"{capture}: tshark shows no D-SACK, so this comparison would prove nothing");

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(path);

        Assert.Equal(oracle.Keys.Order(), records.Select(r => r.Stream));
        Assert.Equal(
            records.Select(r => (r.Stream, oracle[r.Stream].DsackAcks, (long)oracle[r.Stream].ProvenRetransmissions)),
            records.Select(r => (r.Stream, r.DsackAcks, r.DsackRetransmissions)));
        Assert.All(records, r => Assert.InRange(r.DsackRetransmissions, 0, r.RetransmittedPayloadFrames));
    }

    [Fact]
    public void H2load_EveryRetransmissionIsATailLossProbeTheClientDsacked()
    {
        List<ConnectionRecord> records = Analyze("h2load-h2c.pcap");

        Assert.Equal(7, records.Sum(r => r.RetransmittedPayloadFrames));
        Assert.Equal(7, records.Sum(r => r.DsackRetransmissions));
        Assert.Equal(7, records.Sum(r => r.DsackAcks));
    }

    [Fact]
    public void AbWithoutKeepAlive_OneRequestPerConnection_ServerClosesFirst()
    {
        List<ConnectionRecord> records = Analyze("ab-no-keepalive.pcap");

        List<ConnectionRecord> used = [.. records.Where(r => r.HttpRequests > 0)];
        Assert.Equal(100, used.Count);
        Assert.All(used, r =>
        {
            Assert.Equal(1, r.HttpRequests);
            Assert.Equal(CloseKind.ServerFin, r.CloseKind);
            Assert.Equal(Side.Server, r.TimeWaitSide);
        });
    }

    [Fact]
    public void AbKeepAlive_FourConnectionsCarryAllRequests()
    {
        List<ConnectionRecord> records = Analyze("ab-keepalive.pcap");

        Assert.Equal(300, records.Sum(r => r.HttpRequests ?? 0));
        Assert.Equal(4, records.Count(r => r.HttpRequests > 0));
    }

    [Fact]
    public void GzipSample_GivesTheSameConnectionsAsThePlainFile()
    {
        List<ConnectionRecord> plain = Analyze("ab-keepalive.pcap");
        List<ConnectionRecord> gzip = Analyze("ab-keepalive-gzip.pcap.gz");

        // Records compare by value except their per-second lists (compared by reference): compared item by item.
        Assert.Equal(plain.Select(Flat), gzip.Select(Flat));
        Assert.Equal(plain.Select(r => r.RequestSeconds.ToArray()), gzip.Select(r => r.RequestSeconds.ToArray()));
        Assert.Equal(plain.Select(r => r.RetransmissionSeconds.ToArray()), gzip.Select(r => r.RetransmissionSeconds.ToArray()));
        Assert.Contains(plain, r => r.RequestSeconds.Count > 0);

        static ConnectionRecord Flat(ConnectionRecord r) => r with { RequestSeconds = [], RetransmissionSeconds = [] };
    }

    [Fact]
    public void CurlLoop_ClientClosesFirst_TenConnections()
    {
        List<ConnectionRecord> records = Analyze("curl-loop.pcap");

        Assert.Equal(10, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(CloseKind.ClientFin, r.CloseKind);
            Assert.Equal(Side.Client, r.TimeWaitSide);
            Assert.Equal(ZeekConnState.SF, r.ConnState);
            Assert.StartsWith("curl/", r.UserAgent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void CurlKeepAlive_FiveRequestsOnOneConnection()
    {
        ConnectionRecord only = Assert.Single(Analyze("curl-keepalive.pcap"));
        Assert.Equal(5, only.HttpRequests);
    }

    [Fact]
    public void CurlIpv6_ThreeIpv6Connections()
    {
        List<ConnectionRecord> records = Analyze("curl-ipv6.pcap");

        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(6, r.IpVersion));
    }

    [Fact]
    public void H2load_H2cRequestsOnThreeConnections()
    {
        List<ConnectionRecord> records = Analyze("h2load-h2c.pcap");

        Assert.Equal(3, records.Count);
        Assert.Equal(60, records.Sum(r => r.HttpRequests ?? 0));
        Assert.All(records, r => Assert.Equal(HttpProtocolKind.H2c, r.HttpProtocol));
    }

    [Fact]
    public void H2load_UserAgentAndAuthorityAgreeWithTsharkHpackPerConnection()
    {
        // tshark decodes HPACK itself once the port is decoded as HTTP/2; the first frame of a stream with a
        // user-agent field holds its first request (h2load sends user-agent on every request).
        Require.Tool("tshark", "tshark");
        string path = Path.Combine(TestPaths.Captures, "h2load-h2c.pcap");
        var firstByStream = new Dictionary<long, (string UserAgent, string Authority)>();
        foreach (string[] f in TShark.Fields(
            path,
            ["tcp.stream", "http2.headers.user_agent", "http2.headers.authority"],
            new TsharkOptions { Http2Ports = [18481], DisplayFilter = "http2.headers.user_agent" }))
        {
            firstByStream.TryAdd(long.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture), (f[1], f[2]));
        }

        Assert.Equal(3, firstByStream.Count);
        Assert.All(firstByStream.Values, v => Assert.StartsWith("h2load nghttp2/", v.UserAgent, StringComparison.Ordinal));

        List<ConnectionRecord> records = Analyze("h2load-h2c.pcap");

        Assert.Equal(
            firstByStream.OrderBy(p => p.Key).Select(p => (p.Key, (string?)p.Value.UserAgent, (string?)p.Value.Authority)),
            records.Select(r => (r.Stream, r.UserAgent, r.HttpHost)));
    }

    [Fact]
    public void Refused_EverySynAnsweredByRst()
    {
        List<ConnectionRecord> records = Analyze("refused.pcap");

        Assert.Equal(3, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal(CloseKind.Refused, r.CloseKind);
            Assert.Equal(ZeekConnState.REJ, r.ConnState);
            Assert.Null(r.SynAckTime);
        });
    }

    [Fact]
    public void AnySll2_SameConnectionsAsOnLo()
    {
        List<ConnectionRecord> records = Analyze("curl-any-sll2.pcap");

        Assert.Equal(10, records.Count);
        Assert.All(records, r => Assert.Equal(1, r.HttpRequests));
    }

    [Fact]
    public void MixedLinkTypes_BothInterfacesAnalysed()
    {
        List<ConnectionRecord> records = Analyze("mixed-linktypes.pcapng");

        Assert.Equal(20, records.Count);
    }

    [Fact]
    public void CurlTls13Resume_TwoFullHandshakesFourPskResumptions_AgreeWithTshark()
    {
        Require.Tool("tshark", "tshark");
        string path = Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap");
        var oracle = TsharkTlsOracle.Read(path, new TsharkOptions { TlsPorts = [18483] });
        bool?[] resumed = [false, true, true, false, true, true];
        Assert.Equal(resumed, oracle.Values.OrderBy(o => o.Stream).Select(o => o.Resumed));

        List<ConnectionRecord> records = Analyze("curl-tls13-resume.pcap");

        TlsComparison.AssertAgree(records, oracle);
        Assert.Equal(resumed, records.Select(r => r.Tls?.Resumed));
        Assert.All(records, r =>
        {
            Assert.Equal((ushort)0x0304, r.Tls!.Version);
            Assert.Equal(1, r.Tls.RequestsEstimated);
        });
    }

    private static List<ConnectionRecord> Analyze(string sample) =>
        WireLensAnalysis.Analyze(Path.Combine(TestPaths.Captures, sample)).Records;
}
