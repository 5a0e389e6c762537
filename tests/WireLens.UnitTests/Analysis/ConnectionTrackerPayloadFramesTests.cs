using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for <see cref="ConnectionRecord.PayloadFrames"/> and
/// <see cref="ConnectionRecord.RetransmittedPayloadFrames"/>: frames with TCP payload in both directions, and those of
/// them tshark marks as a retransmission of any kind (plain, fast or spurious).
/// </summary>
public class ConnectionTrackerPayloadFramesTests
{
    [Fact]
    public void Process_CompleteConnection_TwoPayloadFramesNoneRetransmitted()
    {
        // Arrange: SYN, SYN/ACK, ACKs and FINs carry no payload.
        SegmentTable table = new SegmentTable().CompleteConnection();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((2L, 0L), (r.PayloadFrames, r.RetransmittedPayloadFrames));
        Assert.Equal((6L, 4L), (r.ClientPackets, r.ServerPackets));
    }

    [Fact]
    public void Process_RequestRetransmittedTwiceResponseOnce_CountsEachKind()
    {
        // Arrange: the request is sent again at 210 before any ACK (retransmission) and once more at 500 after the
        // server acknowledged it (spurious); the response is sent again at 400 (retransmission); FIN with data counts.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(210, 'C', "PA", 1, 1, Request)
            .Add(211, 'S', "A", 1, Q, 0)
            .Add(212, 'S', "PA", 1, Q, Response)
            .Add(400, 'S', "PA", 1, Q, Response)
            .Add(401, 'C', "A", Q, P, 0)
            .Add(500, 'C', "PA", 1, P, Request)
            .Add(600, 'S', "FPA", P, Q, 10)
            .Add(601, 'C', "FA", Q, P + 11, 0)
            .Add(602, 'S', "A", P + 11, Q + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((6L, 3L), (r.PayloadFrames, r.RetransmittedPayloadFrames));
        Assert.Equal(new Verdicts(Retransmissions: 3, SpuriousRetransmissions: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_KeepAliveProbe_PayloadFrameNotRetransmission()
    {
        // Arrange: a TCP keep-alive carries one byte at the next sequence number minus one; tshark marks it
        // "TCP Keep-Alive", not a retransmission.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(60_000, 'C', "A", Q - 1, P, 1)
            .Add(60_001, 'S', "A", P, Q, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((3L, 0L), (r.PayloadFrames, r.RetransmittedPayloadFrames));
        Assert.Equal(1, r.KeepAlives);
    }
}
