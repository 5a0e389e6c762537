using WireLens.Analysis.Connections;
using WireLens.Testing.Hostile;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Analysis;

/// <summary>Segment tables for the bounded connection table (<see cref="ConnectionTrackerOptions.MaxConnections"/>).</summary>
public class ConnectionTrackerBoundTests
{
    /// <summary>
    /// Five interleaved connections A-E (client ports 50001-50005, one stream each in this order). With a bound of 3,
    /// D's SYN evicts B (A had a SYN/ACK since) and E's SYN evicts D (A and C were active since D opened).
    /// </summary>
    private static SegmentTable FiveInterleaved() => new SegmentTable()
        .Connection(1_000, 5_000, clientPort: 50001).Add(0, 'C', "S", 0, 0, 0)   // A
        .Connection(2_000, 6_000, clientPort: 50002).Add(1, 'C', "S", 0, 0, 0)   // B
        .Connection(3_000, 7_000, clientPort: 50003).Add(2, 'C', "S", 0, 0, 0)   // C
        .Connection(1_000, 5_000, clientPort: 50001).Add(3, 'S', "SA", 0, 1, 0)  // A active
        .Connection(4_000, 8_000, clientPort: 50004).Add(4, 'C', "S", 0, 0, 0)   // D: evicts B
        .Connection(3_000, 7_000, clientPort: 50003).Add(5, 'S', "SA", 0, 1, 0)  // C active
        .Connection(1_000, 5_000, clientPort: 50001).Add(6, 'C', "A", 1, 1, 0)   // A active
        .Connection(5_000, 9_000, clientPort: 50005).Add(7, 'C', "S", 0, 0, 0);  // E: evicts D

    private static readonly ConnectionTrackerOptions s_boundThree = new() { MaxConnections = 3 };

    [Fact]
    public void Process_BoundThreeFiveConnections_TwoLeastRecentlyActiveEvicted()
    {
        // Arrange
        SegmentTable table = FiveInterleaved();

        // Act
        SegmentRun run = table.Run(s_boundThree);

        // Assert
        Assert.Equal(
            [(0L, (ushort)50001, FlushReason.EndOfCapture), (1L, (ushort)50002, FlushReason.Evicted), (2L, (ushort)50003, FlushReason.EndOfCapture),
             (3L, (ushort)50004, FlushReason.Evicted), (4L, (ushort)50005, FlushReason.EndOfCapture)],
            run.Records.Select(r => (r.Stream, r.ClientPort, r.FlushReason)));
        Assert.Equal([1L, 3L], run.ReleaseOrder.Take(2).Select(r => r.Stream));
        Assert.All(run.Records.Where(r => r.FlushReason == FlushReason.Evicted), r => Assert.Equal(CloseKind.Open, r.CloseKind));
        Assert.Equal((2L, 5L, 3L, 3L), (run.Statistics.Evicted, run.Statistics.Streams, run.Statistics.PeakOpenConnections, run.Statistics.ReleasedAtEnd));
    }

    [Fact]
    public void Process_LatePacketOfEvictedConnection_LateSegmentNotNewStream()
    {
        // Arrange: B's server answers after B was evicted.
        SegmentTable table = FiveInterleaved()
            .Connection(2_000, 6_000, clientPort: 50002).Add(8, 'S', "SA", 0, 1, 0);

        // Act
        SegmentRun run = table.Run(s_boundThree);

        // Assert
        Assert.Equal((5L, 1L, 2L), (run.Statistics.Streams, run.Statistics.LateSegments, run.Statistics.Evicted));
        Assert.Equal(("S", FlushReason.Evicted), (run.Records[1].History, run.Records[1].FlushReason));
    }

    [Fact]
    public void Process_NewSynOnEvictedTuple_NewStream()
    {
        // Arrange: a SYN with another ISN on B's tuple opens stream 5 (and, the table being full, evicts C, now the least recently active).
        SegmentTable table = FiveInterleaved()
            .Connection(2_500, 6_500, clientPort: 50002).Add(8, 'C', "S", 0, 0, 0);

        // Act
        SegmentRun run = table.Run(s_boundThree);

        // Assert
        Assert.Equal((6L, 0L, 3L), (run.Statistics.Streams, run.Statistics.LateSegments, run.Statistics.Evicted));
        ConnectionRecord reused = run.Records[5];
        Assert.Equal(((ushort)50002, "S", FlushReason.EndOfCapture), (reused.ClientPort, reused.History, reused.FlushReason));
        Assert.Equal(FlushReason.Evicted, run.Records[2].FlushReason);
    }

