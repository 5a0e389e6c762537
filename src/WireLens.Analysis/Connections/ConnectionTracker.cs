using System.Runtime.InteropServices;
using WireLens.Analysis.Http;
using WireLens.Analysis.Tcp;
using WireLens.Wire;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Connections;

/// <summary>
/// The connection table: assigns each segment to a connection numbered exactly as tshark numbers tcp.stream,
/// analyses it, and releases finished connections to the sink so memory follows open connections, not packets.
/// <para>
/// Stream rule (tshark 4.0 dissect_tcp): a segment belongs to the newest stream on its 4-tuple; a pure SYN
/// whose sender already has a base sequence number in that stream, and a different one, starts a new stream.
/// A released connection leaves a tombstone (4-tuple → stream, base sequence numbers) so that late segments
/// stay in their stream and a retransmitted SYN does not start a new one.
/// </para>
/// </summary>
public sealed class ConnectionTracker
{
    /// <summary>Released connections kept for reuse (see TcpConnection.Pooling.cs).</summary>
    private const int MaxPooled = 65_536;

    private readonly ConnectionTrackerOptions _options;
    private readonly IReleasedConnectionSink _sink;
    private readonly LiveConnectionTable _live = new();
    private readonly Dictionary<FlowKey, Tombstone> _tombstones = [];
    private readonly Queue<(FlowKey Key, long Stream)> _tombstoneOrder = new();
    private readonly IdleList _idleOrder = new();
    private readonly Queue<(TcpConnection Connection, int Generation)> _closedOrder;
    private readonly Queue<(TcpConnection Connection, int Generation)> _openOrder;
    private readonly Queue<(TcpConnection Connection, int Generation)> _openAside = new();
    private readonly ConnectionPool _pool = new(MaxPooled);
    private readonly HttpAnalyzerPool _httpAnalyzers = new();
    private readonly long _idleNs;
    private readonly long _lingerNs;
    private long _nextStream;
    private Timestamp _now;
    private bool _started;
    private ISegmentObserver? _observer;
    private int[] _aheadHashes = new int[64];
    private TcpConnection?[] _aheadConnections = new TcpConnection?[64];
    private long _warmed; // keeps the reads ahead from being optimised away

    /// <summary>A tracker that makes each released connection's record and gives it to <paramref name="sink"/>.</summary>
    public ConnectionTracker(ConnectionTrackerOptions options, IConnectionSink sink)
        : this(options, new RecordMakingSink(sink))
    {
    }

