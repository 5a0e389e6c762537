using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for tshark's tcp.analysis verdicts and Zeek's t/w history letters, run through the whole tracker.
/// The handshake gives an initial RTT of 2 ms, so the out-of-order threshold is 2 ms.
/// </summary>
public class SequenceVerdictTests
{
    [Fact]
    public void Process_SynRetransmittedTwice_CountsFromFirstSynRttFromLast()
    {
        // Arrange
        SegmentTable table = new SegmentTable()
            .Add(0, 'C', "S", 0, 0, 0)
            .Add(1000, 'C', "S", 0, 0, 0)
            .Add(3000, 'C', "S", 0, 0, 0)
            .Add(3000.5, 'S', "SA", 0, 1, 0)
            .Add(3001, 'C', "A", 1, 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new HandshakeFacts(0, 3000.5, 3001, 1, 2, 0), HandshakeFacts.Of(r));
        Assert.Equal(3000.5, r.SynToSynAckMs);
        Assert.Equal(new Verdicts(Retransmissions: 2), Verdicts.Of(r));
        Assert.Equal(new CloseFacts(ZeekConnState.S1, "ShA", CloseKind.Open, Side.None, Side.None, Side.None, Side.None), CloseFacts.Of(r));
    }

    [Fact]
    public void Process_SynAckRetransmittedAfterLostAck_CountsSynAckRetransmitAndDuplicateAck()
    {
        // Arrange: the client's ACK at 2 ms never reached the server, which resends its SYN/ACK.
        SegmentTable table = new SegmentTable()
            .Add(0, 'C', "S", 0, 0, 0)
            .Add(1, 'S', "SA", 0, 1, 0)
            .Add(2, 'C', "A", 1, 1, 0)
            .Add(1001, 'S', "SA", 0, 1, 0)
            .Add(1001.5, 'C', "A", 1, 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new HandshakeFacts(0, 1, 2, 2, 0, 1), HandshakeFacts.Of(r));
        Assert.Equal(new Verdicts(Retransmissions: 1, DuplicateAcks: 1), Verdicts.Of(r));
        Assert.Equal("ShA", r.History);
    }