    [Fact]
    public void Process_Bounded_StreamNumbersAsUnbounded()
    {
        // Arrange: the late packet and the new SYN together.
        SegmentTable table = FiveInterleaved()
            .Connection(2_000, 6_000, clientPort: 50002).Add(8, 'S', "SA", 0, 1, 0)
            .Connection(2_500, 6_500, clientPort: 50002).Add(9, 'C', "S", 0, 0, 0);

        // Act
        SegmentRun bounded = table.Run(s_boundThree);
        SegmentRun unbounded = table.Run();

        // Assert: the same streams on the same tuples; the connections never evicted are analysed alike.
        Assert.Equal(unbounded.Records.Select(r => (r.Stream, r.ClientPort)), bounded.Records.Select(r => (r.Stream, r.ClientPort)));
        Assert.Equal(
            unbounded.Records.Where((_, i) => bounded.Records[i].FlushReason != FlushReason.Evicted).Select(r => r.History),
            bounded.Records.Where(r => r.FlushReason != FlushReason.Evicted).Select(r => r.History));
        Assert.Equal(0L, unbounded.Statistics.Evicted);
    }

    [Fact]
    public void Create_MaxConnectionsZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new ConnectionTracker(new ConnectionTrackerOptions { MaxConnections = 0 }, new NullSink()));
    }

    [Fact]
    public void Process_SynFloodBoundTenThousand_EvictsAllButTheLastTenThousand()
    {
        // Arrange
        const int Count = 200_000;
        var sink = new StreamOrderSink();
        var tracker = new ConnectionTracker(new ConnectionTrackerOptions { MaxConnections = 10_000 }, sink);
        IpAddress server = IpAddress.FromIPv4([10, 0, 0, 2]);

        // Act
        foreach (SynFlood.Syn syn in SynFlood.Generate(Count, seed: 42))
        {
            var header = new TcpSegmentHeader(
                syn.Source, syn.SourcePort, server, SynFlood.ServerPort, syn.Isn, 0, TcpFlags.Syn, 64240, default, 0, syn.Time, syn.Frame);
            tracker.Process(new TcpSegment(in header, []));
        }

        long peakBeforeFlush = tracker.Statistics.PeakOpenConnections;
        tracker.Flush();

        // Assert
        TrackerStatistics s = tracker.Statistics;
        Assert.Equal((190_000L, 10_000L, (long)Count, 0L), (s.Evicted, s.ReleasedAtEnd, s.Streams, s.LateSegments));
        Assert.True(peakBeforeFlush <= 10_000, $"peak {peakBeforeFlush}");
        Assert.Equal(0L, s.OpenConnections);
        Assert.Equal(Count, sink.Count);
        Assert.True(sink.InOrder, "streams released in the order 0..199,999");
        Assert.Equal((190_000, 10_000), (sink.Evicted, sink.AtEnd));
    }

    private sealed class NullSink : IConnectionSink
    {
        public void OnConnection(ConnectionRecord record)
        {
        }
    }

    /// <summary>Checks that streams arrive as 0, 1, 2, ... without keeping the records.</summary>
    private sealed class StreamOrderSink : IConnectionSink
    {
        public int Count { get; private set; }

        public bool InOrder { get; private set; } = true;

        public int Evicted { get; private set; }

        public int AtEnd { get; private set; }

        public void OnConnection(ConnectionRecord record)
        {
            InOrder &= record.Stream == Count && record.CloseKind == CloseKind.Open;
            Count++;
            Evicted += record.FlushReason == FlushReason.Evicted ? 1 : 0;
            AtEnd += record.FlushReason == FlushReason.EndOfCapture ? 1 : 0;
        }
    }

    [Fact]
    public void Process_ThousandsOfClosedConnectionsReusingFewTuples_TombstoneQueueStaysBounded()
    {
        // Arrange: 5,000 connections on 4 client ports in turn, each closed (FIN, FIN/ACK, ACK), released after the
        // linger and followed 3 s later by a new SYN with a new ISN on its 4-tuple, which removes its tombstone.
        var table = new SegmentTable();
        for (int i = 0; i < 5_000; i++)
        {
            double t = i * 1_000.0;
            table.Connection((uint)(1_000 + (i * 10_000)), (uint)(5_000 + (i * 10_000)), clientPort: (ushort)(50_000 + (i % 4)))
                .Add(t, 'C', "S", 0, 0, 0)
                .Add(t + 0.1, 'S', "SA", 0, 1, 0)
                .Add(t + 0.2, 'C', "A", 1, 1, 0)
                .Add(t + 0.3, 'C', "FA", 1, 1, 0)
                .Add(t + 0.4, 'S', "FA", 1, 2, 0)
                .Add(t + 0.5, 'C', "A", 2, 2, 0);
        }

        // Act
        SegmentRun run = table.Run();

        // Assert: every connection its own stream, all but the last ones released closed, leaving a tombstone each
        // that the next SYN on the port removed; the queue never held more than the compaction bound.
        Assert.Equal(5_000, run.Statistics.Streams);
        Assert.True(run.Statistics.ReleasedClosed >= 4_990, $"{run.Statistics.ReleasedClosed} released closed");
        Assert.InRange(run.Statistics.TombstoneQueueEntries, 1, 2 * 1_024);
    }
}
