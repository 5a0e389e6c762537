using WireLens.Analysis.Connections;
using WireLens.UnitTests.Http;
using WireLens.UnitTests.Tls;
using WireLens.Wire;
using static WireLens.UnitTests.Analysis.Scenarios;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for <see cref="ConnectionRecord.RequestSeconds"/>: requests (HTTP/1 request lines, h2 HEADERS
/// opening a stream, TLS client bursts) per second of packet time since the tracker's
/// <see cref="ConnectionTracker.TimeOrigin"/>, in time order, one entry per second with requests.
/// </summary>
public class ConnectionTrackerRequestSecondsTests
{
    /// <summary>Handshake at <paramref name="at"/>, then each text as one client segment, sequence numbers following on.</summary>
    private static SegmentTable ClientSends(SegmentTable table, double at, params (double Ms, string Text)[] segments)
    {
        table.Handshake(at);
        long seq = 1;
        foreach ((double ms, string text) in segments)
        {
            table.Add(ms, 'C', "PA", seq, 1, text);
            seq += text.Length;
        }

        return table;
    }

    private static SegmentTable ClientSends(params (double Ms, string Text)[] segments) => ClientSends(new SegmentTable(), 0, segments);

    private static SecondCount[] Seconds(params (int Second, int Count)[] entries) => [.. entries.Select(e => new SecondCount(e.Second, e.Count))];

    /// <summary>The record's seconds, after checking they add up to its request count.</summary>
    private static IReadOnlyList<SecondCount> SecondsOf(ConnectionRecord r, int requests)
    {
        Assert.Equal(requests, r.RequestSeconds.Sum(s => s.Count));
        return r.RequestSeconds;
    }

    [Fact]
    public void Process_RequestsAcrossSecondBoundaries_OneEntryPerSecondFromFirstSegment()
    {
        // Arrange: no origin given, so the SYN at 0 ms is time zero; nothing is sent in second 2.
        SegmentTable table = ClientSends((10, Request), (999.999, Request), (1000, Request), (1500, Request), (3200, Request));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(5, r.HttpRequests);
        Assert.Equal(Seconds((0, 2), (1, 2), (3, 1)), SecondsOf(r, 5));
    }

    [Fact]
    public void Process_NoOriginGiven_FirstSegmentTimeIsZeroNotItsWholeSecond()
    {
        // Arrange: the first segment (SYN) comes at 700 ms, so 1200 ms is 0.5 s in and 1700 ms is 1.0 s in.
        SegmentTable table = ClientSends(new SegmentTable(), 700, (1200, Request), (1700, Request));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(Seconds((0, 1), (1, 1)), SecondsOf(r, 2));
    }

    [Fact]
    public void Process_ExplicitOriginBeforeFirstSegment_SecondsCountedFromOrigin()
    {
        // Arrange: the capture began 2.5 s before this connection's SYN.
        SegmentTable table = ClientSends((10, Request), (600, Request), (1400, Request));
        Timestamp origin = SegmentTable.Base.AddSeconds(-2.5);

        // Act
        ConnectionRecord r = table.Run(timeOrigin: origin).Single;

        // Assert
        Assert.Equal(Seconds((2, 1), (3, 2)), SecondsOf(r, 3));
    }

    [Fact]
    public void Process_RequestsBeforeOrigin_NegativeSecondsRoundedDown()
    {
        // Arrange: the origin is 1.5 s after the SYN: -1.49 s is second -2, -1.0 s and -0.001 s are second -1.
        SegmentTable table = ClientSends((10, Request), (500, Request), (1499, Request), (1500, Request));
        Timestamp origin = SegmentTable.Base.AddSeconds(1.5);

        // Act
        ConnectionRecord r = table.Run(timeOrigin: origin).Single;

        // Assert
        Assert.Equal(Seconds((-2, 1), (-1, 2), (0, 1)), SecondsOf(r, 4));
    }

    [Fact]
    public void Process_LaterConnection_SecondsFromTrackerOriginNotItsOwnStart()
    {
        // Arrange: connection A starts at 0 ms, connection B at 3000 ms on another port.
        var table = new SegmentTable();
        ClientSends(table, 0, (10, Request));
        ClientSends(table.Connection(2_000, 6_000, clientPort: 50001), 3000, (3010, Request), (4100, Request));

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.Equal(Seconds((0, 1)), SecondsOf(run.Records[0], 1));
        Assert.Equal(Seconds((3, 1), (4, 1)), SecondsOf(run.Records[1], 2));
    }

    [Fact]
    public void Process_PipelinedRequestsInOneSegment_CountedInOneSecond()
    {
        // Arrange: one request at 10 ms, then three pipelined in one segment at 1200 ms.
        SegmentTable table = ClientSends((10, Request), (1200, Request + Request + Request));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(4, r.HttpRequests);
        Assert.Equal(Seconds((0, 1), (1, 3)), SecondsOf(r, 4));
    }

    [Fact]
    public void Process_RequestLineSplitAcrossSecond_CountedWhenLineCompletes()
    {
        // Arrange: "GET / HT" at 900 ms, the rest of the request at 1100 ms.
        SegmentTable table = ClientSends((900, Request[..8]), (1100, Request[8..]));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(Seconds((1, 1)), SecondsOf(r, 1));
    }

    [Fact]
    public void Process_SecondRequestArrivesBeforeFirst_EntriesInTimeOrder()
    {
        // Arrange: the second request's segment (800 ms) waits behind a hole that the first request's segment fills
        // at 1200 ms; each request is counted at the time of the segment that carried it.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(800, 'C', "PA", Q, 1, Request)
            .Add(1200, 'C', "PA", 1, 1, Request);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(2, r.HttpRequests);
        Assert.Equal(Seconds((0, 1), (1, 1)), SecondsOf(r, 2));
    }

    [Fact]
    public void Process_CaptureClockStepsBack_EntriesInTimeOrderOnePerSecond()
    {
        // Arrange: capture timestamps need not increase (several capture queues): the third request is stamped
        // 950 ms, after one stamped 1100 ms.
        SegmentTable table = ClientSends((10, Request), (1100, Request), (950, Request), (2100, Request));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(Seconds((0, 2), (1, 1), (2, 1)), SecondsOf(r, 4));
    }

    [Fact]
    public void Process_H2cHeadersFrames_CountedPerNewStream()
    {
        // Arrange: prior-knowledge h2c; stream 1 at 10 ms; stream 3 at 1100 ms; its trailers, streams 5 and 7 at 1200.
        byte[] first = [.. H2Frames.Preface, .. H2Frames.InitialSettings, .. H2Frames.GetHeaders(1, H2Frames.EndStream)];
        byte[] second = H2Frames.GetHeaders(3);
        byte[] third =
        [
            .. H2Frames.Frame(H2Frames.Headers, H2Frames.EndHeaders | H2Frames.EndStream, 3, [0x40]),   // trailers: not a request
            .. H2Frames.GetHeaders(5, H2Frames.EndStream),
            .. H2Frames.GetHeaders(7, H2Frames.EndStream),
        ];
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, first.Length, payload: first)
            .Add(1100, 'C', "PA", 1 + first.Length, 1, second.Length, payload: second)
            .Add(1200, 'C', "PA", 1 + first.Length + second.Length, 1, third.Length, payload: third);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((HttpProtocolKind.H2c, (int?)4), (r.HttpProtocol, r.HttpRequests));
        Assert.Equal(Seconds((0, 1), (1, 3)), SecondsOf(r, 4));
    }

    [Fact]
    public void Process_TlsClientBursts_CountedInTheirSeconds()
    {
        // Arrange: the handshake ends in second 1 (client Finished at 1014 ms) and counts nothing; bursts start at
        // 2016 and 2200 ms (second 2) and 3500 ms (second 3); the record at 3600 ms, before any answer, is in the
        // same burst.
        SegmentTable table = ConnectionTrackerTlsTests.Conversation(
            443,
            (10, 'C', TlsTestVectors.ClientHelloTls13),
            (12, 'S', [.. TlsTestVectors.ServerHelloTls13, .. ChangeCipherSpec(), .. ApplicationData(900)]),
            (1014, 'C', [.. ChangeCipherSpec(), .. ApplicationData(53)]),
            (2016, 'C', ApplicationData(80)),
            (2017, 'S', ApplicationData(300)),
            (2200, 'C', ApplicationData(80)),
            (2201, 'S', ApplicationData(300)),
            (3500, 'C', ApplicationData(80)),
            (3600, 'C', ApplicationData(80)),
            (3601, 'S', ApplicationData(300)));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(3, r.Tls!.RequestsEstimated);
        Assert.Null(r.HttpRequests);
        Assert.Equal(Seconds((2, 2), (3, 1)), SecondsOf(r, 3));
    }

    [Fact]
    public void Process_NoRequests_Empty()
    {
        // Arrange: a handshake only, then a connection whose client bytes are not HTTP.
        SegmentTable table = new SegmentTable().Handshake()
            .Connection(2_000, 6_000, clientPort: 50001).Handshake(10)
            .Add(20, 'C', "PA", 1, 1, "SSH-2.0-OpenSSH_9.2\r\n");

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.All(run.Records, r => Assert.Empty(r.RequestSeconds));
    }
}
