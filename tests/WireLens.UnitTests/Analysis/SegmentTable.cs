using System.Buffers.Binary;
using System.Net;
using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// A TCP scenario written as a table of segments (gopacket's tcp_test.go idea): each row gives the time in
/// milliseconds, the sender ('C' client, 'S' server), the flags ("S", "SA", "A", "PA", "FA", "R", "RA", ...),
/// sequence and acknowledgment numbers relative to the sender's and the peer's initial sequence numbers
/// (tshark's relative numbering: the SYN is 0, the first data byte 1), the payload length and the window.
/// The ISNs and the client port hold for the following rows until <see cref="Connection"/> changes them, so
/// wrap-around and port-reuse scenarios fit in one table. Client 10.0.0.1, server 10.0.0.2:80.
/// </summary>
internal sealed class SegmentTable
{
    public const ushort DefaultClientPort = 50000;
    public const ushort DefaultServerPort = 80;

    /// <summary>2026-01-02T03:04:05Z, the time of row 0 ms.</summary>
    public static readonly Timestamp Base =
        new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000);

    public static readonly IpAddress ClientIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.1"));
    public static readonly IpAddress ServerIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.2"));

    private readonly List<Row> _rows = [];
    private uint _clientIsn;
    private uint _serverIsn;
    private ushort _clientPort;
    private ushort _serverPort;

    public SegmentTable(uint clientIsn = 1_000, uint serverIsn = 5_000, ushort clientPort = DefaultClientPort, ushort serverPort = DefaultServerPort)
    {
        Connection(clientIsn, serverIsn, clientPort, serverPort);
    }

    /// <summary>The rows after this call are relative to these ISNs and use these ports.</summary>
    public SegmentTable Connection(uint clientIsn, uint serverIsn, ushort clientPort = DefaultClientPort, ushort serverPort = DefaultServerPort)
    {
        _clientIsn = clientIsn;
        _serverIsn = serverIsn;
        _clientPort = clientPort;
        _serverPort = serverPort;
        return this;
    }

    /// <summary>
    /// One segment. Without an 'A' flag the acknowledgment field is 0 on the wire whatever <paramref name="relAck"/> says.
    /// Without a payload the segment carries <paramref name="len"/> filler bytes; a shorter payload than
    /// <paramref name="len"/> is a capture cut short by the snapshot length. <paramref name="sack"/> puts a SACK option
    /// (RFC 2018) on the segment: its blocks' (left, right) edges are relative to the peer's ISN, like
    /// <paramref name="relAck"/>, and go through the real option decoder.
    /// </summary>
    public SegmentTable Add(
        double timeMs, char from, string flags, long relSeq, long relAck, int len, ushort window = 65535, byte[]? payload = null, (long Left, long Right)[]? sack = null)
    {
        if (from is not ('C' or 'S'))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, "C or S");
        }

        if (payload is not null && payload.Length > len)
        {
            throw new ArgumentException($"payload is {payload.Length} bytes, more than len {len}", nameof(payload));
        }

        bool fromClient = from == 'C';
        TcpFlags f = ParseFlags(flags);
        uint ownIsn = fromClient ? _clientIsn : _serverIsn;
        uint peerIsn = fromClient ? _serverIsn : _clientIsn;
        uint seq = unchecked(ownIsn + (uint)relSeq);
        uint ack = (f & TcpFlags.Ack) != 0 ? unchecked(peerIsn + (uint)relAck) : 0;
        _rows.Add(new Row(
            new Timestamp(Base.UnixNanoseconds + (long)Math.Round(timeMs * 1_000_000)),
            fromClient,
            _clientPort,
            _serverPort,
            seq,
            ack,
            f,
            window,
            len,
            payload ?? Filler(len),
            sack is null ? default : SackOption(sack, peerIsn)));
        return this;
    }

    /// <summary>A segment whose payload is the Latin-1 bytes of <paramref name="text"/>.</summary>
    public SegmentTable Add(double timeMs, char from, string flags, long relSeq, long relAck, string text, ushort window = 65535)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(text);
        return Add(timeMs, from, flags, relSeq, relAck, bytes.Length, window, bytes);
    }

    public int Count => _rows.Count;

    /// <summary>
    /// Feeds every row to a new tracker, flushes it and returns the records in stream order. <paramref name="timeOrigin"/>
    /// is set as the tracker's <see cref="ConnectionTracker.TimeOrigin"/> before the first row (as the runner does with
    /// the capture's first packet); without it the tracker takes the first row's time. <paramref name="observer"/> sees
    /// every analysed segment.
    /// </summary>
    public SegmentRun Run(ConnectionTrackerOptions? options = null, Timestamp? timeOrigin = null, ISegmentObserver? observer = null)
    {
        var sink = new CollectingSink();
        var tracker = new ConnectionTracker(options ?? new ConnectionTrackerOptions(), sink) { TimeOrigin = timeOrigin, SegmentObserver = observer };
        long frame = 1;
        foreach (Row r in _rows)
        {
            TcpSegmentHeader header = r.FromClient
                ? new TcpSegmentHeader(ClientIp, r.ClientPort, ServerIp, r.ServerPort, r.Seq, r.Ack, r.Flags, r.Window, r.Options, r.Len, r.Time, frame++)
                : new TcpSegmentHeader(ServerIp, r.ServerPort, ClientIp, r.ClientPort, r.Seq, r.Ack, r.Flags, r.Window, r.Options, r.Len, r.Time, frame++);
            tracker.Process(new TcpSegment(in header, r.Payload));
        }

        tracker.Flush();
        return new SegmentRun([.. sink.Records.OrderBy(r => r.Stream)], sink.Records, tracker.Statistics);
    }

    /// <summary>"S", "SA", "PA", "FPA", "RA" ... in any order: S SYN, A ACK, P PSH, F FIN, R RST, U URG.</summary>
    public static TcpFlags ParseFlags(string flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        TcpFlags f = TcpFlags.None;
        foreach (char c in flags)
        {
            f |= c switch
            {
                'S' => TcpFlags.Syn,
                'A' => TcpFlags.Ack,
                'P' => TcpFlags.Psh,
                'F' => TcpFlags.Fin,
                'R' => TcpFlags.Rst,
                'U' => TcpFlags.Urg,
                _ => throw new ArgumentOutOfRangeException(nameof(flags), flags, "unknown flag letter"),
            };
        }

        return f;
    }

    // RFC 2018 section 3: NOP, NOP, kind 5, length 2 + 8n, then n pairs of 32-bit left / right edges.
    private static TcpOptions SackOption((long Left, long Right)[] blocks, uint peerIsn)
    {
        var bytes = new byte[4 + (8 * blocks.Length)];
        bytes[0] = 1;
        bytes[1] = 1;
        bytes[2] = 5;
        bytes[3] = (byte)(2 + (8 * blocks.Length));
        for (int i = 0; i < blocks.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + (8 * i)), unchecked(peerIsn + (uint)blocks[i].Left));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8 + (8 * i)), unchecked(peerIsn + (uint)blocks[i].Right));
        }

        TcpOptions options = TcpOptions.Parse(bytes);
        Assert.Equal(blocks.Length, options.SackBlockCount);
        return options;
    }

    private static byte[] Filler(int len)
    {
        var bytes = new byte[len];
        bytes.AsSpan().Fill((byte)'x');
        return bytes;
    }

    private readonly record struct Row(
        Timestamp Time, bool FromClient, ushort ClientPort, ushort ServerPort, uint Seq, uint Ack, TcpFlags Flags, ushort Window, int Len, byte[] Payload, TcpOptions Options);

    private sealed class CollectingSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}

