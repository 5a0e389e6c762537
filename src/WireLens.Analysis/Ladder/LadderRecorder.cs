using WireLens.Analysis.Connections;
using WireLens.Analysis.Tcp;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Ladder;

/// <summary>
/// Turns the segments a <see cref="ConnectionTracker"/> analyses into <see cref="LadderEvent"/>s: one per frame, in the
/// order seen, with the tracker's verdicts and tshark's relative numbers, at most <see cref="MaxEvents"/> (then
/// <see cref="Truncated"/> is set and later segments are ignored). Meant for one connection: the caller feeds a fresh
/// tracker only that connection's frames.
/// <para>
/// Kinds: RST and FIN win over whatever the segment carries (the arrow shows the connection's life; the label still names
/// a payload it recognises), then SYN and SYN/ACK, then the payload (<see cref="LadderLabels"/>): TLS hellos, HTTP/1
/// request and status lines, HTTP/2 preface and HEADERS, TLS application data that starts a client burst (a request)
/// or answers one (a response); other payload is Data. A client's first bare ACK after the SYN/ACK is the
/// HandshakeAck; other bare ACKs are Ack.
/// </para>
/// </summary>
public sealed class LadderRecorder : ISegmentObserver
{
    private readonly List<LadderEvent> _events = [];
    private readonly int _maxEvents;
    private readonly LadderLabels _labels = new();
    private bool _synAckSeen;
    private bool _handshakeAckSeen;

    /// <summary>A recorder keeping at most <paramref name="maxEvents"/> events.</summary>
    public LadderRecorder(int maxEvents = MaxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEvents);
        _maxEvents = maxEvents;
    }

    /// <summary>The default cap: the detail screen's (10,000).</summary>
    public const int MaxEvents = 10_000;

    /// <summary>The events so far, in capture order.</summary>
    public IReadOnlyList<LadderEvent> Events => _events;

    /// <summary>A segment arrived after the cap was reached: the ladder misses later frames.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The cap is reached: feeding more frames only sets <see cref="Truncated"/>.</summary>
    public bool IsFull => _events.Count >= _maxEvents;

    public void OnSegment(long stream, in TcpSegment segment, bool fromClient, TcpAnalysisFlags verdicts, uint relativeSequence, uint relativeAcknowledgment)
    {
        if (IsFull)
        {
            Truncated = true;
            return;
        }

        TcpFlags flags = segment.Flags;
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool ack = (flags & TcpFlags.Ack) != 0;
        LadderEventKind? payloadKind = null;
        string? label = null;
        if (segment.PayloadLength > 0)
        {
            (payloadKind, label) = _labels.Classify(segment.Payload, fromClient);
        }

        LadderEventKind kind;
        if ((flags & TcpFlags.Rst) != 0)
        {
            kind = LadderEventKind.Rst;
        }
        else if ((flags & TcpFlags.Fin) != 0)
        {
            kind = LadderEventKind.Fin;
        }
        else if (syn)
        {
            kind = ack ? LadderEventKind.SynAck : LadderEventKind.Syn;
            _synAckSeen |= ack;
        }
        else if (payloadKind is { } k)
        {
            kind = k;
        }
        else if (ack && fromClient && _synAckSeen && !_handshakeAckSeen)
        {
            kind = LadderEventKind.HandshakeAck;
        }
        else
        {
            kind = ack ? LadderEventKind.Ack : LadderEventKind.Data;
        }

        if (fromClient && ack && !syn)
        {
            // Whatever it is, the client's first ACK after the SYN/ACK completes the handshake; later bare ACKs are ACKs.
            _handshakeAckSeen |= _synAckSeen;
        }

        _events.Add(new LadderEvent(
            segment.FrameNumber,
            segment.Time,
            fromClient,
            flags,
            segment.PayloadLength,
            relativeSequence,
            relativeAcknowledgment,
            verdicts,
            kind,
            label));
    }
}
