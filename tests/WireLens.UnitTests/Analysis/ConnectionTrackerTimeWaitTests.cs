using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for when each side entered TIME_WAIT (<see cref="ConnectionRecord.ClientTimeWaitTime"/>,
/// <see cref="ConnectionRecord.ServerTimeWaitTime"/>): the time of the active closer's first acknowledgement of the
/// peer's FIN, none for a passive closer or when an RST was seen.
/// </summary>
public class ConnectionTrackerTimeWaitTests
{
    /// <summary>Both TIME_WAIT times in milliseconds after <see cref="SegmentTable.Base"/>, with the side that holds it.</summary>
    private static (Side Side, double? ClientMs, double? ServerMs) TimeWait(ConnectionRecord r) =>
        (r.TimeWaitSide, HandshakeFacts.Ms(r.ClientTimeWaitTime), HandshakeFacts.Ms(r.ServerTimeWaitTime));

    [Fact]
    public void Process_ClientClosesFirst_ClientTimeWaitAtItsAckOfServerFin()
    {
        // Arrange: client FIN at 20, server FIN/ACK at 21.25, the client's last ACK at 22.5.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(21.25, 'S', "FA", P, Q + 1, 0)
            .Add(22.5, 'C', "A", Q + 1, P + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.Client, (double?)22.5, (double?)null), TimeWait(r));
    }

    [Fact]
    public void Process_ServerClosesFirst_ServerTimeWaitAtItsAckOfClientFin()
    {
        // Arrange: server FIN at 20, client FIN/ACK at 21.25 (acknowledging the server's), the server's last ACK at 22.5.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'S', "FA", P, Q, 0)
            .Add(21.25, 'C', "FA", Q, P + 1, 0)
            .Add(22.5, 'S', "A", P + 1, Q + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.Server, (double?)null, (double?)22.5), TimeWait(r));
    }

    [Theory]
    [InlineData(21, 21.5)]   // the client acknowledges first
    [InlineData(21.5, 21)]   // the server acknowledges first
    public void Process_FinsCross_BothTimeWaitEachAtItsOwnAck(double clientAckMs, double serverAckMs)
    {
        // Arrange: neither FIN acknowledges the other; each side then acknowledges the peer's FIN.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(20.1, 'S', "FA", P, Q, 0)
            .Add(clientAckMs, 'C', "A", Q + 1, P + 1, 0)
            .Add(serverAckMs, 'S', "A", P + 1, Q + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(CloseKind.Simultaneous, r.CloseKind);
        Assert.Equal((Side.Both, (double?)clientAckMs, (double?)serverAckMs), TimeWait(r));
    }

    [Fact]
    public void Process_ClientFinAckedThenServerResets_NoTimeWait()
    {
        // Arrange: the client closes, the server acknowledges the FIN and then resets instead of closing.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(21, 'S', "A", P, Q + 1, 0)
            .Add(22, 'S', "R", P, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.None, (double?)null, (double?)null), TimeWait(r));
        Assert.Equal(Side.Server, r.FirstRstSender);
    }

    [Fact]
    public void Process_CompleteCloseThenClientRst_NoTimeWait()
    {
        // Arrange: the client already acknowledged the server's FIN (TIME_WAIT) when it resets, inside the linger.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(21, 'S', "FA", P, Q + 1, 0)
            .Add(22, 'C', "A", Q + 1, P + 1, 0)
            .Add(23, 'C', "R", Q + 1, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.None, (double?)null, (double?)null), TimeWait(r));
        Assert.Equal(23, HandshakeFacts.Ms(r.FirstRstTime));
    }

    [Fact]
    public void Process_ServerFinRetransmittedAndAckedAgain_TimeOfFirstAck()
    {
        // Arrange: the client's last ACK (22) is lost on the way, so the server retransmits its FIN at 222 and the
        // client acknowledges it again at 223; the client entered TIME_WAIT with its first ACK.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(21, 'S', "FA", P, Q + 1, 0)
            .Add(22, 'C', "A", Q + 1, P + 1, 0)
            .Add(222, 'S', "FA", P, Q + 1, 0)
            .Add(223, 'C', "A", Q + 1, P + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.Client, (double?)22, (double?)null), TimeWait(r));
        Assert.Equal(FlushReason.Closed, r.FlushReason);
    }

    [Fact]
    public void Process_ClientFinRetransmitted_TimeOfFirstAckThatCoversServerFin()
    {
        // Arrange: the client's FIN goes unanswered and is sent again at 220; the server's FIN/ACK comes at 221. The
        // client's ACK at 215 acknowledges only the server's data, not a FIN, and does not count.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(215, 'C', "A", Q + 1, P, 0)
            .Add(220, 'C', "FA", Q, P, 0)
            .Add(221, 'S', "FA", P, Q + 1, 0)
            .Add(222, 'C', "A", Q + 1, P + 1, 0)
            .Add(230, 'C', "A", Q + 1, P + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.Client, (double?)222, (double?)null), TimeWait(r));
        Assert.Equal(20, HandshakeFacts.Ms(r.FirstFinTime));
    }

    [Fact]
    public void Process_ServerFinNeverAcked_NoTimeWait()
    {
        // Arrange: both FINs are seen but the capture ends before the client acknowledges the server's.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(21, 'S', "FA", P, Q + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.None, (double?)null, (double?)null), TimeWait(r));
    }

    [Fact]
    public void Process_OpenConnection_NoTimeWait()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((Side.None, (double?)null, (double?)null), TimeWait(r));
    }
}
