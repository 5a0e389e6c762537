using WireLens.Analysis.Tls;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Analysis.Connections;

/// <summary>
/// Everything WireLens knows about one TCP connection (one tshark <c>tcp.stream</c>) when it is released.
/// Immutable; the CSV/JSON columns are named after these properties (see docs/connections-csv.md).
/// </summary>
public sealed record ConnectionRecord
{
    public required long Stream { get; init; }
    public required IpAddress ClientIp { get; init; }
    public required ushort ClientPort { get; init; }
    public required IpAddress ServerIp { get; init; }
    public required ushort ServerPort { get; init; }
    public int IpVersion => ClientIp.Version;
    public required bool RoleGuessed { get; init; }

    public required Timestamp FirstTime { get; init; }
    public required Timestamp LastTime { get; init; }
    public double DurationMs => LastTime.MillisecondsSince(FirstTime);

    /// <summary>The capture's number (1-based, as tshark's frame.number) of the connection's first frame.</summary>
    public long FirstFrame { get; init; }

    /// <summary>The capture's number of the connection's last frame: its frames lie in [FirstFrame, LastFrame].</summary>
    public long LastFrame { get; init; }

    public Timestamp? SynTime { get => Optional(_synTime); init => _synTime = Nanoseconds(value); }
    public Timestamp? SynAckTime { get => Optional(_synAckTime); init => _synAckTime = Nanoseconds(value); }
    public Timestamp? AckTime { get => Optional(_ackTime); init => _ackTime = Nanoseconds(value); }
    /// <summary>First SYN to first SYN/ACK; null when either is missing or the capture clock stepped back between them.</summary>
    public double? SynToSynAckMs => SynTime is { } s && SynAckTime is { } sa && sa >= s ? sa.MillisecondsSince(s) : null;
    public double? InitialRttMs { get; init; }
    public int SynRetransmits { get; init; }
    public int SynAckRetransmits { get; init; }

    /// <summary>The three-way handshake was seen to complete (SYN, SYN/ACK and the client's ACK).</summary>
    public bool HandshakeCompleted => AckTime is not null;

    public required ZeekConnState ConnState { get; init; }
    public required string History { get; init; }

    public required Side CloseInitiator { get; init; }
    public required CloseKind CloseKind { get; init; }
    public Timestamp? FirstFinTime { get => Optional(_firstFinTime); init => _firstFinTime = Nanoseconds(value); }
    public Side FirstFinSender { get; init; }
    public Timestamp? FirstRstTime { get => Optional(_firstRstTime); init => _firstRstTime = Nanoseconds(value); }
    public Side FirstRstSender { get; init; }
    public required Side TimeWaitSide { get; init; }

    /// <summary>When the client entered TIME_WAIT: its acknowledgement of the server's FIN (null when it did not).</summary>
    public Timestamp? ClientTimeWaitTime { get => Optional(_clientTimeWaitTime); init => _clientTimeWaitTime = Nanoseconds(value); }

    /// <summary>When the server entered TIME_WAIT: its acknowledgement of the client's FIN (null when it did not).</summary>
    public Timestamp? ServerTimeWaitTime { get => Optional(_serverTimeWaitTime); init => _serverTimeWaitTime = Nanoseconds(value); }

    /// <summary>
    /// The server closed the connection (FIN) while the client sent new data on it, and the server answered with an
    /// RST: a request lost to a keep-alive race.
    /// </summary>
    public bool KeepAliveRace { get; init; }

    /// <summary>Frames with TCP payload, both directions.</summary>
    public long PayloadFrames { get; init; }

    /// <summary>Frames with TCP payload that tshark would mark as a retransmission (any kind), both directions.</summary>
    public long RetransmittedPayloadFrames { get; init; }

    /// <summary>
    /// ACK frames whose first SACK block is a D-SACK (RFC 2883: it reports data received twice), both directions: the
    /// frames tshark marks with <c>tcp.options.sack.dsack</c> ("D-SACK Sequence"). See docs/analysis.md.
    /// </summary>
    public int DsackAcks { get; init; }

    /// <summary>
    /// Of <see cref="RetransmittedPayloadFrames"/>, those the receiver proved unnecessary by D-SACK (the original had
    /// arrived): D-SACK ranges that overlap a retransmission by the peer, each range counted once (see docs/analysis.md).
    /// </summary>
    public long DsackRetransmissions { get; init; }

