using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Reporting;

/// <summary>Hand-made connection records for the reporting tests, with every value known in advance.</summary>
internal static class ConnectionRecords
{
    /// <summary>2026-01-02T03:04:05Z as a timestamp.</summary>
    public static readonly Timestamp Base =
        new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000);

    public static Timestamp At(long nanosecondsAfterBase) => new(Base.UnixNanoseconds + nanosecondsAfterBase);

    /// <summary>Every field set (IPv4, completed handshake, client FIN close, HTTP/1.1).</summary>
    public static ConnectionRecord Full(long stream = 7) => new()
    {
        Stream = stream,
        ClientIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")),
        ClientPort = 50000,
        ServerIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")),
        ServerPort = 80,
        RoleGuessed = false,
        FirstTime = At(100_000_000),
        LastTime = At(1_600_000_000),
        SynTime = At(100_000_000),
        SynAckTime = At(100_051_000),
        AckTime = At(100_102_000),
        InitialRttMs = 0.102,
        SynRetransmits = 1,
        SynAckRetransmits = 2,
        ConnState = ZeekConnState.SF,
        History = "ShADadFf",
        CloseInitiator = Side.Client,
        CloseKind = CloseKind.ClientFin,
        FirstFinTime = At(1_500_000_000),
        FirstFinSender = Side.Client,
        FirstRstTime = At(1_600_000_000),
        FirstRstSender = Side.Server,
        TimeWaitSide = Side.Client,
        ClientPackets = 10,
        ServerPackets = 9,
        ClientBytes = 1234,
        ServerBytes = 56789,
        Retransmissions = 3,
        FastRetransmissions = 1,
        SpuriousRetransmissions = 0,
        OutOfOrder = 2,
        DuplicateAcks = 4,
        ZeroWindows = 5,
        KeepAlives = 6,
        LostSegments = 7,
        AckedUnseen = 8,
        HttpProtocol = HttpProtocolKind.Http11,
        HttpRequests = 12,
        UserAgent = "wrk/4.2",
        HttpHost = "example.test:8080",
        ConnectionClose = true,
        FlushReason = FlushReason.Closed,
    };

    /// <summary>Only the required fields (IPv6, no handshake seen, still open, not HTTP): every optional one is null.</summary>
    public static ConnectionRecord Minimal(long stream = 0) => new()
    {
        Stream = stream,
        ClientIp = IpAddress.FromIPAddress(IPAddress.Parse("2001:db8::1")),
        ClientPort = 1,
        ServerIp = IpAddress.FromIPAddress(IPAddress.Parse("::1")),
        ServerPort = 443,
        RoleGuessed = true,
        FirstTime = Base,
        LastTime = Base,
        ConnState = ZeekConnState.OTH,
        History = "D",
        CloseInitiator = Side.None,
        CloseKind = CloseKind.Open,
        TimeWaitSide = Side.None,
        FlushReason = FlushReason.EndOfCapture,
    };

    /// <summary>
    /// <see cref="Full"/> as an HTTPS connection (port 443, no cleartext HTTP) with <see cref="TlsFull"/>:
    /// SYN at +100 ms, ClientHello +100.200, ServerHello +100.450, done +101.200 (ms after <see cref="Base"/>).
    /// </summary>
    public static ConnectionRecord Tls(long stream = 7, TlsFacts? tls = null) => Full(stream) with
    {
        ServerPort = 443,
        HttpProtocol = HttpProtocolKind.None,
        HttpRequests = null,
        UserAgent = null,
        HttpHost = null,
        ConnectionClose = null,
        Tls = tls ?? TlsFull(),
    };

    /// <summary>A resumed TLS 1.3 handshake with every field known: CH→SH 0.250 ms, handshake 1.000 ms.</summary>
    public static TlsFacts TlsFull() => new()
    {
        Version = 0x0304,
        CipherSuite = 0x1301,
        ServerName = "example.test",
        AlpnOffered = ["h2", "http/1.1"],
        AlpnSelectedEncrypted = true,
        ResumptionOffered = TlsResumptionOffer.Ticket | TlsResumptionOffer.Psk,
        Resumed = true,
        HelloRetryRequest = false,
        KeyShareGroup = 0x001D,
        ClientHelloTime = At(100_200_000),
        ServerHelloTime = At(100_450_000),
        DoneTime = At(101_200_000),
        Alerts = ["warning:close_notify"],
        Ja4 = "t13d1516h2_8daaf6152771_e5627efa2ab1",
        Ja3 = "cd08e31494f9531f560d64c695473da9",
        RequestsEstimated = 3,
        ClientHelloCount = 1,
        ClientSessionIdLength = 32,
        ServerSessionIdLength = 32,
        SelectedPskIdentity = 0,
    };
}
