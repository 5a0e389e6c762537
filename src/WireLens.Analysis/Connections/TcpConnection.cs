using WireLens.Analysis.Http;
using WireLens.Analysis.Reassembly;
using WireLens.Analysis.Tls;
using WireLens.Analysis.Tcp;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Connections;

/// <summary>
/// The live state of one TCP connection (one tshark stream) while the tracker holds it. Direction index 0 is
/// client→server, 1 is server→client. Everything is derived from packet timestamps.
/// </summary>
internal sealed partial class TcpConnection : IByteStreamSink
{
    private const int Client = 0;
    private const int Server = 1;

    /// <summary>Zeek's TOO_LARGE_SEQ_DELTA: SYN/RST sequence jumps beyond this are not trusted.</summary>
    private const int TooLargeSeqDelta = 1_048_576;

    // Per direction in fields of their own (no array object to reach them through).
    // Mutable structs, reached by reference: not readonly, never copied.
    private SequenceFlowState _clientSeq = new();
    private SequenceFlowState _serverSeq = new();
    private ZeekEndpoint _clientZeek = new();
    private ZeekEndpoint _serverZeek = new();
    /// <summary>Null once the connection is sealed (closed): the byte streams are finished then.</summary>
    private StreamReassembler[]? _reassembly;
    private readonly StreamReassembler[] _reassemblyStore;
    private readonly ConnectionHistory _history = new();
    private AppProtocol _app;
    private HttpConnectionAnalyzer? _http;
    private SecondTimeline _requestTimeline; // mutable structs: not readonly, never copied
    private SecondTimeline _retransmissionTimeline;
    private Timestamp _timeOrigin;
    private long _payloadFrames;
    private long _retransmittedPayloadFrames;
    private int _dsackAcks;
    private long _dsackRetransmissions;
    /// <summary>Per direction, made on the first retransmitted payload frame and kept when the object is recycled.</summary>
    private RetransmittedRanges[]? _retransmittedRanges;
    private readonly HttpAnalyzerPool _httpAnalyzers;
    private TlsConnectionAnalyzer? _tls;
    private TlsFacts? _tlsFacts;

    private SideFacts _clientSide;
    private SideFacts _serverSide;

    private Timestamp? _synTime;
    private Timestamp? _synAckTime;
    private Timestamp? _ackTime;
    private Timestamp? _firstFinTime;
    private Timestamp? _firstRstTime;
    private Side _firstFinSender;
    private Side _firstRstSender;
    private int _synRetransmits;
    private int _synAckRetransmits;
    private long _mruSynNs;
    private long _initialRttNs;
    private bool _clientPayloadSeen;
    private int _requestsAtServerFin = -1;
    private bool _keepAliveRace;
    private bool _clientLost;
    private bool _serverLost;
    private HttpFacts? _httpFacts;

    private int _retransmissions;
    private int _fastRetransmissions;
    private int _spuriousRetransmissions;
    private int _outOfOrder;
    private int _duplicateAcks;
    private int _zeroWindows;
    private int _keepAlives;
    private int _lostSegments;
    private int _ackedUnseen;

    /// <param name="maxBuffered">Bytes buffered per direction out of order at most.</param>
    /// <param name="httpAnalyzers">The tracker's HTTP analyzers (taken and given back on its thread).</param>
    public TcpConnection(int maxBuffered, HttpAnalyzerPool httpAnalyzers)
    {
        _httpAnalyzers = httpAnalyzers;
        _reassemblyStore = [new StreamReassembler(fromClient: true, maxBuffered), new StreamReassembler(fromClient: false, maxBuffered)];
        Recycle();
    }

    public long Stream { get; private set; }

    public FlowKey Key { get; private set; }

    public bool ClientIsA { get; private set; }

    public bool RoleGuessed { get; private set; }

    public Timestamp FirstTime { get; private set; }

    public Timestamp LastTime { get; private set; }

    /// <summary>The capture's number of the connection's first frame (0 before any).</summary>
    public long FirstFrame { get; private set; }

    /// <summary>The capture's number of the connection's latest frame.</summary>
    public long LastFrame { get; private set; }

    /// <summary>When the connection was seen to finish (both FINs acknowledged, or an RST); null while open.</summary>
    public Timestamp? ClosedAt { get; private set; }

    public bool Released { get; set; }

    public bool QueuedAsClosed { get; set; }

