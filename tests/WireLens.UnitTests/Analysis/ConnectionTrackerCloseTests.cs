using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>Segment tables for the ways a connection ends: FIN orders, resets, refusal and mid-stream pick-up.</summary>
public class ConnectionTrackerCloseTests
{
    [Fact]
    public void Process_ClientClosesFirst_SfClientFinTimeWaitClient()
    {
        // Arrange
        SegmentTable table = new SegmentTable().CompleteConnection();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.SF, "ShADadFf", CloseKind.ClientFin, Side.Client, Side.Client, Side.Client, Side.None), CloseFacts.Of(r));
        Assert.Equal(new HandshakeFacts(0, 1, 2, 2, 0, 0), HandshakeFacts.Of(r));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
        Assert.Equal(20, HandshakeFacts.Ms(r.FirstFinTime));
        Assert.Null(r.FirstRstTime);
        Assert.Equal((0L, 22L, 6L, 4L), (r.Stream, (long)r.DurationMs, r.ClientPackets, r.ServerPackets));
        Assert.Equal((Request.Length, Response.Length), ((int)r.ClientBytes, (int)r.ServerBytes));
        Assert.Equal((HttpProtocolKind.Http11, 1, "table", "test"), (r.HttpProtocol, r.HttpRequests, r.UserAgent, r.HttpHost));
        Assert.Equal((false, false, false), (r.RoleGuessed, r.ClientStreamLost, r.ServerStreamLost));
        Assert.Equal((SegmentTable.ClientIp, SegmentTable.DefaultClientPort, SegmentTable.ServerIp, SegmentTable.DefaultServerPort), (r.ClientIp, r.ClientPort, r.ServerIp, r.ServerPort));
        Assert.Equal(FlushReason.Closed, r.FlushReason);
    }

    [Fact]
    public void Process_ServerClosesFirst_SfServerFinTimeWaitServer()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'S', "FA", P, Q, 0)
            .Add(21, 'C', "FA", Q, P + 1, 0)
            .Add(22, 'S', "A", P + 1, Q + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.SF, "ShADadfF", CloseKind.ServerFin, Side.Server, Side.Server, Side.Server, Side.None), CloseFacts.Of(r));
        Assert.Equal(20, HandshakeFacts.Ms(r.FirstFinTime));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_FinsCross_SimultaneousCloseTimeWaitBoth()
    {
        // Arrange: neither FIN acknowledges the other one's FIN.
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "FA", Q, P, 0)
            .Add(20.1, 'S', "FA", P, Q, 0)
            .Add(21, 'C', "A", Q + 1, P + 1, 0)
            .Add(21.1, 'S', "A", P + 1, Q + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.SF, "ShADadFf", CloseKind.Simultaneous, Side.Both, Side.Both, Side.Client, Side.None), CloseFacts.Of(r));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
        Assert.Equal(FlushReason.Closed, r.FlushReason);
    }

    [Fact]
    public void Process_ClientHalfClosesThenServerSendsAndCloses_SfClientFinTimeWaitClient()
    {
        // Arrange: the client's FIN follows its request; the server answers into the half-open connection.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(11, 'C', "FA", Q, 1, 0)
            .Add(12, 'S', "A", 1, Q + 1, 0)
            .Add(13, 'S', "PA", 1, Q + 1, Response)
            .Add(14, 'C', "A", Q + 1, P, 0)
            .Add(15, 'S', "FA", P, Q + 1, 0)
            .Add(16, 'C', "A", Q + 1, P + 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.SF, "ShADFadf", CloseKind.ClientFin, Side.Client, Side.Client, Side.Client, Side.None), CloseFacts.Of(r));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
        Assert.Equal((1, false, false), (r.HttpRequests, r.ClientStreamLost, r.ServerStreamLost));
        Assert.Equal(Response.Length, r.ServerBytes);
    }

    [Fact]
    public void Process_SynAnsweredByRstAck_RejRefusedRttIsSynToRst()
    {
        // Arrange: Linux answers a closed port with RST/ACK seq 0 ack ISN+1.
        SegmentTable table = new SegmentTable(serverIsn: 0)
            .Add(0, 'C', "S", 0, 0, 0)
            .Add(0.25, 'S', "RA", 0, 1, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.REJ, "Sr", CloseKind.Refused, Side.Server, Side.None, Side.None, Side.Server), CloseFacts.Of(r));
        Assert.Equal(new HandshakeFacts(0, null, null, 0.25, 0, 0), HandshakeFacts.Of(r));
        Assert.Null(r.SynToSynAckMs);
        Assert.False(r.HandshakeCompleted);
        Assert.Equal(0.25, HandshakeFacts.Ms(r.FirstRstTime));
        Assert.Null(r.HttpRequests);
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_ClientResetsAfterExchange_RstoClientRst()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange().Add(20, 'C', "R", Q, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.RSTO, "ShADadR", CloseKind.ClientRst, Side.Client, Side.None, Side.None, Side.Client), CloseFacts.Of(r));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
        Assert.Equal(FlushReason.Closed, r.FlushReason);
    }

    [Fact]
    public void Process_ServerResetsAfterExchange_RstrServerRst()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange().Add(20, 'S', "RA", P, Q, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.RSTR, "ShADadr", CloseKind.ServerRst, Side.Server, Side.None, Side.None, Side.Server), CloseFacts.Of(r));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_SynThenClientRst_Rstos0()
    {
        // Arrange
        SegmentTable table = new SegmentTable()
            .Add(0, 'C', "S", 0, 0, 0)
            .Add(100, 'C', "R", 1, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.RSTOS0, "SR", CloseKind.ClientRst, Side.Client, Side.None, Side.None, Side.Client), CloseFacts.Of(r));
        Assert.Equal(new HandshakeFacts(0, null, null, null, 0, 0), HandshakeFacts.Of(r));
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_SynOnly_S0Open()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Add(0, 'C', "S", 0, 0, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.S0, "S", CloseKind.Open, Side.None, Side.None, Side.None, Side.None), CloseFacts.Of(r));
        Assert.Equal(FlushReason.EndOfCapture, r.FlushReason);
    }

    [Fact]
    public void Process_HandshakeAndDataNoClose_S1Open()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Exchange();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.S1, "ShADad", CloseKind.Open, Side.None, Side.None, Side.None, Side.None), CloseFacts.Of(r));
        Assert.Equal(FlushReason.EndOfCapture, r.FlushReason);
        Assert.True(r.HandshakeCompleted);
    }

    [Fact]
    public void Process_MidStreamFromClient_OthRoleGuessedNotFlipped()
    {
        // Arrange: no SYN seen; the first packet comes from the ephemeral port.
        SegmentTable table = new SegmentTable()
            .Add(0, 'C', "PA", 1, 1, Request)
            .Add(1, 'S', "A", 1, Q, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.OTH, "Da", CloseKind.Open, Side.None, Side.None, Side.None, Side.None), CloseFacts.Of(r));
        Assert.True(r.RoleGuessed);
        Assert.Equal((SegmentTable.DefaultClientPort, SegmentTable.DefaultServerPort), (r.ClientPort, r.ServerPort));
        Assert.Equal(new HandshakeFacts(null, null, null, null, 0, 0), HandshakeFacts.Of(r));
        Assert.Equal(1, r.HttpRequests);
    }

    [Fact]
    public void Process_MidStreamFromServer_OthRoleGuessedFlipped()
    {
        // Arrange: no SYN seen; the first packet comes from port 80, which the rule makes the server.
        SegmentTable table = new SegmentTable()
            .Add(0, 'S', "PA", 1, 1, Response)
            .Add(1, 'C', "A", 1, P, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(new CloseFacts(ZeekConnState.OTH, "^dA", CloseKind.Open, Side.None, Side.None, Side.None, Side.None), CloseFacts.Of(r));
        Assert.True(r.RoleGuessed);
        Assert.Equal((SegmentTable.ClientIp, SegmentTable.DefaultClientPort), (r.ClientIp, r.ClientPort));
    }

    public static TheoryData<ushort, ushort, ushort> GuessedServerPorts => new()
    {
        // first sender's port, receiver's port, expected server port
        { 50000, 8080, 8080 },   // only 8080 is outside 32768-60999
        { 8080, 50000, 8080 },
        { 5000, 443, 443 },      // neither ephemeral: the lower port
        { 443, 5000, 443 },
        { 40000, 50000, 40000 }, // both ephemeral: the lower port
        { 61000, 40000, 61000 }, // 61000 is above the Linux range
        { 32767, 32768, 32767 },
        { 60999, 61000, 61000 },
    };

    [Theory]
    [MemberData(nameof(GuessedServerPorts))]
    public void Process_MidStream_ServerIsNonEphemeralElseLowerPort(ushort senderPort, ushort receiverPort, ushort expectedServerPort)
    {
        // Arrange: the "client" of the table sends the first data segment from senderPort.
        SegmentTable table = new SegmentTable(clientPort: senderPort, serverPort: receiverPort)
            .Add(0, 'C', "PA", 1, 1, 10)
            .Add(1, 'S', "A", 1, 11, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        bool flipped = expectedServerPort == senderPort;
        Assert.Equal(expectedServerPort, r.ServerPort);
        Assert.Equal(flipped ? "^dA" : "Da", r.History);
        Assert.True(r.RoleGuessed);
    }
}
