using System.Runtime.InteropServices;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Groups;

/// <summary>
/// Builds the per-group report (docs/tools-report.md) from connections as they are released. Counters,
/// distributions and per-second counts grow as connections arrive. What needs events in time order (concurrency,
/// TIME_WAIT sockets) is swept as the capture goes: each record's <see cref="ConnectionRecord.OpenFloor"/> says that no
/// later connection opened before it, so the events before it (less <see cref="SweepDelay"/>, for a capture clock that
/// steps back) are settled in time order and dropped, and only the connections that may still change something are
/// kept. A TIME_WAIT ends early at the next open on its 4-tuple, so each connection kept is linked to the others of its
/// 4-tuple until its TIME_WAIT's end is known and past. Records without a floor (made by hand) are kept whole until
/// <see cref="Build"/>, which settles what is left.
/// Memory: the connections that opened after the floor or whose TIME_WAIT is not settled, the entry per 4-tuple of
/// those, the distributions' distinct values and a few counters per group per second of capture.
/// </summary>
public sealed class GroupReportBuilder : IConnectionSink
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>How far behind the records' floor the sweep settles: the capture's clock may step back this much.</summary>
    public static readonly TimeSpan SweepDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Connections added between two sweeps at least; otherwise a quarter of those kept by the last one, so a sweep's
    /// cost (linear in what is held) is amortised constant time per connection.
    /// </summary>
    private const int MinSweepInterval = 4096;

    private readonly ConnectionGrouping _grouping;
    private readonly GroupReportOptions _options;
    private readonly Dictionary<string, GroupAccumulator> _groups = new(StringComparer.Ordinal);
    private string? _lastGroupKey; // the last record's group, and its accumulator: one tool's records come in runs
    private GroupAccumulator? _lastGroup;
    private readonly List<GroupAccumulator> _groupList = [];
    private readonly List<GroupTimeline> _timelines = [];
    private readonly SpanTable _spans = new();
    private readonly TupleChainTable _tuples = new();
    private readonly Func<long, int> _second;
    private readonly long _twNs;
    private long _originNs;
    private bool _originSet;

    // Every event before this time is settled; a floor seen but not yet swept up to.
    private long _settledBefore = long.MinValue;
    private long _floor = long.MinValue;
    private int _addedSinceSweep;
    private int _keptAfterSweep;
    private long _warmed; // keeps the reads ahead from being optimised away

    /// <param name="grouping">Classifies connections (this builder's own instance: it runs on the analysis thread).</param>
    /// <param name="options">TIME_WAIT length, port range, manifest.</param>
    public GroupReportBuilder(ConnectionGrouping grouping, GroupReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(grouping);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.TimeWaitSeconds > 0) || double.IsInfinity(options.TimeWaitSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeWaitSeconds, "TIME_WAIT lasts a positive number of seconds.");
        }

        _grouping = grouping;
        _options = options;
        _second = Second;
        _twNs = (long)(options.TimeWaitSeconds * NanosecondsPerSecond);
    }

    /// <summary>
    /// Second 0 of the time series: the first connection's <see cref="ConnectionRecord.TimeOrigin"/> (the capture's
    /// first packet), which the per-second counts in the records are relative to; null before any connection.
    /// </summary>
    public Timestamp? Origin => _originSet ? new Timestamp(_originNs) : null;

    /// <summary>Connections held for the sweep now (the rest are settled): what its memory follows.</summary>
    public int HeldConnections => _spans.Count;

    /// <summary>
    /// Connections that came after the sweep had settled their time (a capture clock that stepped back more than
    /// <see cref="SweepDelay"/>): the per-second gauges still count them, but a peak may miss them.
    /// </summary>
    public long LateConnections { get; private set; }

    public void OnConnection(ConnectionRecord record) => Add(record);

    /// <summary>
    /// Adds <paramref name="records"/> in order, after reading ahead the slot of each one's 4-tuple, which
    /// <see cref="Add"/> links the record to: on a churn capture the 4-tuple was last used a second or more before (the
    /// client port's previous use) and its slot is no longer in the cache. Read for the whole run at once, the cache
    /// misses of different records overlap.
    /// </summary>
    public void OnConnections(ReadOnlySpan<ConnectionRecord> records)
    {
        long warmed = 0;
        foreach (ConnectionRecord r in records)
        {
            warmed ^= _tuples.Touch(TupleKey(r.ClientIp, r.ClientPort, r.ServerIp, r.ServerPort));
        }

        _warmed ^= warmed;
        foreach (ConnectionRecord r in records)
        {
            Add(r);
        }
    }

    /// <summary>Adds <paramref name="record"/> and returns its group and tool (for a consumer that also needs them).</summary>
    public GroupedConnection Add(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_originSet)
        {
            _originNs = record.TimeOrigin.UnixNanoseconds;
            _originSet = true;
        }

        GroupedConnection grouped = _grouping.Classify(record);
        GroupAccumulator group = _lastGroup is { } last && string.Equals(grouped.Group, _lastGroupKey, StringComparison.Ordinal)
            ? last
            : GroupOf(grouped.Group);

        group.Add(record, grouped.Tool, _second);
        AddSpan(record, group.Index);
        if (record.OpenFloor is { } floor)
        {
            _floor = Math.Max(_floor, floor.UnixNanoseconds - (SweepDelay.Ticks * 100));
            if (++_addedSinceSweep >= Math.Max(MinSweepInterval, _keptAfterSweep / 4))
            {
                Sweep(_floor);
            }
        }

        return grouped;
    }

    private GroupAccumulator GroupOf(string key)
    {
        if (!_groups.TryGetValue(key, out GroupAccumulator? group))
        {
            group = new GroupAccumulator(key, _groupList.Count);
            _groups.Add(key, group);
            _groupList.Add(group);
            _timelines.Add(new GroupTimeline());
        }

        _lastGroupKey = key;
        _lastGroup = group;
        return group;
    }

    /// <summary>The report over every connection added so far (the builder can go on taking connections after).</summary>
    /// <param name="captureEnd">The capture's last packet: connections still open at the end count as open until then.</param>
    public ToolsReport Build(Timestamp? captureEnd)
    {
        long endNs = captureEnd?.UnixNanoseconds ?? long.MinValue;
        foreach (GroupAccumulator g in _groupList)
        {
            endNs = Math.Max(endNs, g.LastTimeNs);
        }

        // What is still held settles now, on copies: the TIME_WAIT ends as known so far.
        var finals = new GroupTimeline[_timelines.Count];
        for (int g = 0; g < finals.Length; g++)
        {
            finals[g] = _timelines[g].Clone();
        }

        for (int i = 0; i < _spans.High; i++)
        {
            ref HeldConnection s = ref _spans[i];
            if (s.Used && !s.ExitsAdded)
            {
                AddExits(finals[s.Group], in s);
            }
        }

        var reports = new List<(GroupReport Report, List<TimeSeriesRow> Rows)>(_groupList.Count);
        foreach (GroupAccumulator g in _groupList)
        {
            Timeline timeline = finals[g.Index].Finish(endNs, this);
            var sweep = new GroupSweep(
                g.Connections == 0 ? null : timeline.SpanNanoseconds > 0 ? (double)timeline.OpenNanoseconds / timeline.SpanNanoseconds : timeline.ConcurrentPeak,
                timeline.ConcurrentPeak,
                timeline.TimeWaitClientPeak,
                timeline.TimeWaitServerPeak,
                timeline.TimeWaitClientAtEnd,
                timeline.TimeWaitServerAtEnd);
            GroupReport report = g.ToReport(sweep, _options, ToolVerdict.SourceName);
            reports.Add((report, Rows(g, timeline, Second(endNs))));
        }

        reports.Sort((a, b) => b.Report.Connections != a.Report.Connections
            ? b.Report.Connections.CompareTo(a.Report.Connections)
            : string.CompareOrdinal(a.Report.Group, b.Report.Group));
        return new ToolsReport
        {
            Groups = [.. reports.Select(r => r.Report)],
            TimeSeries = [.. reports.SelectMany(r => r.Rows)],
            GroupBy = GroupByName(_grouping.By),
            TimeWaitSeconds = _options.TimeWaitSeconds,
            PortRange = _options.PortRange,
            Manifest = _options.Manifest,
        };
    }

    /// <summary>The <c>--group-by</c> spelling.</summary>
    public static string GroupByName(GroupBy by) => by switch
    {
        GroupBy.Run => "run",
        GroupBy.Tool => "tool",
        GroupBy.Client => "client",
        GroupBy.Server => "server",
        GroupBy.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    private int Second(long ns)
    {
        return (int)Math.Clamp(new Timestamp(ns).WholeSecondsSince(new Timestamp(_originNs)), 0, int.MaxValue);
    }

    private void AddSpan(ConnectionRecord r, int group)
    {
        bool openAtEnd = r.CloseKind == CloseKind.Open && r.FlushReason == FlushReason.EndOfCapture;
        long openNs = (r.SynTime ?? r.FirstTime).UnixNanoseconds;
        long closeNs = r.LastTime.UnixNanoseconds;
        GroupTimeline timeline = _timelines[group];
        timeline.AddConnection(openNs, closeNs, openAtEnd);
        long clientTw = r.ClientTimeWaitTime?.UnixNanoseconds ?? HeldConnection.None;
        long serverTw = r.ServerTimeWaitTime?.UnixNanoseconds ?? HeldConnection.None;
        if (clientTw != HeldConnection.None)
        {
            timeline.Client.Add(Event(clientTw, opens: true));
        }

        if (serverTw != HeldConnection.None)
        {
            timeline.Server.Add(Event(serverTw, opens: true));
        }

        // Every event of this connection is at or after its open; before the settled time, it is late.
        if (openNs < _settledBefore || (!openAtEnd && closeNs < _settledBefore))
        {
            LateConnections++;
        }

        UInt128 tuple = TupleKey(r.ClientIp, r.ClientPort, r.ServerIp, r.ServerPort);
        int index = _spans.Add(new HeldConnection
        {
            Group = group,
            OpenNs = openNs,
            ClientTimeWaitNs = clientTw,
            ServerTimeWaitNs = serverTw,
            Tuple = tuple,
        });
        LinkPortReuse(index, tuple);
    }

    // A new SYN on the 4-tuple of a connection in TIME_WAIT ends that TIME_WAIT (Linux accepts it on either side when
    // its sequence number is higher): each connection learns when the next one on its 4-tuple opened. The connections
    // of one 4-tuple are chained in open order; they are released in that order (a new SYN releases the one before),
    // so a new one is almost always appended, and otherwise put in its place by walking the chain. The sweep drops
    // settled connections from the chain's head only, so the chain is always a tail of the whole 4-tuple's, and a
    // connection dropped is one no later open can change (its open and its TIME_WAIT's end are before the floor).
    private void LinkPortReuse(int index, UInt128 tuple)
    {
        ref TupleChainTable.Slot chain = ref _tuples.FindOrAdd(tuple, out bool exists);
        ref HeldConnection added = ref _spans[index];
        if (!exists)
        {
            chain.Head = index;
            chain.Tail = index;
            chain.TailOpenNs = added.OpenNs;
            return;
        }

        if (chain.TailOpenNs <= added.OpenNs)
        {
            ref HeldConnection tail = ref _spans[chain.Tail];
            tail.Next = index;
            tail.ReusedNs = added.OpenNs;
            added.Previous = chain.Tail;
            chain.Tail = index;
            chain.TailOpenNs = added.OpenNs;
            return;
        }

        int previous = -1;
        int next = chain.Head;
        while (_spans[next].OpenNs <= added.OpenNs)
        {
            previous = next;
            next = _spans[next].Next;
        }

        added.Next = next;
        added.Previous = previous;
        added.ReusedNs = _spans[next].OpenNs;
        _spans[next].Previous = index;
        if (previous < 0)
        {
            chain.Head = index;
        }
        else
        {
            _spans[previous].Next = index;
            _spans[previous].ReusedNs = added.OpenNs;
        }
    }

    // Settles every event before <paramref name="before"/>: the TIME_WAIT ends that are now known and past join their
    // group's events, each group applies its events up to there in time order, and connections that nothing can
    // change any more leave their 4-tuple's chain.
    private void Sweep(long before)
    {
        for (int i = 0; i < _spans.High; i++)
        {
            ref HeldConnection s = ref _spans[i];
            if (!s.Used || s.ExitsAdded || s.OpenNs >= before
                || Exit(s.ClientTimeWaitNs, s.ReusedNs) >= before || Exit(s.ServerTimeWaitNs, s.ReusedNs) >= before)
            {
                continue;
            }

            AddExits(_timelines[s.Group], in s);
            s.ExitsAdded = true;
            if (s.Previous >= 0)
            {
                continue; // Dropped with the settled ones before it, when the chain's head is settled.
            }

            UInt128 tuple = s.Tuple;
            ref TupleChainTable.Slot chain = ref _tuples.Find(tuple);
            while (_spans[chain.Head].ExitsAdded)
            {
                int head = chain.Head;
                int next = _spans[head].Next;
                _spans.Remove(head);
                if (next < 0)
                {
                    _tuples.Remove(tuple);
                    break;
                }

                _spans[next].Previous = -1;
                chain.Head = next;
            }
        }

        foreach (GroupTimeline t in _timelines)
        {
            t.ApplyBefore(before, this);
        }

        _settledBefore = Math.Max(_settledBefore, before);
        _addedSinceSweep = 0;
        _keptAfterSweep = _spans.Count;
    }

    private void AddExits(GroupTimeline timeline, in HeldConnection s)
    {
        if (s.ClientTimeWaitNs != HeldConnection.None)
        {
            timeline.Client.Add(Event(Exit(s.ClientTimeWaitNs, s.ReusedNs), opens: false));
        }

        if (s.ServerTimeWaitNs != HeldConnection.None)
        {
            timeline.Server.Add(Event(Exit(s.ServerTimeWaitNs, s.ReusedNs), opens: false));
        }
    }

    // A TIME_WAIT entered at enterNs ends after its length, or at the next open on the 4-tuple within it; none ends
    // at long.MinValue.
    private long Exit(long enterNs, long reusedNs)
    {
        if (enterNs == HeldConnection.None)
        {
            return long.MinValue;
        }

        long exit = enterNs + _twNs;
        return reusedNs != HeldConnection.None && reusedNs >= enterNs && reusedNs < exit ? reusedNs : exit;
    }

    // A 128-bit digest of the 4-tuple: IPv4 tuples fit exactly; IPv6 ones are mixed down (a false match needs two
    // 4-tuples with equal 128-bit digests, and then only shortens a TIME_WAIT).
    private static UInt128 TupleKey(IpAddress client, ushort clientPort, IpAddress server, ushort serverPort)
    {
        if (client.Version == 4 && server.Version == 4)
        {
            return new UInt128((client.Low << 16) | clientPort, (server.Low << 16) | serverPort);
        }

        ulong a = Mix(client.High ^ Mix(client.Low ^ clientPort));
        ulong b = Mix(server.High ^ Mix(server.Low ^ ((ulong)serverPort << 32) ^ 0x9E3779B97F4A7C15UL));
        return new UInt128(a | 1UL << 63, b);
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64's finaliser.
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    // Time in the high bits, then 0 for a close and 1 for an open: at the same instant closes come first, so a
    // connection that ends as another begins is not counted twice. Times are packet times in Unix nanoseconds
    // (below 2^62 until the year 2116), so the shift cannot overflow.
    private static long Event(long ns, bool opens) => (ns << 1) | (opens ? 1L : 0L);

    private static List<TimeSeriesRow> Rows(GroupAccumulator g, Timeline t, int lastCaptureSecond)
    {
        PerSecondCounts c = g.PerSecond;
        (int first, int end) = c.Range();
        first = Math.Min(first, t.FirstSecond);
        end = Math.Max(end, t.EndSecond);

        // Rows run to the last second with something to show: to the capture's end while a connection stays open
        // (or a socket in TIME_WAIT) past it, never beyond.
        end = t.NonZeroAtEnd ? lastCaptureSecond + 1 : Math.Min(end, lastCaptureSecond + 1);
        var rows = new List<TimeSeriesRow>(Math.Max(0, end - first));
        for (int s = first; s < end; s++)
        {
            (long concurrent, long twClient, long twServer) = t.At(s);
            rows.Add(new TimeSeriesRow(
                g.Key, s, c.Opened[s], c.Closed[s], c.Requests[s], c.TlsFull[s], c.TlsResumed[s],
                concurrent, twClient, twServer, c.Retransmissions[s]));
        }

        return rows;
    }

    /// <summary>One group's events: settled into gauges as the floor passes them, the rest pending.</summary>
    private sealed class GroupTimeline
    {
        private List<(long Open, long Close)> _openAtEnd = [];
        private long _openNanoseconds;
        private long _first = long.MaxValue;
        private long _last = long.MinValue;
        private int _connections;

        public Gauge Concurrent { get; private set; } = new();

        public Gauge Client { get; private set; } = new();

        public Gauge Server { get; private set; } = new();

        // A connection open from its first to last packet; one still open when the capture ended stays open to the
        // end (no close event, so the last second shows it open), which only Finish knows.
        public void AddConnection(long openNs, long closeNs, bool openAtEnd)
        {
            _connections++;
            _first = Math.Min(_first, openNs);
            Concurrent.Add(Event(openNs, opens: true));
            if (openAtEnd)
            {
                _openAtEnd.Add((openNs, closeNs));
                return;
            }

            _openNanoseconds += closeNs - openNs;
            _last = Math.Max(_last, closeNs);
            Concurrent.Add(Event(closeNs, opens: false));
        }

        public void ApplyBefore(long ns, GroupReportBuilder builder)
        {
            Concurrent.ApplyBefore(ns, builder);
            Client.ApplyBefore(ns, builder);
            Server.ApplyBefore(ns, builder);
        }

        public GroupTimeline Clone() => new()
        {
            _openAtEnd = [.. _openAtEnd],
            _openNanoseconds = _openNanoseconds,
            _first = _first,
            _last = _last,
            _connections = _connections,
            Concurrent = Concurrent.Clone(),
            Client = Client.Clone(),
            Server = Server.Clone(),
        };

        /// <summary>Applies every pending event (this timeline is done after) and reads the gauges.</summary>
        public Timeline Finish(long captureEndNs, GroupReportBuilder builder)
        {
            long openNanoseconds = _openNanoseconds;
            long last = _last;
            foreach ((long open, long close) in _openAtEnd)
            {
                long end = Math.Max(close, captureEndNs);
                openNanoseconds += end - open;
                last = Math.Max(last, end);
            }

            Concurrent.ApplyAll(captureEndNs, builder);
            Client.ApplyAll(captureEndNs, builder);
            Server.ApplyAll(captureEndNs, builder);
            return new Timeline(this, openNanoseconds, _connections == 0 ? 0 : last - _first, builder);
        }
    }

    /// <summary>
    /// A level over time (open connections, TIME_WAIT sockets on one side): events pending until settled, then applied
    /// in time order to the level, its peak and its value at the end of each second.
    /// </summary>
    private sealed class Gauge
    {
        private List<long> _pending = [];
        private List<long> _atEnd = [];

        public long Level { get; private set; }

        public long Peak { get; private set; }

        /// <summary>The level just after the capture's end (events at that instant applied), set by <see cref="ApplyAll"/>.</summary>
        public long LevelAtCaptureEnd { get; private set; }

        public long FirstEvent { get; private set; } = long.MaxValue;

        public long LastEvent { get; private set; } = long.MinValue;

        public bool Empty => LastEvent == long.MinValue;

        public void Add(long e) => _pending.Add(e);

        public Gauge Clone() => new()
        {
            _pending = [.. _pending],
            _atEnd = [.. _atEnd],
            Level = Level,
            Peak = Peak,
            FirstEvent = FirstEvent,
            LastEvent = LastEvent,
        };

        // The events before ns go to the front (a linear pass), and only they are sorted and applied.
        public void ApplyBefore(long ns, GroupReportBuilder builder)
        {
            Span<long> pending = CollectionsMarshal.AsSpan(_pending);
            long limit = Event(ns, opens: false);
            int n = 0;
            for (int i = 0; i < pending.Length; i++)
            {
                long e = pending[i];
                if (e < limit)
                {
                    pending[i] = pending[n];
                    pending[n++] = e;
                }
            }

            if (n == 0)
            {
                return;
            }

            Span<long> settled = pending[..n];
            EventSort.Sort(settled);
            foreach (long e in settled)
            {
                Apply(e, builder);
            }

            _pending.RemoveRange(0, n);
        }

        public void ApplyAll(long captureEndNs, GroupReportBuilder builder)
        {
            Span<long> pending = CollectionsMarshal.AsSpan(_pending);
            EventSort.Sort(pending);
            int n = 0;
            while (n < pending.Length && (pending[n] >> 1) <= captureEndNs)
            {
                Apply(pending[n++], builder);
            }

            LevelAtCaptureEnd = Level;
            while (n < pending.Length)
            {
                Apply(pending[n++], builder);
            }

            _pending.Clear();
        }

        /// <summary>The level at the end of each of <paramref name="seconds"/> seconds.</summary>
        public long[] AtEnd(int seconds)
        {
            var atEnd = new long[seconds];
            int filled = Math.Min(seconds, _atEnd.Count);
            _atEnd.CopyTo(0, atEnd, 0, filled);
            atEnd.AsSpan(filled).Fill(Level);
            return atEnd;
        }

        private void Apply(long e, GroupReportBuilder builder)
        {
            long delta = (e & 1) == 1 ? 1 : -1;
            int second = builder.Second(e >> 1);
            if (second < _atEnd.Count)
            {
                // Late (the clock stepped back past the sweep): the seconds already closed still count it.
                Span<long> closed = CollectionsMarshal.AsSpan(_atEnd)[second..];
                for (int i = 0; i < closed.Length; i++)
                {
                    closed[i] += delta;
                }
            }

            while (_atEnd.Count < second)
            {
                _atEnd.Add(Level);
            }

            Level += delta;
            Peak = Math.Max(Peak, Level);
            FirstEvent = Math.Min(FirstEvent, e);
            LastEvent = Math.Max(LastEvent, e);
        }
    }

    /// <summary>One group's gauges when every event is applied, and their values at the end of each second.</summary>
    private sealed class Timeline
    {
        private readonly long[] _concurrentAtEnd;
        private readonly long[] _clientAtEnd;
        private readonly long[] _serverAtEnd;

        public Timeline(GroupTimeline t, long openNanoseconds, long spanNanoseconds, GroupReportBuilder builder)
        {
            OpenNanoseconds = openNanoseconds;
            SpanNanoseconds = spanNanoseconds;
            FirstSecond = t.Concurrent.Empty ? int.MaxValue : builder.Second(t.Concurrent.FirstEvent >> 1);
            int lastEvent = Math.Max(
                t.Concurrent.Empty ? 0 : builder.Second(t.Concurrent.LastEvent >> 1),
                Math.Max(
                    t.Client.Empty ? 0 : builder.Second(t.Client.LastEvent >> 1),
                    t.Server.Empty ? 0 : builder.Second(t.Server.LastEvent >> 1)));
            EndSecond = lastEvent + 1;
            _concurrentAtEnd = t.Concurrent.AtEnd(EndSecond);
            _clientAtEnd = t.Client.AtEnd(EndSecond);
            _serverAtEnd = t.Server.AtEnd(EndSecond);
            ConcurrentPeak = t.Concurrent.Peak;
            TimeWaitClientPeak = t.Client.Peak;
            TimeWaitServerPeak = t.Server.Peak;
            TimeWaitClientAtEnd = t.Client.LevelAtCaptureEnd;
            TimeWaitServerAtEnd = t.Server.LevelAtCaptureEnd;
            NonZeroAtEnd = EndSecond > 0 && _concurrentAtEnd[^1] + _clientAtEnd[^1] + _serverAtEnd[^1] > 0;
        }

        /// <summary>A gauge is still above zero after the last event: a connection open at the capture's end.</summary>
        public bool NonZeroAtEnd { get; }

        /// <summary>The sum of the connections' open times.</summary>
        public long OpenNanoseconds { get; }

        /// <summary>From the first connection's open to the last one's close: the period of the time-weighted mean.</summary>
        public long SpanNanoseconds { get; }

        public int FirstSecond { get; }

        /// <summary>One past the last second with an event (a gauge may still change then).</summary>
        public int EndSecond { get; }

        public long ConcurrentPeak { get; }

        public long TimeWaitClientPeak { get; }

        public long TimeWaitServerPeak { get; }

        public long TimeWaitClientAtEnd { get; }

        public long TimeWaitServerAtEnd { get; }

        public (long Concurrent, long TimeWaitClient, long TimeWaitServer) At(int second) =>
            second < 0 || EndSecond == 0 ? (0, 0, 0)
            : second < EndSecond ? (_concurrentAtEnd[second], _clientAtEnd[second], _serverAtEnd[second])
            : (_concurrentAtEnd[^1], _clientAtEnd[^1], _serverAtEnd[^1]);
    }

    /// <summary>What the sweep keeps of one connection until nothing can change it.</summary>
    private struct HeldConnection
    {
        public const long None = long.MinValue;

        public long OpenNs;
        public long ClientTimeWaitNs;
        public long ServerTimeWaitNs;

        /// <summary>When the next connection on the 4-tuple opened, or <see cref="None"/>.</summary>
        public long ReusedNs;
        public UInt128 Tuple;
        public int Group;

        /// <summary>The neighbours on the 4-tuple in open order (span indices), or -1.</summary>
        public int Previous;
        public int Next;

        /// <summary>The TIME_WAIT ends have joined the group's events: settled, left for the chain to drop.</summary>
        public bool ExitsAdded;

        /// <summary>The slot holds a connection (not on the free list).</summary>
        public bool Used;
    }

    /// <summary>
    /// The connections held: slots in a <see cref="ChunkedList{T}"/> (growing never copies them), reused through a free
    /// list, so the table stays at the most connections held at once.
    /// </summary>
    private sealed class SpanTable
    {
        private readonly ChunkedList<HeldConnection> _slots = new();
        private readonly Stack<int> _free = new();

        public int Count { get; private set; }

        /// <summary>One past the highest slot ever used: slots below it are in use or free (<see cref="HeldConnection.Used"/>).</summary>
        public int High => _slots.Count;

        public ref HeldConnection this[int index] => ref _slots[index];

        public int Add(in HeldConnection span)
        {
            if (!_free.TryPop(out int index))
            {
                index = _slots.Count;
                _slots.Add(default);
            }

            ref HeldConnection slot = ref _slots[index];
            slot = span;
            slot.ReusedNs = HeldConnection.None;
            slot.Previous = -1;
            slot.Next = -1;
            slot.Used = true;
            Count++;
            return index;
        }

        public void Remove(int index)
        {
            _slots[index].Used = false;
            _free.Push(index);
            Count--;
        }
    }
}