    /// <summary>The neighbours in the tracker's idle order (<see cref="IdleList"/>), which sets them.</summary>
    public TcpConnection? IdlePrevious { get; set; }

    /// <inheritdoc cref="IdlePrevious"/>
    public TcpConnection? IdleNext { get; set; }

    /// <summary>When the connection was last put at the end of the tracker's idle list.</summary>
    public Timestamp IdleQueuedAt { get; set; }

    public ref SequenceFlowState SequenceState(bool fromClient) => ref fromClient ? ref _clientSeq : ref _serverSeq;

    private ref SequenceFlowState Seq(int dir) => ref dir == Client ? ref _clientSeq : ref _serverSeq;

    private ref ZeekEndpoint Zeek(int dir) => ref dir == Client ? ref _clientZeek : ref _serverZeek;

    private ref SideFacts SideOf(int dir) => ref dir == Client ? ref _clientSide : ref _serverSide;

    /// <summary>
    /// Analyses one segment. <paramref name="preset"/> carries flags decided while choosing the stream (reused ports).
    /// Returns the segment's tshark verdicts.
    /// </summary>
    public TcpAnalysisFlags OnSegment(in TcpSegment s, bool fromClient, TcpAnalysisFlags preset)
    {
        int dir = fromClient ? Client : Server;
        int peer = 1 - dir;
        TcpFlags flags = s.Flags;
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool ack = (flags & TcpFlags.Ack) != 0;
        bool fin = (flags & TcpFlags.Fin) != 0;
        bool rst = (flags & TcpFlags.Rst) != 0;
        int len = s.PayloadLength;
        Timestamp t = s.Time;

        if (t > LastTime)
        {
            LastTime = t;
        }

        if (FirstFrame == 0)
        {
            FirstFrame = s.FrameNumber;
        }

        LastFrame = s.FrameNumber;

        SideOf(dir).Packets++;
        SideOf(dir).Bytes += len;

        // 1. tshark's sequence analysis, before anything else of this frame (as in dissect_tcp).
        TcpAnalysisFlags ta = SequenceAnalyzer.Analyze(
            ref Seq(dir), ref Seq(peer), s.Sequence, s.Acknowledgment, (uint)len, flags, s.Window, t, _initialRttNs, preset);
        CountVerdicts(ta, t);
        if (len > 0)
        {
            _payloadFrames++;
            if (ta.IsRetransmission())
            {
                _retransmittedPayloadFrames++;
                uint dataSeq = syn ? unchecked(s.Sequence + 1) : s.Sequence;
                _retransmittedRanges ??= [new(), new()];
                _retransmittedRanges[dir].Add(dataSeq, unchecked(dataSeq + (uint)len));
            }
        }

        // D-SACK (RFC 2883): this ACK reports data it received twice; when the peer had retransmitted that data, the
        // retransmission was unnecessary (the original had arrived: a delayed ACK or a tail loss probe, not a loss).
        if (ack && DuplicateSack.TryGetBlock(s.Options, s.Acknowledgment, out uint dsackLeft, out uint dsackRight))
        {
            _dsackAcks++;
            if (_retransmittedRanges is not null && _retransmittedRanges[peer].Prove(dsackLeft, dsackRight))
            {
                _dsackRetransmissions++;
            }
        }

        // 2. Handshake times; tshark's initial RTT = first ACK without SYN minus the most recent pure SYN.
        if (syn && !ack)
        {
            if (fromClient)
            {
                if (_synTime is null)
                {
                    _synTime = t;
                }
                else
                {
                    _synRetransmits++;
                }
            }

            _mruSynNs = t.UnixNanoseconds;
        }
        else if (syn && ack && !fromClient)
        {
            if (_synAckTime is null)
            {
                _synAckTime = t;
            }
            else
            {
                _synAckRetransmits++;
            }
        }

        if (ack && !syn && _mruSynNs != 0 && _initialRttNs == 0)
        {
            _initialRttNs = t.UnixNanoseconds - _mruSynNs;
        }

        if (fromClient && ack && !syn && !rst && _synAckTime is not null && _ackTime is null)
        {
            _ackTime = t;
        }

        // 3. Zeek: history letters, retransmission by last_seq, zero window, endpoint state machine.
        _history.OnPacket(fromClient, flags, s.Sequence, len);
        UpdateZeekLastSeq(ref Zeek(dir), fromClient, s.Sequence, len, syn, fin, rst);
        // Zeek's update_window: a zero window counts unless it rides on an RST, the sender was reset, or the peer
        // has already closed (no window matters then); SYNs and FINs are not excluded. States are the ones before
        // this packet, as Zeek updates the window before the state machine.
        if (s.Window == 0 && !rst && Zeek(peer).State != EndpointState.Closed && Zeek(dir).State != EndpointState.Reset)
        {
            _history.OnZeroWindow(fromClient);
        }

        ZeekStateMachine.Update(ref Zeek(dir), ref Zeek(peer), in _clientZeek, fromClient, flags, len);
        Zeek(dir).Size += len;

        // 4. Closing: who sent the first FIN/RST, simultaneous close by sequence numbers, TIME_WAIT.
        TrackClose(dir, peer, s, fin, rst, ack, t);
        TrackKeepAliveRace(fromClient, fin, rst);

        // 5. Byte streams for the application parsers.
        if (len > 0 && fromClient)
        {
            _clientPayloadSeen = true;
        }

        if (_reassembly is null)
        {
            return ta;
        }

        if (syn)
        {
            _reassembly[dir].OnSyn(s.Sequence);
        }

        if (len > 0 || fin)
        {
            uint dataSeq = syn ? unchecked(s.Sequence + 1) : s.Sequence;
            _reassembly[dir].OnSegment(dataSeq, s.Payload, len, fin, t, this);
        }

        if (ack && !rst)
        {
            _reassembly[peer].OnPeerAck(s.Acknowledgment, this);
        }

        if (ClosedAt is not null)
        {
            Seal();
        }

        return ta;
    }