    /// <summary>A tracker that hands released connections to <paramref name="sink"/>, which makes their records.</summary>
    public ConnectionTracker(ConnectionTrackerOptions options, IReleasedConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.InitialQueueCapacity, nameof(options));
        _options = options;
        _closedOrder = new(options.InitialQueueCapacity);
        _openOrder = new(options.InitialQueueCapacity);
        _sink = sink;
        _idleNs = (long)(options.IdleTimeout.TotalMilliseconds * 1_000_000);
        _lingerNs = (long)(options.CloseLinger.TotalMilliseconds * 1_000_000);
    }

    public TrackerStatistics Statistics { get; } = new();

    /// <summary>Sees every analysed segment with its verdicts (set before the first segment); null for none, the usual case.</summary>
    public ISegmentObserver? SegmentObserver
    {
        get => _observer;
        init => _observer = value;
    }

    /// <summary>
    /// Time zero of the per-second request counts (<see cref="ConnectionRecord.RequestSeconds"/>): the capture's first
    /// packet when the caller sets it before the first segment, else the first segment's time.
    /// </summary>
    public Timestamp? TimeOrigin { get; set; }

    /// <summary>Analyses one TCP segment. Segments must come in capture order.</summary>
    public void Process(in TcpSegment segment)
    {
        Statistics.Segments++;
        if (!_started || segment.Time > _now)
        {
            _now = segment.Time;
            _started = true;
        }

        Expire();

        ref readonly FlowKey key = ref segment.Header.Key;
        bool fromA = segment.Header.FromA;
        TcpAnalysisFlags preset = TcpAnalysisFlags.None;

        TcpConnection? conn = _live.Find(in key, segment.Header.KeyHash);
        if (conn is not null)
        {
            bool fromClient = fromA == conn.ClientIsA;
            ref SequenceFlowState fwd = ref conn.SequenceState(fromClient);
            if (segment.IsPureSyn && fwd.BaseSeqSet)
            {
                if (segment.Sequence != fwd.BaseSeq)
                {
                    Release(conn, FlushReason.Replaced);
                    conn = Create(key, fromA, segment);
                    preset = TcpAnalysisFlags.ReusedPorts;
                }
                else
                {
                    // Same ISN: a retransmitted SYN. tshark restores nextseq (RFC 793 3.4 RST handling, issue 17616).
                    fwd.NextSeq = fwd.MaxSeqToBeAcked;
                    preset = TcpAnalysisFlags.ReusedPorts;
                }
            }
            else if (segment.IsSynAck && fwd.BaseSeqSet && segment.Sequence != fwd.BaseSeq)
            {
                // A SYN/ACK with a new ISN stays in the stream and rebases it (tshark issue 16944).
                fwd.BaseSeq = segment.Sequence;
                preset = TcpAnalysisFlags.ReusedPorts;
            }
        }
        else if (_tombstones.TryGetValue(key, out Tombstone tomb))
        {
            if (!(segment.IsPureSyn && tomb.SynStartsNewStream(fromA, segment.Sequence)))
            {
                Statistics.LateSegments++;
                return;
            }

            _tombstones.Remove(key);
            conn = Create(key, fromA, segment);
            preset = TcpAnalysisFlags.ReusedPorts;
        }
        else
        {
            conn = Create(key, fromA, segment);
        }

        bool sentByClient = fromA == conn.ClientIsA;
        TcpAnalysisFlags verdicts = conn.OnSegment(segment, sentByClient, preset);
        if (_observer is not null)
        {
            Observe(conn, segment, sentByClient, verdicts);
        }

        Touch(conn);
    }

    /// <summary>
    /// Reads ahead what the pure SYNs among <paramref name="coming"/>, segments about to be processed, will reach: the
    /// table slot of their 4-tuple and the connection that held it before, whose state has gone cold while it lingered
    /// after its close (on a churn capture most new connections replace one on a reused client port). Done for a run of
    /// segments at once, in stages, so the cache misses of different connections are waited for together instead of
    /// one at a time inside <see cref="Process"/>. Changes nothing.
    /// </summary>
    public void ReadAhead(ReadOnlySpan<TcpSegmentHeader> coming)
    {
        int n = 0;
        foreach (ref readonly TcpSegmentHeader h in coming)
        {
            if (!h.IsPureSyn)
            {
                continue;
            }

            if (n == _aheadHashes.Length)
            {
                Array.Resize(ref _aheadHashes, n * 2);
                Array.Resize(ref _aheadConnections, n * 2);
            }

            _aheadHashes[n++] = h.KeyHash;
        }

        long warmed = 0;
        for (int i = 0; i < n; i++)
        {
            warmed ^= _live.TouchHome(_aheadHashes[i]);
        }

        for (int i = 0; i < n; i++)
        {
            TcpConnection? conn = _live.Probe(_aheadHashes[i]);
            _aheadConnections[i] = conn;
            warmed ^= conn?.Generation ?? 0;
        }

        for (int i = 0; i < n; i++)
        {
            if (_aheadConnections[i] is { } conn)
            {
                warmed ^= conn.WarmForReplace();
            }
        }

        for (int i = 0; i < n; i++)
        {
            if (_aheadConnections[i] is { } conn)
            {
                warmed ^= conn.WarmIdleNeighbours();
                _aheadConnections[i] = null;
            }
        }

        // Each new connection lets about one entry of each order queue go, whose connection is as cold.
        warmed ^= WarmHeads(_openOrder, n + 8) ^ WarmHeads(_closedOrder, n + 8);
        _warmed ^= warmed;
    }

    private static long WarmHeads(Queue<(TcpConnection Connection, int Generation)> queue, int count)
    {
        long warmed = 0;
        foreach ((TcpConnection connection, int _) in queue)
        {
            if (--count < 0)
            {
                break;
            }

            warmed ^= connection.Generation;
        }

        return warmed;
    }

    private void Observe(TcpConnection conn, in TcpSegment segment, bool fromClient, TcpAnalysisFlags verdicts)
    {
        // tshark numbers relative to the base sequence numbers its analysis fixed, which this segment may just have set.
        uint relativeSequence = unchecked(segment.Sequence - conn.SequenceState(fromClient).BaseSeq);
        uint relativeAcknowledgment = (segment.Flags & TcpFlags.Ack) != 0
            ? unchecked(segment.Acknowledgment - conn.SequenceState(!fromClient).BaseSeq)
            : 0;
        _observer!.OnSegment(conn.Stream, segment, fromClient, verdicts, relativeSequence, relativeAcknowledgment);
    }

    /// <summary>Releases every connection still held (end of capture), oldest stream first.</summary>
    public void Flush()
    {
        List<TcpConnection> remaining = _live.ToList();
        remaining.Sort((a, b) => a.Stream.CompareTo(b.Stream));
        foreach (TcpConnection conn in remaining)
        {
            Release(conn, conn.ClosedAt is null ? FlushReason.EndOfCapture : FlushReason.Closed);
        }
    }

    private TcpConnection Create(FlowKey key, bool fromA, in TcpSegment s)
    {
        (bool clientIsA, bool guessed, bool flipped) = ChooseRoles(key, fromA, s);
        if (_live.Count >= _options.MaxConnections)
        {
            // Before taking from the pool, so the evicted connection's object is the one reused.
            EvictLeastRecentlyActive();
        }

        TcpConnection conn = _pool.TryTake(out TcpConnection? pooled) ? pooled : new TcpConnection(_options.MaxBufferedBytesPerDirection, _httpAnalyzers);
        TimeOrigin ??= s.Time;
        conn.Start(_nextStream++, key, clientIsA, guessed, flipped, s.Time, TimeOrigin.Value);
        _live.Add(conn);
        _openOrder.Enqueue((conn, conn.Generation));
        conn.IdleQueuedAt = _now;
        _idleOrder.AddLast(conn);
        Statistics.Streams++;
        Statistics.OpenConnections = _live.Count;
        if (_live.Count > Statistics.PeakOpenConnections)
        {
            Statistics.PeakOpenConnections = _live.Count;
        }

        return conn;
    }

    /// <summary>
    /// Client = the SYN's sender, else the SYN/ACK's receiver. Mid-stream, guess: the server is the endpoint whose
    /// port is outside Linux's ephemeral range 32768–60999, else the lower port.
    /// </summary>
    private static (bool ClientIsA, bool Guessed, bool Flipped) ChooseRoles(FlowKey key, bool fromA, in TcpSegment s)
    {
        if (s.IsPureSyn)
        {
            return (fromA, false, false);
        }

        if (s.IsSynAck)
        {
            return (!fromA, false, true);
        }

        bool aEphemeral = IsEphemeral(key.PortA);
        bool bEphemeral = IsEphemeral(key.PortB);
        bool serverIsA = aEphemeral != bEphemeral ? bEphemeral : key.PortA < key.PortB;
        bool clientIsA = !serverIsA;
        return (clientIsA, true, fromA != clientIsA);
    }

    private static bool IsEphemeral(ushort port) => port is >= 32768 and <= 60999;

    private void Touch(TcpConnection conn)
    {
        if (conn.Released)
        {
            return;
        }

        if (conn.ClosedAt is not null && !conn.QueuedAsClosed)
        {
            conn.QueuedAsClosed = true;
            _closedOrder.Enqueue((conn, conn.Generation));
        }
    }

    /// <summary>
    /// Moves the tracker's clock to <paramref name="now"/> without a packet (a live capture's clock goes on while no
    /// packet arrives) and releases what lingered or idled past it. Earlier times are ignored: the clock never goes back.
    /// </summary>
    public void AdvanceTo(Timestamp now)
    {
        if (!_started || now <= _now)
        {
            return;
        }

        _now = now;
        Expire();
    }

    private void Expire()
    {
        long now = _now.UnixNanoseconds;
        while (_closedOrder.Count > 0)
        {
            (TcpConnection head, int generation) = _closedOrder.Peek();
            if (IsStale((head, generation)))
            {
                _closedOrder.Dequeue();
                continue;
            }

            if (head.ClosedAt!.Value.UnixNanoseconds + _lingerNs >= now)
            {
                break;
            }

            _closedOrder.Dequeue();
            Release(head, FlushReason.Closed);
        }

        // The idle list is ordered by when each connection was queued, not by its last packet: moving a connection
        // to the end on every packet costs more than finding here that the oldest one was active after all and
        // queueing it again (at most once per idle period). A connection is released when it has been idle for the
        // timeout, or at worst one more timeout later if it was re-queued after a late packet.
        while (_idleOrder.First is { } oldest && oldest.IdleQueuedAt.UnixNanoseconds + _idleNs < now)
        {
            if (oldest.LastTime.UnixNanoseconds + _idleNs < now)
            {
                Release(oldest, FlushReason.Idle);
            }
            else
            {
                oldest.IdleQueuedAt = _now;
                _idleOrder.MoveToEnd(oldest);
            }
        }
    }

    /// <summary>
    /// Releases the least recently active open connection as <see cref="FlushReason.Evicted"/> (the table is full); one
    /// that already closed and only lingers is released as <see cref="FlushReason.Closed"/>.
    /// </summary>
    /// <remarks>
    /// The idle list is ordered by when each connection was queued (see <see cref="Expire"/>). A connection at its head
    /// that had a packet since it was queued is queued again (a second chance, as the idle flush does); the first one
    /// without is evicted. That is the connection with the oldest last packet, except among connections queued again
    /// together, whose order is that of their queueing. Each connection is queued again at most once per packet it had,
    /// so the scan costs nothing per packet and amortised O(1) per new connection.
    /// </remarks>
    private void EvictLeastRecentlyActive()
    {
        while (_idleOrder.First is { } oldest)
        {
            if (oldest.LastTime > oldest.IdleQueuedAt)
            {
                oldest.IdleQueuedAt = _now;
                _idleOrder.MoveToEnd(oldest);
                continue;
            }

            // A closed connection lingering for late packets is done: its release only comes early, as Closed.
            Release(oldest, oldest.ClosedAt is null ? FlushReason.Evicted : FlushReason.Closed);
            return;
        }
    }

    private void Release(TcpConnection conn, FlushReason reason)
    {
        if (conn.Released)
        {
            return;
        }

        conn.Released = true;
        _idleOrder.Remove(conn);
        _live.Remove(conn);
        Statistics.OpenConnections = _live.Count;
        switch (reason)
        {
            case FlushReason.Closed: Statistics.ReleasedClosed++; break;
            case FlushReason.Idle: Statistics.ReleasedIdle++; break;
            case FlushReason.Replaced: Statistics.ReleasedReplaced++; break;
            case FlushReason.EndOfCapture: Statistics.ReleasedAtEnd++; break;
            case FlushReason.Evicted: Statistics.Evicted++; break;
        }

        if (reason != FlushReason.Replaced)
        {
            AddTombstone(conn.Key, conn.ToTombstone());
        }

        // Finishing the byte streams runs the parsers: here, on the tracker's thread, whoever makes the record.
        conn.Seal();
        _sink.OnReleased(new ReleasedConnection(conn, reason, _pool, OpenFloor()));
    }

    /// <summary>
    /// A time no connection released later opened before: the first packet of the oldest connection still held, or
    /// the tracker's clock when none is (a connection not seen yet starts at a later packet). Exact while the capture's
    /// timestamps do not go back. Connections enter <see cref="_openOrder"/> in stream order, so its first entry still
    /// held is the oldest there; entries of released connections are skipped at its front.
    /// </summary>
    /// <remarks>
    /// A connection held long (open all along, or idle) stops the front, and the entries of the connections opened
    /// after it pile up behind it, most of them released soon. When they reach twice the connections held, the oldest
    /// entries leave the queue: those of released connections are dropped, those of held ones go, in order, to
    /// <see cref="_openAside"/>, whose entries are all older than the queue's. Each entry is looked at once there (a
    /// compaction in place would look at those it kept again the next time), and both queues stay within twice the
    /// connections held.
    /// </remarks>
    private Timestamp OpenFloor()
    {
        DropStaleFront(_openOrder);
        int bound = 2 * Math.Max(_live.Count, 1024);
        if (_openOrder.Count > bound)
        {
            for (int excess = _openOrder.Count - (bound / 2); excess > 0; excess--)
            {
                (TcpConnection Connection, int Generation) entry = _openOrder.Dequeue();
                if (!IsStale(entry))
                {
                    _openAside.Enqueue(entry);
                }
            }

            DropStaleFront(_openOrder);
        }

        DropStaleFront(_openAside);
        if (_openAside.Count > bound)
        {
            KeepOnly(_openAside, static entry => !IsStale(entry));
        }

        Queue<(TcpConnection Connection, int Generation)> oldest = _openAside.Count > 0 ? _openAside : _openOrder;
        return oldest.TryPeek(out (TcpConnection Connection, int Generation) head) && head.Connection.FirstTime < _now
            ? head.Connection.FirstTime
            : _now;
    }

    private static void DropStaleFront(Queue<(TcpConnection Connection, int Generation)> queue)
    {
        while (queue.TryPeek(out (TcpConnection Connection, int Generation) head) && IsStale(head))
        {
            queue.Dequeue();
        }
    }

    /// <summary>A queued (connection, generation) entry whose connection was released, or reused for another since.</summary>
    private static bool IsStale((TcpConnection Connection, int Generation) entry) =>
        entry.Connection.Released || entry.Connection.Generation != entry.Generation;

    /// <summary>Drops the entries of <paramref name="queue"/> that <paramref name="keep"/> refuses, keeping the order of the rest.</summary>
    private static void KeepOnly<T>(Queue<T> queue, Func<T, bool> keep)
    {
        int count = queue.Count;
        for (int i = 0; i < count; i++)
        {
            T entry = queue.Dequeue();
            if (keep(entry))
            {
                queue.Enqueue(entry);
            }
        }
    }

    private void AddTombstone(FlowKey key, Tombstone tombstone)
    {
        ref Tombstone slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_tombstones, key, out _);
        slot = tombstone;
        _tombstoneOrder.Enqueue((key, tombstone.Stream));
        while (_tombstones.Count > _options.MaxTombstones && _tombstoneOrder.Count > 0)
        {
            (FlowKey oldKey, long oldStream) = _tombstoneOrder.Dequeue();
            if (_tombstones.TryGetValue(oldKey, out Tombstone current) && current.Stream == oldStream)
            {
                _tombstones.Remove(oldKey);
                Statistics.TombstonesDropped++;
            }
        }

        // The order queue holds stale entries for tombstones replaced, or removed by a new SYN on their 4-tuple (port
        // reuse on a churn capture: every connection's): keep it within twice the live ones, compacting in amortised
        // constant time.
        if (_tombstoneOrder.Count > 2 * Math.Max(_tombstones.Count, 1024))
        {
            KeepOnly(_tombstoneOrder, entry => _tombstones.TryGetValue(entry.Key, out Tombstone current) && current.Stream == entry.Stream);
        }

        Statistics.TombstoneQueueEntries = _tombstoneOrder.Count;
    }
}