    /// <summary>
    /// Requests (HTTP ones, or on TLS the client bursts of <see cref="TlsFacts.RequestsEstimated"/>) per second of
    /// packet time since the tracker's <see cref="ConnectionTracker.TimeOrigin"/>, in time order; empty when none.
    /// </summary>
    public IReadOnlyList<SecondCount> RequestSeconds { get; init; } = [];

    /// <summary>Second 0 of <see cref="RequestSeconds"/> and <see cref="RetransmissionSeconds"/>: the tracker's <see cref="ConnectionTracker.TimeOrigin"/>.</summary>
    public Timestamp TimeOrigin { get; init; }

    /// <summary><see cref="Retransmissions"/> per second since the tracker's time origin, in time order; empty when none.</summary>
    public IReadOnlyList<SecondCount> RetransmissionSeconds { get; init; } = [];

    public long ClientPackets { get; init; }
    public long ServerPackets { get; init; }
    public long ClientBytes { get; init; }
    public long ServerBytes { get; init; }

    // Segment verdicts: each counts the frames carrying one tshark tcp.analysis field.
    public int Retransmissions { get; init; }
    public int FastRetransmissions { get; init; }
    public int SpuriousRetransmissions { get; init; }
    public int OutOfOrder { get; init; }
    public int DuplicateAcks { get; init; }
    public int ZeroWindows { get; init; }
    public int KeepAlives { get; init; }
    public int LostSegments { get; init; }
    public int AckedUnseen { get; init; }

    /// <summary>Empty protocol: not cleartext HTTP (or no client payload).</summary>
    public HttpProtocolKind HttpProtocol { get; init; }
    /// <summary>Null when it does not apply: the client's bytes are not HTTP (TLS, another protocol).</summary>
    public int? HttpRequests { get; init; }
    public string? UserAgent { get; init; }
    public string? HttpHost { get; init; }
    public bool? ConnectionClose { get; init; }

    /// <summary>A request asked to close ("Connection: close", or HTTP/1.0 without keep-alive); null when not HTTP/1.</summary>
    public bool? ClientAskedClose { get; init; }

    /// <summary>A response carried "Connection: close"; null when not HTTP/1.</summary>
    public bool? ServerAskedClose { get; init; }

    /// <summary>A direction of the byte stream had a gap that never filled (application parsing stopped there).</summary>
    public bool ClientStreamLost { get; init; }
    public bool ServerStreamLost { get; init; }

    /// <summary>The TLS handshake, when the client's stream begins with one; null otherwise.</summary>
    public TlsFacts? Tls { get; init; }

    /// <summary>First SYN to the end of the TLS handshake (<see cref="TlsFacts.DoneTime"/>).</summary>
    public double? SecureConnectionMs => SynTime is { } syn && Tls?.DoneTime is { } done ? done.MillisecondsSince(syn) : null;

    public required FlushReason FlushReason { get; init; }

    /// <summary>
    /// Not a fact of this connection but of the tracker when it released it: no connection whose record comes after
    /// this one opened (<see cref="SynTime"/>, else <see cref="FirstTime"/>) before this time, as long as the capture's
    /// timestamps do not go back. Consumers that need events in time order (the report's concurrency and TIME_WAIT
    /// sweep) settle everything before it and keep only what comes after. Null when the record was made otherwise.
    /// </summary>
    public Timestamp? OpenFloor { get => Optional(_openFloor); init => _openFloor = Nanoseconds(value); }

    // The optional times are kept as nanoseconds, NoTime for none: a Timestamp? field takes 16 bytes, a long 8, and a
    // record is made for every connection (a churn capture's largest allocation). No capture time is NoTime (pcap
    // and pcapng times count from 1970).
    private const long NoTime = long.MinValue;
    private readonly long _synTime = NoTime;
    private readonly long _synAckTime = NoTime;
    private readonly long _ackTime = NoTime;
    private readonly long _firstFinTime = NoTime;
    private readonly long _firstRstTime = NoTime;
    private readonly long _clientTimeWaitTime = NoTime;
    private readonly long _serverTimeWaitTime = NoTime;
    private readonly long _openFloor = NoTime;

    private static Timestamp? Optional(long nanoseconds) => nanoseconds == NoTime ? null : new Timestamp(nanoseconds);

    private static long Nanoseconds(Timestamp? time) => time?.UnixNanoseconds ?? NoTime;
}
