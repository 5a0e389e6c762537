using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Groups;

/// <summary>
/// Builds the per-group report (docs/tools-report.md) from connections as they are released. Counters,
/// distributions and per-second counts grow as connections arrive; what needs events in time order (concurrency,
/// TIME_WAIT sockets) is kept as one compact span per connection (56 bytes) and swept once in <see cref="Build"/>.
/// The 4-tuple reuse that ends a TIME_WAIT is linked as connections arrive, through one entry per distinct 4-tuple.
/// Memory: that span per connection, the entry per 4-tuple, the distributions' distinct values and a few counters
/// per group per second of capture.
/// </summary>
public sealed class GroupReportBuilder : IConnectionSink
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Events of one group from which the sweep's sorts run on two threads.</summary>
    private const int ParallelSortThreshold = 65_536;

    private readonly ConnectionGrouping _grouping;
    private readonly GroupReportOptions _options;
    private readonly Dictionary<string, GroupAccumulator> _groups = new(StringComparer.Ordinal);
    private readonly List<GroupAccumulator> _groupList = [];
    private readonly ChunkedList<ConnectionSpan> _spans = new();
    private readonly Dictionary<UInt128, TupleChain> _tuples = [];
    private readonly Func<long, int> _second;
    private long _originNs;
    private bool _originSet;

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
    }

    /// <summary>
    /// Second 0 of the time series: the first connection's <see cref="ConnectionRecord.TimeOrigin"/> (the capture's
    /// first packet), which the per-second counts in the records are relative to; null before any connection.
    /// </summary>
    public Timestamp? Origin => _originSet ? new Timestamp(_originNs) : null;

    public void OnConnection(ConnectionRecord record) => Add(record);

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
        if (!_groups.TryGetValue(grouped.Group, out GroupAccumulator? group))
        {
            group = new GroupAccumulator(grouped.Group, _groupList.Count);
            _groups.Add(grouped.Group, group);
            _groupList.Add(group);
        }

        group.Add(record, grouped.Tool, _second);
        _spans.Add(ConnectionSpan.From(record, group.Index));
        LinkPortReuse(_spans.Count - 1, TupleKey(record.ClientIp, record.ClientPort, record.ServerIp, record.ServerPort));
        return grouped;
    }

    /// <summary>The report over every connection added so far.</summary>
    /// <param name="captureEnd">The capture's last packet: connections still open at the end count as open until then.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ToolsReport Build(Timestamp? captureEnd)
    {
        long endNs = captureEnd?.UnixNanoseconds ?? long.MinValue;
        foreach (GroupAccumulator g in _groupList)
        {
            endNs = Math.Max(endNs, g.LastTimeNs);
        }

        var groupSpans = new List<int>[_groupList.Count];
        for (int g = 0; g < groupSpans.Length; g++)
        {
            groupSpans[g] = [];
        }

        for (int i = 0; i < _spans.Count; i++)
        {
            groupSpans[_spans[i].Group].Add(i);
        }

        long twNs = (long)(_options.TimeWaitSeconds * NanosecondsPerSecond);
        var reports = new List<(GroupReport Report, List<TimeSeriesRow> Rows)>(_groupList.Count);
        foreach (GroupAccumulator g in _groupList)
        {
            Timeline timeline = Sweep(groupSpans[g.Index], endNs, twNs);
            var sweep = new GroupSweep(
                g.Connections == 0 ? null : timeline.SpanNanoseconds > 0 ? (double)timeline.OpenNanoseconds / timeline.SpanNanoseconds : timeline.ConcurrentPeak,
                timeline.ConcurrentPeak,
                timeline.TimeWaitClientPeak,
                timeline.TimeWaitServerPeak,
                Timeline.LevelAt(timeline.ClientEvents, endNs),
                Timeline.LevelAt(timeline.ServerEvents, endNs));
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

    // A new SYN on the 4-tuple of a connection in TIME_WAIT ends that TIME_WAIT (Linux accepts it on either side when
    // its sequence number is higher): each span learns when the next connection on its 4-tuple opened. The connections
    // of one 4-tuple are chained in open order; they are released in that order (a new SYN releases the one before),
    // so a new one is almost always appended, and otherwise put in its place by walking the chain.
    private void LinkPortReuse(int index, UInt128 tuple)
    {
        ref TupleChain chain = ref CollectionsMarshal.GetValueRefOrAddDefault(_tuples, tuple, out bool exists);
        ref ConnectionSpan added = ref _spans[index];
        if (!exists)
        {
            chain = new TupleChain(index, index);
            return;
        }

        ref ConnectionSpan tail = ref _spans[chain.Tail];
        if (tail.OpenNs <= added.OpenNs)
        {
            tail.NextOnTuple = index;
            tail.ReusedNs = added.OpenNs;
            chain.Tail = index;
            return;
        }

        int previous = -1;
        int next = chain.Head;
        while (_spans[next].OpenNs <= added.OpenNs)
        {
            previous = next;
            next = _spans[next].NextOnTuple;
        }

        added.NextOnTuple = next;
        added.ReusedNs = _spans[next].OpenNs;
        if (previous < 0)
        {
            chain.Head = index;
        }
        else
        {
            _spans[previous].NextOnTuple = index;
            _spans[previous].ReusedNs = added.OpenNs;
        }
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

    // Events of one group in time order: connections open from first to last packet (to the capture's end when
    // still open at the end), TIME_WAIT sockets from entry to min(entry + TIME_WAIT, reuse of the 4-tuple).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Timeline Sweep(List<int> indices, long captureEndNs, long twNs)
    {
        int clientCount = 0;
        int serverCount = 0;
        foreach (int i in indices)
        {
            clientCount += _spans[i].ClientTimeWaitNs == ConnectionSpan.None ? 0 : 2;
            serverCount += _spans[i].ServerTimeWaitNs == ConnectionSpan.None ? 0 : 2;
        }

        var open = new List<long>(indices.Count * 2);
        var client = new List<long>(clientCount);
        var server = new List<long>(serverCount);
        long openNanoseconds = 0;
        long first = long.MaxValue;
        long last = long.MinValue;
        foreach (int i in indices)
        {
            ConnectionSpan s = _spans[i];

            // Still open when the capture ended: open to its end (no close event, so the last second shows it open).
            long close = s.OpenAtEnd ? Math.Max(s.CloseNs, captureEndNs) : s.CloseNs;
            openNanoseconds += close - s.OpenNs;
            first = Math.Min(first, s.OpenNs);
            last = Math.Max(last, close);
            open.Add(Event(s.OpenNs, opens: true));
            if (!s.OpenAtEnd)
            {
                open.Add(Event(close, opens: false));
            }

            AddTimeWait(client, s.ClientTimeWaitNs, s.ReusedNs, twNs);
            AddTimeWait(server, s.ServerTimeWaitNs, s.ReusedNs, twNs);
        }

        SortEvents(open, client, server);
        return new Timeline(open, client, server, openNanoseconds, indices.Count == 0 ? 0 : last - first, this);
    }

    // The three lists sort independently: at the end of a run, when the analysis thread is done and its core idle, the
    // TIME_WAIT lists sort on another thread while this one sorts the open events. Small lists are not worth a thread.
    private static void SortEvents(List<long> open, List<long> client, List<long> server)
    {
        void SortTimeWait()
        {
            EventSort.Sort(CollectionsMarshal.AsSpan(client));
            EventSort.Sort(CollectionsMarshal.AsSpan(server));
        }

        Task? timeWait = open.Count + client.Count + server.Count >= ParallelSortThreshold ? Task.Run(SortTimeWait) : null;
        EventSort.Sort(CollectionsMarshal.AsSpan(open));
        if (timeWait is null)
        {
            SortTimeWait();
        }
        else
        {
            timeWait.GetAwaiter().GetResult();
        }
    }

    private static void AddTimeWait(List<long> events, long enterNs, long reusedNs, long twNs)
    {
        if (enterNs == ConnectionSpan.None)
        {
            return;
        }

        long exit = enterNs + twNs;
        if (reusedNs != ConnectionSpan.None && reusedNs >= enterNs && reusedNs < exit)
        {
            exit = reusedNs;
        }

        events.Add(Event(enterNs, opens: true));
        events.Add(Event(exit, opens: false));
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

    /// <summary>The sorted events of one group and the gauges they give at the end of each second.</summary>
    private sealed class Timeline
    {
        private readonly long[] _concurrentAtEnd;
        private readonly long[] _clientAtEnd;
        private readonly long[] _serverAtEnd;

        public Timeline(List<long> open, List<long> client, List<long> server, long openNanoseconds, long spanNanoseconds, GroupReportBuilder builder)
        {
            OpenNanoseconds = openNanoseconds;
            SpanNanoseconds = spanNanoseconds;
            ClientEvents = client;
            ServerEvents = server;
            FirstSecond = open.Count == 0 ? int.MaxValue : builder.Second(open[0] >> 1);
            int lastEvent = Math.Max(
                open.Count == 0 ? 0 : builder.Second(open[^1] >> 1),
                client.Count == 0 && server.Count == 0 ? 0 : Math.Max(
                    client.Count == 0 ? 0 : builder.Second(client[^1] >> 1),
                    server.Count == 0 ? 0 : builder.Second(server[^1] >> 1)));
            EndSecond = lastEvent + 1;
            (_concurrentAtEnd, ConcurrentPeak) = Gauge(open, EndSecond, builder);
            (_clientAtEnd, TimeWaitClientPeak) = Gauge(client, EndSecond, builder);
            (_serverAtEnd, TimeWaitServerPeak) = Gauge(server, EndSecond, builder);
            NonZeroAtEnd = EndSecond > 0 && _concurrentAtEnd[^1] + _clientAtEnd[^1] + _serverAtEnd[^1] > 0;
        }

        public List<long> ClientEvents { get; }

        public List<long> ServerEvents { get; }

        /// <summary>The level of a gauge just after <paramref name="ns"/> (events at that instant applied).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static long LevelAt(List<long> sortedEvents, long ns)
        {
            long level = 0;
            foreach (long e in sortedEvents)
            {
                if ((e >> 1) > ns)
                {
                    break;
                }

                level += (e & 1) == 1 ? 1 : -1;
            }

            return level;
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

        public (long Concurrent, long TimeWaitClient, long TimeWaitServer) At(int second) =>
            second < 0 || EndSecond == 0 ? (0, 0, 0)
            : second < EndSecond ? (_concurrentAtEnd[second], _clientAtEnd[second], _serverAtEnd[second])
            : (_concurrentAtEnd[^1], _clientAtEnd[^1], _serverAtEnd[^1]);

        // The level after each event; the level at the end of each second (all events before the next second's start).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static (long[] AtEnd, long Peak) Gauge(List<long> events, int seconds, GroupReportBuilder builder)
        {
            var atEnd = new long[seconds];
            long level = 0;
            long peak = 0;
            int filled = 0;
            foreach (long e in events)
            {
                int s = builder.Second(e >> 1);
                while (filled < Math.Min(s, seconds))
                {
                    atEnd[filled++] = level;
                }

                level += (e & 1) == 1 ? 1 : -1;
                peak = Math.Max(peak, level);
            }

            while (filled < seconds)
            {
                atEnd[filled++] = level;
            }

            return (atEnd, peak);
        }
    }

    /// <summary>The first and last connection (span indices) on one 4-tuple, in open order.</summary>
    private record struct TupleChain(int Head, int Tail);

    /// <summary>What the sweeps need of one connection.</summary>
    private record struct ConnectionSpan(
        int Group,
        bool OpenAtEnd,
        long OpenNs,
        long CloseNs,
        long ClientTimeWaitNs,
        long ServerTimeWaitNs)
    {
        public const long None = long.MinValue;

        /// <summary>When the next connection on the 4-tuple opened, or <see cref="None"/>.</summary>
        public long ReusedNs = None;

        /// <summary>The next connection on the 4-tuple (a span index), or -1.</summary>
        public int NextOnTuple = -1;

        public static ConnectionSpan From(ConnectionRecord r, int group) => new(
            group,
            r.CloseKind == CloseKind.Open && r.FlushReason == FlushReason.EndOfCapture,
            (r.SynTime ?? r.FirstTime).UnixNanoseconds,
            r.LastTime.UnixNanoseconds,
            r.ClientTimeWaitTime?.UnixNanoseconds ?? None,
            r.ServerTimeWaitTime?.UnixNanoseconds ?? None);
    }
}