    /// <summary>
    /// Closed: no more application bytes can come, so the byte streams are finished, the HTTP facts kept and the
    /// parsers dropped. A closed connection lingers for late segments at a fraction of its open cost.
    /// </summary>
    public void Seal()
    {
        if (_reassembly is null)
        {
            return;
        }

        _reassembly[Client].Finish(this);
        _reassembly[Server].Finish(this);
        _clientLost = _reassembly[Client].Lost;
        _serverLost = _reassembly[Server].Lost;
        _httpFacts = ComputeHttpFacts();
        _tlsFacts = _tls?.ToFacts();
        _reassembly = null;
        if (_http is not null)
        {
            _httpAnalyzers.Return(_http);
            _http = null;
        }

        _tls = null;
    }

    private void CountVerdicts(TcpAnalysisFlags ta, Timestamp time)
    {
        if (ta == TcpAnalysisFlags.None || ta == TcpAnalysisFlags.ReusedPorts)
        {
            return;
        }

        if (ta.IsRetransmission())
        {
            _retransmissions++;
            _retransmissionTimeline.Add(time, _timeOrigin, 1);
        }

        if ((ta & TcpAnalysisFlags.FastRetransmission) != 0)
        {
            _fastRetransmissions++;
        }

        if ((ta & TcpAnalysisFlags.SpuriousRetransmission) != 0)
        {
            _spuriousRetransmissions++;
        }

        if ((ta & TcpAnalysisFlags.OutOfOrder) != 0)
        {
            _outOfOrder++;
        }

        if ((ta & TcpAnalysisFlags.DuplicateAck) != 0)
        {
            _duplicateAcks++;
        }

        if ((ta & TcpAnalysisFlags.ZeroWindow) != 0)
        {
            _zeroWindows++;
        }

        if ((ta & TcpAnalysisFlags.KeepAlive) != 0)
        {
            _keepAlives++;
        }

        if ((ta & TcpAnalysisFlags.LostSegment) != 0)
        {
            _lostSegments++;
        }

        if ((ta & TcpAnalysisFlags.AckedUnseen) != 0)
        {
            _ackedUnseen++;
        }
    }

    /// <summary>Zeek's update_last_seq: payload that does not advance the highest sequence number is a retransmission.</summary>
    private void UpdateZeekLastSeq(ref ZeekEndpoint ep, bool fromClient, uint seq, int len, bool syn, bool fin, bool rst)
    {
        uint onePast = unchecked(seq + (uint)len + (syn ? 1u : 0u) + (fin ? 1u : 0u));
        if (!ep.LastSeqKnown)
        {
            ep.LastSeq = seq;
            ep.LastSeqKnown = true;
        }

        int delta = unchecked((int)(onePast - ep.LastSeq));
        if ((syn || rst) && (delta > TooLargeSeqDelta || delta < -TooLargeSeqDelta))
        {
            return;
        }

        if (ep.State == EndpointState.Reset)
        {
            return;
        }

        if (delta > 0)
        {
            ep.LastSeq = onePast;
        }
        else if (len > 0)
        {
            _history.OnRetransmission(fromClient);
        }
    }

