using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Cli.Pipeline;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Inspection;

/// <summary>Connection list rows for the inspection tests: from a sample capture, or made by hand.</summary>
internal static class SummaryRows
{
    /// <summary>2026-01-02T03:04:05Z: the origin of the hand-made rows.</summary>
    public static readonly Timestamp Origin = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000);

    /// <summary>
    /// The rows of captures/<paramref name="sample"/> as the UI gets them: the offline pipeline's records in stream
    /// order, grouped by tool from the capture, plus the capture's first packet as the origin.
    /// </summary>
    public static (ConnectionRows Rows, Timestamp Origin) FromCapture(string sample)
    {
        string path = Path.Combine(TestPaths.Captures, sample);
        CaptureOpenStatus status = CaptureFileReader.TryOpen(path, out CaptureFileReader? reader, out string error);
        Assert.True(status == CaptureOpenStatus.Opened, $"{path}: {status}: {error}");
        var sink = new CollectingSink();
        CaptureAnalysisResult result;
        using (reader)
        {
            result = CaptureAnalysisRunner.Run(reader!, new CaptureAnalysisOptions(), sink);
        }

        ConnectionGrouping grouping = ConnectionGrouping.ByToolFromCapture();
        var table = new ConnectionTable();
        foreach (ConnectionRecord record in sink.Records.OrderBy(r => r.Stream))
        {
            GroupedConnection g = grouping.Classify(record);
            table.Add(record, g.Group, g.Tool.Tool, capture: 0);
        }

        return (table.Snapshot(), result.FirstPacket!.Value);
    }

    /// <summary>A plain HTTP/1.1 row with every value known: stream <paramref name="stream"/>, 10.0.0.1:50000 → 10.0.0.2:80.</summary>
    public static ConnectionSummary HttpRow(long stream = 0) => new()
    {
        Stream = stream,
        Capture = 0,
        Group = "wrk",
        Tool = "wrk",
        ClientIp = Ip("10.0.0.1"),
        ClientPort = 50000,
        ServerIp = Ip("10.0.0.2"),
        ServerPort = 80,
        FirstTime = At(1_500_000_000),
        LastTime = At(1_502_250_000),
        FirstFrame = 1,
        LastFrame = 10,
        HandshakeRttMs = 0.102f,
        Requests = 12,
        RequestsEstimated = false,
        Close = CloseKind.ClientFin,
        CloseInitiator = Side.Client,
        TimeWaitSide = Side.Client,
        SynRetransmits = 1,
        Retransmissions = 3,
        Http = HttpProtocolKind.Http11,
        TlsVersion = 0,
        IsTls = false,
        TlsResumed = null,
        ClientHelloToServerHelloMs = float.NaN,
        Sni = null,
        Alpn = null,
    };

    /// <summary>A resumed TLS 1.3 row: SNI example.test, ALPN encrypted, CH→SH 0.250 ms, three estimated requests.</summary>
    public static ConnectionSummary TlsRow(long stream = 0) => HttpRow(stream) with
    {
        ServerPort = 443,
        Requests = 3,
        RequestsEstimated = true,
        Http = HttpProtocolKind.None,
        TlsVersion = 0x0304,
        IsTls = true,
        TlsResumed = true,
        ClientHelloToServerHelloMs = 0.25f,
        Sni = "example.test",
        Alpn = "encrypted",
    };

    /// <summary>A row where nothing optional is known: NaN times, -1 requests, no protocol, not TLS.</summary>
    public static ConnectionSummary UnknownRow(long stream = 0) => HttpRow(stream) with
    {
        HandshakeRttMs = float.NaN,
        Requests = -1,
        Close = CloseKind.Open,
        CloseInitiator = Side.None,
        TimeWaitSide = Side.None,
        SynRetransmits = 0,
        Retransmissions = 0,
        Http = HttpProtocolKind.None,
    };

    public static Timestamp At(long nanosecondsAfterOrigin) => new(Origin.UnixNanoseconds + nanosecondsAfterOrigin);

    public static IpAddress Ip(string text) => IpAddress.FromIPAddress(IPAddress.Parse(text));

    private sealed class CollectingSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
