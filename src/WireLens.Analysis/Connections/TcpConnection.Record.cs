using WireLens.Analysis.Http;
using WireLens.Analysis.Tcp;
using WireLens.Wire;

namespace WireLens.Analysis.Connections;

/// <summary>Turning the live state into the released record.</summary>
internal sealed partial class TcpConnection
{
    /// <summary>
    /// Reads a little of every part of the state <see cref="ToRecord"/> reads, and returns it mixed so the reads stay.
    /// A closed connection's state has gone cold in the cache over the 2 s it lingered: called for a batch of released
    /// connections before their records are made, the reads of different connections, independent of each other, are
    /// waited for together instead of one connection at a time.
    /// </summary>
    public long Warm() =>
        Stream ^ Key.PortA ^ FirstFrame ^ LastFrame ^ _retransmissions ^ _ackedUnseen ^ _clientSide.Packets ^ _serverSide.Bytes
        ^ (long)_clientZeek.State ^ (long)_serverZeek.State ^ _clientSeq.BaseSeq ^ _serverSeq.BaseSeq ^ _history.Length
        ^ (_synTime?.UnixNanoseconds ?? 0) ^ (_firstFinTime?.UnixNanoseconds ?? 0);

    /// <summary>
    /// Reads a little of what a new SYN on this connection's 4-tuple reaches before the connection is released and
    /// replaced (its key, its sequence state, its neighbours in the tracker's idle list); the result means nothing.
    /// </summary>
    public long WarmForReplace() => Warm() ^ _clientSeq.NextSeq ^ _serverSeq.NextSeq ^ (IdleNext is null ? 1 : 0);

    /// <summary>Reads the links of this connection's neighbours in the idle list, which its removal from the list writes.</summary>
    public long WarmIdleNeighbours() => (IdleNext?.IdlePrevious is null ? 1 : 0) ^ (IdlePrevious?.IdleNext is null ? 2 : 0);

    public ConnectionRecord ToRecord(FlushReason reason, Timestamp? openFloor)
    {
        Seal();

        RecentRecordValues recent = RecentRecordValues.Current;
        string history = _history.ToStringReusing(ref recent.History);
        CloseKind kind = DeriveCloseKind();
        Side timeWait = _firstRstTime is not null
            ? Side.None
            : (_clientSide.TimeWait, _serverSide.TimeWait) switch
            {
                (true, true) => Side.Both,
                (true, false) => Side.Client,
                (false, true) => Side.Server,
                _ => Side.None,
            };

        HttpFacts http = _httpFacts!.Value;

        return new ConnectionRecord
        {
            Stream = Stream,
            ClientIp = ClientIsA ? Key.AddressA : Key.AddressB,
            ClientPort = ClientIsA ? Key.PortA : Key.PortB,
            ServerIp = ClientIsA ? Key.AddressB : Key.AddressA,
            ServerPort = ClientIsA ? Key.PortB : Key.PortA,
            RoleGuessed = RoleGuessed,
            FirstTime = FirstTime,
            LastTime = LastTime,
            FirstFrame = FirstFrame,
            LastFrame = LastFrame,
            SynTime = _synTime,
            SynAckTime = _synAckTime,
            AckTime = _ackTime,
            // Negative when the capture clock stepped back inside the handshake: not a time, so unknown. The sequence
            // analysis still uses the raw value, as tshark does.
            InitialRttMs = _initialRttNs <= 0 ? null : _initialRttNs / 1_000_000.0,
            SynRetransmits = _synRetransmits,
            SynAckRetransmits = _synAckRetransmits,
            ConnState = ZeekStateMachine.ConnState(in _clientZeek, in _serverZeek, history),
            History = history,
            CloseKind = kind,
            CloseInitiator = kind switch
            {
                CloseKind.Simultaneous => Side.Both,
                CloseKind.ClientFin or CloseKind.ClientRst => Side.Client,
                CloseKind.ServerFin or CloseKind.ServerRst or CloseKind.Refused => Side.Server,
                _ => Side.None,
            },
            FirstFinTime = _firstFinTime,
            FirstFinSender = _firstFinSender,
            FirstRstTime = _firstRstTime,
            FirstRstSender = _firstRstSender,
            TimeWaitSide = timeWait,
            ClientTimeWaitTime = timeWait is Side.Client or Side.Both ? _clientSide.TimeWaitTime : null,
            ServerTimeWaitTime = timeWait is Side.Server or Side.Both ? _serverSide.TimeWaitTime : null,
            KeepAliveRace = _keepAliveRace,
            PayloadFrames = _payloadFrames,
            RetransmittedPayloadFrames = _retransmittedPayloadFrames,
            DsackAcks = _dsackAcks,
            DsackRetransmissions = _dsackRetransmissions,
            TimeOrigin = _timeOrigin,
            RequestSeconds = _requestTimeline.ToArray(ref recent.RequestSecond),
            RetransmissionSeconds = _retransmissionTimeline.ToArray(ref recent.RetransmissionSecond),
            ClientPackets = _clientSide.Packets,
            ServerPackets = _serverSide.Packets,
            ClientBytes = _clientSide.Bytes,
            ServerBytes = _serverSide.Bytes,
            Retransmissions = _retransmissions,
            FastRetransmissions = _fastRetransmissions,
            SpuriousRetransmissions = _spuriousRetransmissions,
            OutOfOrder = _outOfOrder,
            DuplicateAcks = _duplicateAcks,
            ZeroWindows = _zeroWindows,
            KeepAlives = _keepAlives,
            LostSegments = _lostSegments,
            AckedUnseen = _ackedUnseen,
            HttpProtocol = http.Protocol,
            HttpRequests = http.Requests,
            UserAgent = http.UserAgent,
            HttpHost = http.Host,
            ConnectionClose = http.Close,
            ClientAskedClose = http.ClientClose,
            ServerAskedClose = http.ServerClose,
            ClientStreamLost = _clientLost,
            ServerStreamLost = _serverLost,
            Tls = _tlsFacts,
            FlushReason = reason,
            OpenFloor = openFloor,
        };
    }

