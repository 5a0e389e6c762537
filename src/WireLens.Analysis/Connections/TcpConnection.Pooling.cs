using WireLens.Analysis.Tcp;
using WireLens.Wire;

namespace WireLens.Analysis.Connections;

/// <summary>
/// Reuse. A connection's state lives from its first packet until a few seconds after its close: long enough to
/// reach the GC's oldest generation, where released connections would pile up by the hundred thousand on a churn
/// capture. The tracker therefore recycles released connections: <see cref="Recycle"/> clears one when its record has
/// been made, and <see cref="Start"/> makes it the state of a new connection.
/// </summary>
internal sealed partial class TcpConnection
{
    /// <summary>Changes each time the object starts a new connection, so stale queue entries can be recognised.</summary>
    public int Generation { get; private set; }

    /// <summary>
    /// Makes this object the state of a new connection: a new object, or a recycled one (<see cref="Recycle"/> has
    /// cleared it). Sets only what the connection's first packet decides, so that the tracker's thread, which runs
    /// this, does not write the whole state again.
    /// </summary>
    public void Start(long stream, FlowKey key, bool clientIsA, bool roleGuessed, bool flipped, Timestamp first, Timestamp timeOrigin)
    {
        _timeOrigin = timeOrigin;
        Generation++;
        Stream = stream;
        Key = key;
        ClientIsA = clientIsA;
        RoleGuessed = roleGuessed;
        FirstTime = first;
        LastTime = first;
        ClosedAt = null;
        Released = false;
        QueuedAsClosed = false;
        if (flipped)
        {
            _history.Flipped();
        }
    }

    /// <summary>
    /// Clears everything a connection's packets set, for the next <see cref="Start"/>. Runs when the object goes back
    /// to the pool (after its record was made, on the thread that made it, where its state is still in the cache), and
    /// once from the constructor.
    /// </summary>
    public void Recycle()
    {
        _requestTimeline.Reset();
        _retransmissionTimeline.Reset();
        _payloadFrames = 0;
        _retransmittedPayloadFrames = 0;
        _dsackAcks = 0;
        _dsackRetransmissions = 0;
        if (_retransmittedRanges is not null)
        {
            _retransmittedRanges[Client].Reset();
            _retransmittedRanges[Server].Reset();
        }

        FirstFrame = 0;
        LastFrame = 0;
        _clientSeq.Reset();
        _serverSeq.Reset();
        _clientZeek.Reset();
        _serverZeek.Reset();
        _reassemblyStore[Client].Reset();
        _reassemblyStore[Server].Reset();
        _reassembly = _reassemblyStore;
        _history.Reset();
        _app = default;
        _http = null; // given back when the connection was sealed, before its release
        _tls = null;
        _tlsFacts = null;
        _clientSide = default;
        _serverSide = default;
        _synTime = null;
        _synAckTime = null;
        _ackTime = null;
        _firstFinTime = null;
        _firstRstTime = null;
        _firstFinSender = Side.None;
        _firstRstSender = Side.None;
        _synRetransmits = 0;
        _synAckRetransmits = 0;
        _mruSynNs = 0;
        _initialRttNs = 0;
        _clientPayloadSeen = false;
        _requestsAtServerFin = -1;
        _keepAliveRace = false;
        _clientLost = false;
        _serverLost = false;
        _httpFacts = null;
        _retransmissions = 0;
        _fastRetransmissions = 0;
        _spuriousRetransmissions = 0;
        _outOfOrder = 0;
        _duplicateAcks = 0;
        _zeroWindows = 0;
        _keepAlives = 0;
        _lostSegments = 0;
        _ackedUnseen = 0;
    }
}