    private void TrackClose(int dir, int peer, in TcpSegment s, bool fin, bool rst, bool ack, Timestamp t)
    {
        Side sender = dir == Client ? Side.Client : Side.Server;
        if (fin && !SideOf(dir).FinSeen)
        {
            SideOf(dir).FinSeen = true;
            SideOf(dir).FinEnd = unchecked(s.Sequence + (uint)s.PayloadLength + 1);

            // Active closer: when it sent its FIN it had not yet acknowledged the peer's FIN.
            bool acksPeerFin = SideOf(peer).FinSeen && ack && SeqNumber.IsAtOrAfter(s.Acknowledgment, SideOf(peer).FinEnd);
            SideOf(dir).ActiveCloser = !acksPeerFin;
            if (_firstFinTime is null)
            {
                _firstFinTime = t;
                _firstFinSender = sender;
            }
        }

        if (rst && _firstRstTime is null)
        {
            _firstRstTime = t;
            _firstRstSender = sender;
        }

        if (ack && SideOf(peer).FinSeen && SeqNumber.IsAtOrAfter(s.Acknowledgment, SideOf(peer).FinEnd))
        {
            SideOf(peer).FinAcked = true;

            // The active closer that acknowledges the peer's FIN enters TIME_WAIT.
            if (SideOf(dir).FinSeen && SideOf(dir).ActiveCloser && !SideOf(dir).TimeWait)
            {
                SideOf(dir).TimeWait = true;
                SideOf(dir).TimeWaitTime = t;
            }
        }

        if (ClosedAt is null && (rst || (_clientSide.FinAcked && _serverSide.FinAcked)))
        {
            ClosedAt = t;
        }
    }

    // The keep-alive race: the server closed an idle connection (its FIN) while the client, not yet aware, sent a new
    // request on it (a request line, an HTTP/2 stream or a TLS application-data burst counted after the server's FIN:
    // a TLS close_notify or a retransmission is not one), which the server answers by RST.
    private void TrackKeepAliveRace(bool fromClient, bool fin, bool rst)
    {
        if (fromClient)
        {
            return;
        }

        if (fin && _requestsAtServerFin < 0)
        {
            _requestsAtServerFin = RequestsSoFar;
        }
        else if (rst && _requestsAtServerFin >= 0 && RequestsSoFar > _requestsAtServerFin)
        {
            _keepAliveRace = true;
        }
    }

    private int RequestsSoFar => _http?.Requests ?? _tls?.Bursts ?? 0;

    public void OnData(bool fromClient, ReadOnlySpan<byte> data, Timestamp time)
    {
        if (_app == AppProtocol.Unknown)
        {
            // The first application byte decides: a client that opens with a TLS handshake record is followed by the
            // TLS analyzer, anything else (a server that speaks first included) by the HTTP one.
            _app = fromClient && data[0] == TlsConnectionAnalyzer.HandshakeRecordByte ? AppProtocol.Tls : AppProtocol.Http;
        }

        if (_app == AppProtocol.Tls)
        {
            _tls ??= new TlsConnectionAnalyzer();
            if (fromClient)
            {
                int before = _tls.Bursts;
                _tls.OnClientData(data, time);
                _requestTimeline.Add(time, _timeOrigin, _tls.Bursts - before);
            }
            else
            {
                _tls.OnServerData(data, time);
            }

            return;
        }

        // From the tracker's pool, back to it when the connection closes (Seal).
        _http ??= _httpAnalyzers.Take();

        if (fromClient)
        {
            int before = _http.Requests;
            _http.OnClientData(data);
            _requestTimeline.Add(time, _timeOrigin, _http.Requests - before);
        }
        else
        {
            _http.OnServerData(data);
        }
    }

    public void OnGap(bool fromClient)
    {
        _history.OnGap(fromClient);
        if (fromClient)
        {
            _http?.OnClientGap();
            _tls?.OnClientGap();
        }
        else
        {
            _http?.OnServerGap();
            _tls?.OnServerGap();
        }
    }

    /// <summary>Which application analyzer follows the byte streams, decided by the first byte.</summary>
    private enum AppProtocol : byte
    {
        Unknown,
        Http,
        Tls,
    }
}