    private CloseKind DeriveCloseKind()
    {
        if (_synTime is not null && _synAckTime is null && _firstRstSender == Side.Server)
        {
            return CloseKind.Refused;
        }

        if (_clientSide.FinSeen && _serverSide.FinSeen && _clientSide.ActiveCloser && _serverSide.ActiveCloser)
        {
            return CloseKind.Simultaneous;
        }

        if (_firstFinTime is not null)
        {
            return _firstFinSender == Side.Client ? CloseKind.ClientFin : CloseKind.ServerFin;
        }

        if (_firstRstTime is not null)
        {
            return _firstRstSender == Side.Client ? CloseKind.ClientRst : CloseKind.ServerRst;
        }

        return CloseKind.Open;
    }

    /// <summary>
    /// HTTP columns: empty when the client's bytes are not HTTP; zero requests when the client sent nothing
    /// on a completed handshake.
    /// </summary>
    private HttpFacts ComputeHttpFacts()
    {
        if (_http is null || !_clientPayloadSeen)
        {
            return new HttpFacts(_ackTime is not null && !_clientPayloadSeen ? 0 : null, HttpProtocolKind.None, null, null, null);
        }

        if (!_http.LooksLikeHttp)
        {
            return new HttpFacts(null, HttpProtocolKind.None, null, null, null);
        }

        HttpProtocolKind protocol = _http.Protocol switch
        {
            HttpProtocol.Http10 => HttpProtocolKind.Http10,
            HttpProtocol.Http11 => HttpProtocolKind.Http11,
            HttpProtocol.H2c => HttpProtocolKind.H2c,
            _ => HttpProtocolKind.None,
        };

        // Who asked to close is an HTTP/1 matter: HTTP/2 has no Connection header (RFC 9113 section 8.2.2).
        bool http1 = protocol is HttpProtocolKind.Http10 or HttpProtocolKind.Http11;

        // The strings are made here, when the connection closes and its parsers go back to the pool; successive
        // connections of one load generator share them (RecentRecordValues), so this rarely allocates.
        RecentRecordValues recent = RecentRecordValues.Current;
        return new HttpFacts(
            _http.Requests,
            protocol,
            _http.FirstUserAgentReusing(ref recent.UserAgent),
            _http.FirstHostReusing(ref recent.Host),
            _http.ConnectionClose,
            http1 ? _http.ClientAskedClose : null,
            http1 ? _http.ServerAskedClose : null);
    }

    /// <summary>The HTTP columns, kept when the connection is sealed (its parsers then go back to the pool).</summary>
    private readonly record struct HttpFacts(
        int? Requests, HttpProtocolKind Protocol, string? UserAgent, string? Host, bool? Close, bool? ClientClose = null, bool? ServerClose = null);

    /// <summary>What the connection knows per direction (index 0 client→server, 1 server→client).</summary>
    private struct SideFacts
    {
        public long Packets;
        public long Bytes;
        public bool FinSeen;
        public uint FinEnd;
        public bool FinAcked;
        public bool ActiveCloser;
        public bool TimeWait;
        public Timestamp TimeWaitTime;
    }

    /// <summary>What the tracker keeps after release: the stream number and both directions' base sequence numbers.</summary>
    public Tombstone ToTombstone() => new(
        Stream,
        ClientIsA,
        _clientSeq.BaseSeqSet,
        _clientSeq.BaseSeq,
        _serverSeq.BaseSeqSet,
        _serverSeq.BaseSeq);
}

/// <summary>A released connection's 4-tuple memory: late packets stay in its stream; a SYN with a new ISN starts a new one.</summary>
internal readonly record struct Tombstone(long Stream, bool ClientIsA, bool ClientBaseSet, uint ClientBase, bool ServerBaseSet, uint ServerBase)
{
    /// <summary>tshark's rule: a pure SYN starts a new stream when its sender's base sequence is known and differs.</summary>
    public bool SynStartsNewStream(bool fromA, uint seq)
    {
        bool fromClient = fromA == ClientIsA;
        return fromClient ? ClientBaseSet && ClientBase != seq : ServerBaseSet && ServerBase != seq;
    }
}
