using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>Segment tables for tcp.stream numbering: port reuse, tombstones, late packets and sequence wrap-around.</summary>
public class ConnectionTrackerStreamTests
{
    [Theory]
    [InlineData(1_000, FlushReason.Replaced)] // within the 5 s close linger: the new SYN replaces the live connection
    [InlineData(10_000, FlushReason.Closed)]  // after the linger: the new SYN meets the tombstone
    public void Process_SameTupleNewIsn_SecondStream(double gapMs, FlushReason firstReason)
    {
        // Arrange
        SegmentTable table = new SegmentTable(clientIsn: 1_000, serverIsn: 5_000).CompleteConnection()
            .Connection(clientIsn: 900_000, serverIsn: 700_000)
            .CompleteConnection(at: gapMs);

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.Equal([0L, 1L], run.Records.Select(r => r.Stream));
        Assert.All(run.Records, r => Assert.Equal(
            new CloseFacts(ZeekConnState.SF, "ShADadFf", CloseKind.ClientFin, Side.Client, Side.Client, Side.Client, Side.None), CloseFacts.Of(r)));
        Assert.All(run.Records, r => Assert.Equal(new Verdicts(), Verdicts.Of(r)));
        Assert.All(run.Records, r => Assert.Equal(1, r.HttpRequests));
        Assert.Equal((firstReason, FlushReason.Closed), (run.Records[0].FlushReason, run.Records[1].FlushReason));
        Assert.Equal(gapMs, HandshakeFacts.Ms(run.Records[1].SynTime));
        Assert.Equal((2L, 0L), (run.Statistics.Streams, run.Statistics.LateSegments));
    }

    [Fact]
    public void Process_SynWithSameIsnAfterRelease_LateSegmentNotNewStream()
    {
        // Arrange: the connection closes at 21 ms and is released after a 1 s linger; the old SYN shows up at 10 s.
        SegmentTable table = new SegmentTable().CompleteConnection()
            .Add(10_000, 'C', "S", 0, 0, 0);

        // Act
        SegmentRun run = table.Run(new ConnectionTrackerOptions { CloseLinger = TimeSpan.FromSeconds(1) });

        // Assert
        ConnectionRecord r = run.Single;
        Assert.Equal((0L, FlushReason.Closed, "ShADadFf"), (r.Stream, r.FlushReason, r.History));
        Assert.Equal((1L, 1L, 1L), (run.Statistics.Streams, run.Statistics.LateSegments, run.Statistics.ReleasedClosed));
        Assert.Equal(22, r.DurationMs, 6);
    }

    [Fact]
    public void Process_SynWithSameIsnWhileLingering_SameStreamRetransmission()
    {
        // Arrange: the same SYN 1 s after the close, still inside the 5 s linger.
        SegmentTable table = new SegmentTable().CompleteConnection()
            .Add(1_000, 'C', "S", 0, 0, 0);

        // Act
        SegmentRun run = table.Run();

        // Assert
        ConnectionRecord r = run.Single;
        Assert.Equal((1L, 0L), (run.Statistics.Streams, run.Statistics.LateSegments));
        Assert.Equal(new Verdicts(Retransmissions: 1), Verdicts.Of(r));
        Assert.Equal(1, r.SynRetransmits);
    }

