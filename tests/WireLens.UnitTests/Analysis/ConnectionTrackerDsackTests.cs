using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for <see cref="ConnectionRecord.DsackAcks"/> (ACKs whose first SACK block is a D-SACK, RFC 2883) and
/// <see cref="ConnectionRecord.DsackRetransmissions"/> (retransmissions such a D-SACK proves unnecessary). SACK edges
/// are relative to the data sender's ISN, like the acknowledgment numbers.
/// </summary>
public class ConnectionTrackerDsackTests
{
    /// <summary>The D-SACK facts of a record, compared as one value.</summary>
    private sealed record DsackFacts(long RetransmittedPayloadFrames, int DsackAcks, long DsackRetransmissions)
    {
        public static DsackFacts Of(ConnectionRecord r) => new(r.RetransmittedPayloadFrames, r.DsackAcks, r.DsackRetransmissions);
    }

    /// <summary>
    /// The loopback case: the server sends 15 bytes, its tail loss probe sends them again 10 ms later while the client
    /// delays its ACK, and the client's ACK reports the second copy as a duplicate below the ACK (RFC 2883 4.1.1).
    /// </summary>
    private static SegmentTable TailLossProbe() => new SegmentTable().Exchange()
        .Add(20, 'S', "PA", P, Q, 15)
        .Add(30, 'S', "PA", P, Q, 15);

    [Fact]
    public void Process_DsackBelowCumulativeAck_ProvesTheRetransmission()
    {
        // Arrange
        SegmentTable table = TailLossProbe()
            .Add(31, 'C', "A", Q, P + 15, 0, sack: [(P, P + 15)]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(1, 1, 1), DsackFacts.Of(r));
        Assert.Equal(new Verdicts(Retransmissions: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_DsackInsideSecondBlock_ProvesTheRetransmission()
    {
        // Arrange: the server's A [P, P+100) is lost on the way, B and C arrive and are SACKed. The server sends B
        // again; the client, still missing A, reports B as a duplicate inside its SACK block B-C (RFC 2883 4.1.2).
        // Then A is retransmitted and fills the hole: a needed retransmission, never D-SACKed.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'S', "PA", P, Q, 100)
            .Add(21, 'S', "PA", P + 100, Q, 100)
            .Add(22, 'S', "PA", P + 200, Q, 100)
            .Add(23, 'C', "A", Q, P, 0, sack: [(P + 100, P + 300)])
            .Add(30, 'S', "PA", P + 100, Q, 100)
            .Add(31, 'C', "A", Q, P, 0, sack: [(P + 100, P + 200), (P + 100, P + 300)])
            .Add(40, 'S', "PA", P, Q, 100)
            .Add(41, 'C', "A", Q, P + 300, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(2, 1, 1), DsackFacts.Of(r));
    }

    [Fact]
    public void Process_SameDsackRepeated_CountsTheRangeOnce()
    {
        // Arrange: the client sends its D-SACK on two ACKs (tshark marks both frames).
        SegmentTable table = TailLossProbe()
            .Add(31, 'C', "A", Q, P + 15, 0, sack: [(P, P + 15)])
            .Add(32, 'C', "A", Q, P + 15, 0, sack: [(P, P + 15)]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(1, 2, 1), DsackFacts.Of(r));
    }

    [Fact]
    public void Process_DsackOverTwoRetransmittedSegments_CountsTheRangeOnce()
    {
        // Arrange: two segments sent twice, the client reports both duplicates in one merged D-SACK range: one range,
        // counted once (the count errs low, so the retransmissions finding errs toward firing).
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'S', "PA", P, Q, 15)
            .Add(21, 'S', "PA", P + 15, Q, 15)
            .Add(30, 'S', "PA", P, Q, 15)
            .Add(31, 'S', "PA", P + 15, Q, 15)
            .Add(32, 'C', "A", Q, P + 30, 0, sack: [(P, P + 30)]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(2, 1, 1), DsackFacts.Of(r));
    }

    [Fact]
    public void Process_OrdinarySack_NotADsack()
    {
        // Arrange: A is lost, B arrives and is SACKed above the ACK (RFC 2018); A's retransmission was needed.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'S', "PA", P, Q, 100)
            .Add(21, 'S', "PA", P + 100, Q, 100)
            .Add(22, 'C', "A", Q, P, 0, sack: [(P + 100, P + 200)])
            .Add(30, 'S', "PA", P, Q, 100)
            .Add(31, 'C', "A", Q, P + 200, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(1, 0, 0), DsackFacts.Of(r));
    }

    [Fact]
    public void Process_DsackOfDataNeverRetransmitted_CountsTheAckOnly()
    {
        // Arrange: the network delivered a segment twice; its sender sent it once, so no retransmission is proven.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'S', "PA", P, Q, 15)
            .Add(21, 'C', "A", Q, P + 15, 0, sack: [(P, P + 15)]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(0, 1, 0), DsackFacts.Of(r));
    }

    [Fact]
    public void Process_DsackFromTheServer_ProvesTheClientsRetransmission()
    {
        // Arrange: the client's request is sent again; the server reports the duplicate below its ACK.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(220, 'C', "PA", 1, 1, Request)
            .Add(221, 'S', "A", 1, Q, 0, sack: [(1, Q)]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new DsackFacts(1, 1, 1), DsackFacts.Of(r));
    }

    [Fact]
    public void Process_RecycledConnection_DsackStateStartsAnew()
    {
        // Arrange: connection 1 has a D-SACKed retransmission of X and an unproven one of Y, then closes; 5 s later a
        // connection on another port (the same object, recycled) with the same ISNs sends X and Y once, and the client
        // D-SACKs it (a network duplicate). A ledger kept from connection 1 would match Y's old retransmission.
        SegmentTable table = new SegmentTable()
            .Connection(1_000, 5_000, clientPort: 50000).Exchange()
            .Add(20, 'S', "PA", P, Q, 15)
            .Add(30, 'S', "PA", P, Q, 15)
            .Add(31, 'C', "A", Q, P + 15, 0, sack: [(P, P + 15)])
            .Add(40, 'S', "PA", P + 15, Q, 15)
            .Add(50, 'S', "PA", P + 15, Q, 15)
            .Add(51, 'C', "A", Q, P + 30, 0)
            .Add(60, 'C', "FA", Q, P + 30, 0)
            .Add(61, 'S', "FA", P + 30, Q + 1, 0)
            .Add(62, 'C', "A", Q + 1, P + 31, 0)
            .Connection(1_000, 5_000, clientPort: 50001).Exchange(5_000)
            .Add(5_020, 'S', "PA", P, Q, 15)
            .Add(5_040, 'S', "PA", P + 15, Q, 15)
            .Add(5_041, 'C', "A", Q, P + 30, 0, sack: [(P + 15, P + 30)]);

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.Equal(2, run.Records.Count);
        Assert.Equal(1L, run.Statistics.ReleasedClosed);
        Assert.Equal(new DsackFacts(2, 1, 1), DsackFacts.Of(run.Records[0]));
        Assert.Equal(new DsackFacts(0, 1, 0), DsackFacts.Of(run.Records[1]));
    }
}