    [Fact]
    public void Process_ClientDataResentAfterRto_RetransmissionAndUpperT()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(300, 'C', "PA", 1, 1, Request)
            .Add(300.5, 'S', "A", 1, Q, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1), Verdicts.Of(r));
        Assert.Equal("ShADTa", r.History);
        Assert.Equal(1, r.HttpRequests);
    }

    [Fact]
    public void Process_ServerDataResentAfterRto_RetransmissionAndLowerT()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(11, 'S', "A", 1, Q, 0)
            .Add(12, 'S', "PA", 1, Q, Response)
            .Add(300, 'S', "PA", 1, Q, Response)
            .Add(300.5, 'C', "A", Q, P, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1), Verdicts.Of(r));
        Assert.Equal("ShADadt", r.History);
    }

    [Fact]
    public void Process_ThreeDuplicateAcksThenResend_FastRetransmission()
    {
        // Arrange: the segment at 101 is lost beyond the capture point; the server acks 101 four times.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10.0, 'C', "PA", 1, 1, 100)
            .Add(10.1, 'C', "PA", 101, 1, 100)
            .Add(10.2, 'C', "PA", 201, 1, 100)
            .Add(10.3, 'C', "PA", 301, 1, 100)
            .Add(11.0, 'S', "A", 1, 101, 0)
            .Add(11.1, 'S', "A", 1, 101, 0)
            .Add(11.2, 'S', "A", 1, 101, 0)
            .Add(11.3, 'S', "A", 1, 101, 0)
            .Add(12.0, 'C', "PA", 101, 1, 100)
            .Add(13.0, 'S', "A", 1, 401, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1, FastRetransmissions: 1, DuplicateAcks: 3), Verdicts.Of(r));
        Assert.Equal("ShADaT", r.History);
    }

    [Fact]
    public void Process_ResendMoreThan20MsAfterLastDuplicateAck_PlainRetransmission()
    {
        // Arrange: the same as the fast retransmission, but the resend comes 25 ms after the third duplicate ACK.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10.0, 'C', "PA", 1, 1, 100)
            .Add(10.1, 'C', "PA", 101, 1, 100)
            .Add(10.2, 'C', "PA", 201, 1, 100)
            .Add(11.0, 'S', "A", 1, 101, 0)
            .Add(11.1, 'S', "A", 1, 101, 0)
            .Add(11.2, 'S', "A", 1, 101, 0)
            .Add(36.2, 'C', "PA", 101, 1, 100);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1, DuplicateAcks: 2), Verdicts.Of(r));
    }

    [Fact]
    public void Process_ResendOfAckedData_SpuriousRetransmission()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, 100)
            .Add(11, 'S', "A", 1, 101, 0)
            .Add(300, 'C', "PA", 1, 1, 100);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1, SpuriousRetransmissions: 1), Verdicts.Of(r));
        Assert.Equal("ShADaT", r.History);
    }

    [Fact]
    public void Process_LowerSegmentWithinInitialRtt_OutOfOrderAfterLostSegment()
    {
        // Arrange: 101..201 overtakes 1..101, which follows 0.5 ms later (under the 2 ms initial RTT).
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10.0, 'C', "PA", 101, 1, 100)
            .Add(10.5, 'C', "PA", 1, 1, 100)
            .Add(11.0, 'S', "A", 1, 201, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert: Zeek has no out-of-order notion; a segment below last_seq is its retransmission ('T').
        Assert.Equal(new Verdicts(OutOfOrder: 1, LostSegments: 1), Verdicts.Of(r));
        Assert.Equal("ShADTa", r.History);
        Assert.False(r.ClientStreamLost);
    }

    [Fact]
    public void Process_LowerSegmentAfterInitialRtt_RetransmissionNotOutOfOrder()
    {
        // Arrange: as above, but the lower segment is 5 ms late (over the 2 ms initial RTT).
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10.0, 'C', "PA", 101, 1, 100)
            .Add(15.0, 'C', "PA", 1, 1, 100)
            .Add(16.0, 'S', "A", 1, 201, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1, LostSegments: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_HoleFilledAfterRto_LostSegmentThenRetransmission()
    {
        // Arrange: 101..201 is never captured at first; the sender resends it after an RTO.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10.0, 'C', "PA", 1, 1, 100)
            .Add(10.1, 'C', "PA", 201, 1, 100)
            .Add(11.0, 'S', "A", 1, 101, 0)
            .Add(300.0, 'C', "PA", 101, 1, 100)
            .Add(301.0, 'S', "A", 1, 301, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: 1, LostSegments: 1), Verdicts.Of(r));
        Assert.Equal("ShADaT", r.History);
        Assert.False(r.ClientStreamLost);
    }

    [Fact]
    public void Process_AckCoversUnseenData_AckedUnseenAndClientGap()
    {
        // Arrange: the client's 100 bytes at 1 are not in the capture, but the server acknowledges them.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(11, 'S', "A", 1, 101, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(AckedUnseen: 1), Verdicts.Of(r));
        Assert.Equal("ShAaG", r.History);
        Assert.True(r.ClientStreamLost);
        Assert.False(r.ServerStreamLost);
    }

    [Theory]
    [InlineData(0, "ShADad")]
    [InlineData(1, "ShADadT")] // Zeek: one byte that does not pass last_seq is a retransmission
    public void Process_KeepAliveAtNextSeqMinusOne_KeepAliveNotRetransmission(int len, string history)
    {
        // Arrange: two keep-alives 60 s apart, each answered by the server.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(60_000, 'C', "A", Q - 1, P, len)
            .Add(60_000.5, 'S', "A", P, Q, 0)
            .Add(120_000, 'C', "A", Q - 1, P, len)
            .Add(120_000.5, 'S', "A", P, Q, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert: the answers are keep-alive ACKs, not duplicate ACKs.
        Assert.Equal(new Verdicts(KeepAlives: 2), Verdicts.Of(r));
        Assert.Equal(history, r.History);
    }

    [Fact]
    public void Process_ReceiverWindowZero_ZeroWindowAndLowerW()
    {
        // Arrange: the server closes its window, the client probes with one byte, the window reopens.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, 100)
            .Add(11, 'S', "A", 1, 101, 0, window: 0)
            .Add(200, 'C', "A", 101, 1, 1)
            .Add(200.5, 'S', "A", 1, 101, 0, window: 0)
            .Add(300, 'S', "A", 1, 101, 0)
            .Add(301, 'C', "PA", 101, 1, 100)
            .Add(302, 'S', "A", 1, 201, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert: the probe ACK repeats the zero window, so tshark flags it zero_window too.
        Assert.Equal(new Verdicts(ZeroWindows: 2), Verdicts.Of(r));
        Assert.Equal("ShADaw", r.History);
    }

    [Fact]
    public void Process_ClientWindowZero_UpperW()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "A", Q, P, 0, window: 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(ZeroWindows: 1), Verdicts.Of(r));
        Assert.Equal("ShADadW", r.History);
    }

    [Theory]
    [InlineData(1, "ShADTa")]
    [InlineData(9, "ShADTa")]
    [InlineData(10, "ShADTTa")]
    [InlineData(11, "ShADTTa")]
    [InlineData(99, "ShADTTa")]
    [InlineData(100, "ShADTTTa")]
    public void Process_RepeatedRetransmissions_HistoryLettersAtPowersOfTen(int retransmissions, string history)
    {
        // Arrange
        SegmentTable table = new SegmentTable().Handshake().Add(10, 'C', "PA", 1, 1, 100);
        for (int i = 1; i <= retransmissions; i++)
        {
            table.Add(10 + (i * 300), 'C', "PA", 1, 1, 100);
        }

        table.Add(10 + ((retransmissions + 1) * 300), 'S', "A", 1, 101, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(Retransmissions: retransmissions), Verdicts.Of(r));
        Assert.Equal(history, r.History);
    }

    [Fact]
    public void Process_ServerZeroWindowRepeated_LowerWAtOneAndTen()
    {
        // Arrange: ten zero-window ACKs, each for new data so that none is a duplicate ACK.
        SegmentTable table = new SegmentTable().Handshake();
        for (int i = 0; i < 10; i++)
        {
            table.Add(10 + (i * 10), 'C', "PA", 1 + (i * 10), 1, 10)
                 .Add(11 + (i * 10), 'S', "A", 1, 11 + (i * 10), 0, window: 0);
        }

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new Verdicts(ZeroWindows: 10), Verdicts.Of(r));
        Assert.Equal("ShADaww", r.History);
    }
}