/// <summary>What a table produced: records in stream order, the same in release order, and the tracker's counters.</summary>
internal sealed record SegmentRun(IReadOnlyList<ConnectionRecord> Records, IReadOnlyList<ConnectionRecord> ReleaseOrder, TrackerStatistics Statistics)
{
    /// <summary>The only record (fails the test when there is not exactly one).</summary>
    public ConnectionRecord Single => Assert.Single(Records);
}

/// <summary>The close-related columns of a record, compared as one value so a failure shows them all.</summary>
internal sealed record CloseFacts(
    ZeekConnState ConnState,
    string History,
    CloseKind CloseKind,
    Side CloseInitiator,
    Side TimeWaitSide,
    Side FirstFinSender,
    Side FirstRstSender)
{
    public static CloseFacts Of(ConnectionRecord r) =>
        new(r.ConnState, r.History, r.CloseKind, r.CloseInitiator, r.TimeWaitSide, r.FirstFinSender, r.FirstRstSender);
}

/// <summary>The nine tshark verdict counters of a record; unnamed counters are expected to be zero.</summary>
internal sealed record Verdicts(
    int Retransmissions = 0,
    int FastRetransmissions = 0,
    int SpuriousRetransmissions = 0,
    int OutOfOrder = 0,
    int DuplicateAcks = 0,
    int ZeroWindows = 0,
    int KeepAlives = 0,
    int LostSegments = 0,
    int AckedUnseen = 0)
{
    public static Verdicts Of(ConnectionRecord r) => new(
        r.Retransmissions,
        r.FastRetransmissions,
        r.SpuriousRetransmissions,
        r.OutOfOrder,
        r.DuplicateAcks,
        r.ZeroWindows,
        r.KeepAlives,
        r.LostSegments,
        r.AckedUnseen);
}

/// <summary>The handshake columns of a record, times in milliseconds after <see cref="SegmentTable.Base"/>.</summary>
internal sealed record HandshakeFacts(
    double? SynMs,
    double? SynAckMs,
    double? AckMs,
    double? InitialRttMs,
    int SynRetransmits,
    int SynAckRetransmits)
{
    public static HandshakeFacts Of(ConnectionRecord r) => new(
        Ms(r.SynTime),
        Ms(r.SynAckTime),
        Ms(r.AckTime),
        r.InitialRttMs is { } rtt ? Math.Round(rtt, 6) : null,
        r.SynRetransmits,
        r.SynAckRetransmits);

    public static double? Ms(Timestamp? t) => t is { } v ? Math.Round(v.MillisecondsSince(SegmentTable.Base), 6) : null;
}
