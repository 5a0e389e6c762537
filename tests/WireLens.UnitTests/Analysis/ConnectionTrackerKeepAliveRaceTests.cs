using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for <see cref="ConnectionRecord.KeepAliveRace"/>: the server closes an idle keep-alive connection
/// (FIN) while the client sends a new request on it, and the server answers that request with an RST.
/// </summary>
public class ConnectionTrackerKeepAliveRaceTests
{
    /// <summary>Relative sequence number just after a second request on the connection.</summary>
    private static readonly int s_q2 = Q + Request.Length;

    [Fact]
    public void Process_NewRequestAfterServerFinAnsweredByRst_KeepAliveRace()
    {
        // Arrange: the server's idle close at 1000 crosses the client's next request (1000.5, still acknowledging P,
        // not the FIN); the server resets.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1000.5, 'C', "PA", Q, P, Request)
            .Add(1001, 'S', "R", P + 1, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.True(r.KeepAliveRace);
        Assert.Equal(new CloseFacts(ZeekConnState.RSTR, "ShADadfr", CloseKind.ServerFin, Side.Server, Side.None, Side.Server, Side.Server), CloseFacts.Of(r));
        Assert.Equal(2, r.HttpRequests);
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_ClientAckedServerFinThenSentRequest_KeepAliveRace()
    {
        // Arrange: the client acknowledges the FIN first, then its request goes out anyway (the application had not
        // read the end of stream yet); the server, now closed, resets with an RST/ACK.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1000.2, 'C', "A", Q, P + 1, 0)
            .Add(1000.5, 'C', "PA", Q, P + 1, Request)
            .Add(1001, 'S', "RA", P + 1, s_q2, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.True(r.KeepAliveRace);
    }

    [Fact]
    public void Process_ClientRequestBeforeServerFin_NoRace()
    {
        // Arrange: the second request is on the wire before the server's FIN; the server then resets.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(999, 'C', "PA", Q, P, Request)
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1001, 'S', "R", P + 1, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.False(r.KeepAliveRace);
        Assert.Equal(Side.Server, r.FirstRstSender);
    }

    [Fact]
    public void Process_OnlyRetransmittedClientDataAfterServerFin_NoRace()
    {
        // Arrange: the second request went out before the FIN; after the FIN the client only retransmits it.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(999, 'C', "PA", Q, P, Request)
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1200, 'C', "PA", Q, P + 1, Request)
            .Add(1201, 'S', "R", P + 1, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.False(r.KeepAliveRace);
        Assert.Equal(new Verdicts(Retransmissions: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_ClientDataAfterServerFinWithoutRst_NoRace()
    {
        // Arrange: the server half-closed and still takes the client's data; both FINs end the connection.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1000.5, 'C', "PA", Q, P + 1, Request)
            .Add(1001, 'S', "A", P + 1, s_q2, 0)
            .Add(1002, 'C', "FA", s_q2, P + 1, 0)
            .Add(1003, 'S', "A", P + 1, s_q2 + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.False(r.KeepAliveRace);
        Assert.Null(r.FirstRstTime);
    }

    [Fact]
    public void Process_ClientDataAfterServerFinThenClientRst_NoRace()
    {
        // Arrange: the RST comes from the client, not from the server.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1000.5, 'C', "PA", Q, P + 1, Request)
            .Add(1001, 'C', "R", s_q2, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.False(r.KeepAliveRace);
        Assert.Equal(Side.Client, r.FirstRstSender);
    }

    [Fact]
    public void Process_ServerRstBeforeClientData_NoRace()
    {
        // Arrange: the server's FIN and RST both come before the client's new data.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1000.2, 'S', "R", P + 1, 0, 0)
            .Add(1000.5, 'C', "PA", Q, P, Request);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.False(r.KeepAliveRace);
    }

    [Fact]
    public void Process_ServerRstWithoutFin_NoRace()
    {
        // Arrange: a second request answered by an RST, but the server never sent a FIN.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(1000, 'C', "PA", Q, P, Request)
            .Add(1001, 'S', "RA", P, s_q2, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.False(r.KeepAliveRace);
    }
}