    [Fact]
    public void Process_PacketAfterIdleFlush_LateAndLaterStreamsUnchanged()
    {
        // Arrange: connection A (port 50000) goes quiet; B at 100 s flushes it (60 s idle timeout);
        // a late ACK of A arrives at 101 s; C opens at 102 s.
        SegmentTable table = new SegmentTable(clientPort: 50000).Exchange()
            .Connection(2_000, 6_000, clientPort: 50001).Handshake(at: 100_000)
            .Connection(1_000, 5_000, clientPort: 50000).Add(101_000, 'C', "A", Q, P, 0)
            .Connection(3_000, 7_000, clientPort: 50002).Handshake(at: 102_000);

        // Act
        SegmentRun run = table.Run(new ConnectionTrackerOptions { IdleTimeout = TimeSpan.FromSeconds(60) });

        // Assert
        Assert.Equal([(0L, (ushort)50000), (1L, (ushort)50001), (2L, (ushort)50002)], run.Records.Select(r => (r.Stream, r.ClientPort)));
        ConnectionRecord a = run.Records[0];
        Assert.Equal((FlushReason.Idle, "ShADad", 13.0), (a.FlushReason, a.History, a.DurationMs));
        Assert.Same(a, run.ReleaseOrder[0]);
        Assert.Equal((3L, 1L, 1L), (run.Statistics.Streams, run.Statistics.LateSegments, run.Statistics.ReleasedIdle));
    }

    [Fact]
    public void Process_NewSynOnIdleFlushedTuple_NewStream()
    {
        // Arrange: after the idle flush a SYN with a new ISN reuses the tuple.
        SegmentTable table = new SegmentTable(clientPort: 50000).Exchange()
            .Connection(2_000, 6_000, clientPort: 50001).Handshake(at: 100_000)
            .Connection(4_000, 8_000, clientPort: 50000).Handshake(at: 101_000);

        // Act
        SegmentRun run = table.Run(new ConnectionTrackerOptions { IdleTimeout = TimeSpan.FromSeconds(60) });

        // Assert
        Assert.Equal([(0L, (ushort)50000), (1L, (ushort)50001), (2L, (ushort)50000)], run.Records.Select(r => (r.Stream, r.ClientPort)));
        Assert.Equal(("ShA", false), (run.Records[2].History, run.Records[2].RoleGuessed));
        Assert.Equal(0L, run.Statistics.LateSegments);
    }

    public static TheoryData<uint, uint> WrapIsns => new()
    {
        { 0xFFFF_FF00, 0xFFFF_FFF0 }, // both directions cross 2^32 inside their data
        { 0xFFFF_FFFF, 0xFFFF_FFFE }, // the SYN itself sits at the top
        { 0x7FFF_FF00, 0x7FFF_FFF0 }, // crossing 2^31 (sign change of the 32-bit difference)
        { 0xFFFF_FFFF - 250, 0x0000_0000 }, // a client segment ends exactly on 2^32 (raw 0, tshark's "unset")
    };

    [Theory]
    [MemberData(nameof(WrapIsns))]
    public void Process_DataCrossesSequenceWrap_NoVerdictsAndOneRequest(uint clientIsn, uint serverIsn)
    {
        // Arrange: a 1,000-byte request in four 250-byte segments, then the response and a client-first close.
        const string head = "GET / HTTP/1.1\r\nHost: wrap\r\nX-Pad: ";
        string request = head + new string('a', 1000 - head.Length - 4) + "\r\n\r\n";
        int q = 1 + request.Length;
        SegmentTable table = new SegmentTable(clientIsn, serverIsn).Handshake();
        for (int i = 0; i < 4; i++)
        {
            table.Add(10 + i, 'C', "PA", 1 + (i * 250), 1, request.Substring(i * 250, 250));
        }

        table.Add(15, 'S', "A", 1, q, 0)
            .Add(16, 'S', "PA", 1, q, Response)
            .Add(17, 'C', "A", q, P, 0)
            .Add(20, 'C', "FA", q, P, 0)
            .Add(21, 'S', "FA", P, q + 1, 0)
            .Add(22, 'C', "A", q + 1, P + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
        Assert.Equal(new CloseFacts(ZeekConnState.SF, "ShADadFf", CloseKind.ClientFin, Side.Client, Side.Client, Side.Client, Side.None), CloseFacts.Of(r));
        Assert.Equal((1, false, false), (r.HttpRequests, r.ClientStreamLost, r.ServerStreamLost));
        Assert.Equal((1000L, (long)Response.Length), (r.ClientBytes, r.ServerBytes));
        Assert.Equal(FlushReason.Closed, r.FlushReason);
    }
}
