using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Recycled connection objects (TcpConnection.Pooling.cs) start every per-connection fact anew: TIME_WAIT times,
/// the keep-alive race, who asked to close, payload frame counts and requests per second.
/// </summary>
public class ConnectionTrackerRecycleTests
{
    private const string Request10 = "GET / HTTP/1.0\r\nHost: a\r\n\r\n";
    private const string ClosingResponse = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";

    /// <summary>
    /// Four connections 5 s apart on their own ports, so each is released (closed, 2 s linger) before the next one's
    /// SYN and its object is reused: a keep-alive race with a retransmission and requests in seconds 0 and 1; an
    /// HTTP/1.0 exchange where both sides ask to close and the client closes first; a keep-alive exchange the server
    /// closes first; a handshake the server resets (a race only if the first connection's client data after the
    /// server's FIN were remembered).
    /// </summary>
    private static SegmentTable FourConnections()
    {
        int q10 = 1 + Request10.Length;
        int pClose = 1 + ClosingResponse.Length;
        return new SegmentTable()
            .Connection(1_000, 5_000, clientPort: 50000).Handshake()
            .Add(10, 'C', "PA", 1, 1, Request)
            .Add(210, 'C', "PA", 1, 1, Request)
            .Add(211, 'S', "A", 1, Q, 0)
            .Add(212, 'S', "PA", 1, Q, Response)
            .Add(213, 'C', "A", Q, P, 0)
            .Add(1000, 'S', "FA", P, Q, 0)
            .Add(1000.5, 'C', "PA", Q, P, Request)
            .Add(1001, 'S', "R", P + 1, 0, 0)
            .Connection(101_000, 105_000, clientPort: 50001).Handshake(5_000)
            .Add(5_010, 'C', "PA", 1, 1, Request10)
            .Add(5_011, 'S', "PA", 1, q10, ClosingResponse)
            .Add(5_012, 'C', "A", q10, pClose, 0)
            .Add(5_020, 'C', "FA", q10, pClose, 0)
            .Add(5_021, 'S', "FA", pClose, q10 + 1, 0)
            .Add(5_022, 'C', "A", q10 + 1, pClose + 1, 0)
            .Connection(201_000, 205_000, clientPort: 50002).Exchange(10_000)
            .Add(10_020, 'S', "FA", P, Q, 0)
            .Add(10_021, 'C', "FA", Q, P + 1, 0)
            .Add(10_022, 'S', "A", P + 1, Q + 1, 0)
            .Connection(301_000, 305_000, clientPort: 50003).Handshake(15_000)
            .Add(15_005, 'S', "R", 1, 0, 0);
    }

    /// <summary>The facts this suite is about, times in milliseconds after <see cref="SegmentTable.Base"/>.</summary>
    private sealed record NewFacts(
        double? ClientTimeWaitMs,
        double? ServerTimeWaitMs,
        bool KeepAliveRace,
        bool? ClientAskedClose,
        bool? ServerAskedClose,
        long PayloadFrames,
        long RetransmittedPayloadFrames,
        string RequestSeconds)
    {
        public static NewFacts Of(ConnectionRecord r) => new(
            HandshakeFacts.Ms(r.ClientTimeWaitTime),
            HandshakeFacts.Ms(r.ServerTimeWaitTime),
            r.KeepAliveRace,
            r.ClientAskedClose,
            r.ServerAskedClose,
            r.PayloadFrames,
            r.RetransmittedPayloadFrames,
            string.Join(' ', r.RequestSeconds.Select(s => $"{s.Second}:{s.Count}")));
    }

    [Fact]
    public void Process_RecycledConnections_NewFactsStartAnew()
    {
        // Arrange
        SegmentTable table = FourConnections();

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.Equal(4, run.Records.Count);
        Assert.Equal(4L, run.Statistics.ReleasedClosed);
        Assert.Equal(new NewFacts(null, null, true, false, false, 4, 1, "0:1 1:1"), NewFacts.Of(run.Records[0]));
        Assert.Equal(new NewFacts(5_022, null, false, true, true, 2, 0, "5:1"), NewFacts.Of(run.Records[1]));
        Assert.Equal(new NewFacts(null, 10_022, false, false, false, 2, 0, "10:1"), NewFacts.Of(run.Records[2]));
        Assert.Equal(new NewFacts(null, null, false, null, null, 0, 0, ""), NewFacts.Of(run.Records[3]));
    }

    [Fact]
    public void Process_RecycledConnectionsWithOrigin_SecondsFromTrackerOrigin()
    {
        // Arrange: the same connections with the origin 1 s before the first SYN.
        SegmentTable table = FourConnections();

        // Act
        SegmentRun run = table.Run(timeOrigin: SegmentTable.Base.AddSeconds(-1));

        // Assert
        Assert.Equal(
            [[new SecondCount(1, 1), new SecondCount(2, 1)], [new SecondCount(6, 1)], [new SecondCount(11, 1)], []],
            run.Records.Select(r => r.RequestSeconds.ToArray()));
    }
}
