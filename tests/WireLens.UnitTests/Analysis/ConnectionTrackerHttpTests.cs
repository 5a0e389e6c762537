using WireLens.Analysis.Connections;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>Segment tables for the HTTP columns over reassembled streams: reordering and content gaps.</summary>
public class ConnectionTrackerHttpTests
{
    /// <summary>The request cut in three: [0,16) the request line, [16,32), [32,end).</summary>
    private static readonly int[] s_cuts = [0, 16, 32, Request.Length];

    private static SegmentTable RequestParts(string order, double gapMs)
    {
        SegmentTable table = new SegmentTable().Handshake();
        double t = 10;
        foreach (char c in order)
        {
            int part = c - '1';
            table.Add(t, 'C', "PA", 1 + s_cuts[part], 1, Request[s_cuts[part]..s_cuts[part + 1]]);
            t += gapMs;
        }

        return table
            .Add(20, 'S', "A", 1, Q, 0)
            .Add(21, 'S', "PA", 1, Q, Response)
            .Add(22, 'C', "A", Q, P, 0);
    }

    [Fact]
    public void Process_RequestPartsArrive213_OneRequestOutOfOrderAndLost()
    {
        // Arrange: parts 2, 1, 3, 0.5 ms apart.
        SegmentTable table = RequestParts("213", 0.5);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((1, HttpProtocolKind.Http11, "table", "test"), (r.HttpRequests, r.HttpProtocol, r.UserAgent, r.HttpHost));
        Assert.Equal((false, false), (r.ClientStreamLost, r.ServerStreamLost));
        Assert.Equal(new Verdicts(OutOfOrder: 1, LostSegments: 1), Verdicts.Of(r));
        Assert.DoesNotContain('G', r.History);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("132")]
    [InlineData("213")]
    [InlineData("231")]
    [InlineData("312")]
    [InlineData("321")]
    [InlineData("1213")]
    [InlineData("3213")]
    public void Process_RequestPartsInAnyOrder_CountedOnce(string order)
    {
        // Arrange
        SegmentTable table = RequestParts(order, 1);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((1, "table", false), (r.HttpRequests, r.UserAgent, r.ClientStreamLost));
        Assert.Equal(Response.Length, r.ServerBytes);
    }

    [Fact]
    public void Process_AckedPartNeverSeen_ClientStreamLostAndUpperG()
    {
        // Arrange: parts 1 and 3 only; the server acknowledges the whole request.
        SegmentTable table = RequestParts("13", 0.5);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((true, false), (r.ClientStreamLost, r.ServerStreamLost));
        Assert.Equal("ShADaGd", r.History);
        Assert.Equal(new Verdicts(LostSegments: 1, AckedUnseen: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_HoleNeverFilledNorAcked_LostAtRelease()
    {
        // Arrange: parts 1 and 3 only and no ACK from the server: the hole is still open when the capture ends.
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, Request[..16])
            .Add(11, 'C', "PA", 33, 1, Request[32..]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.True(r.ClientStreamLost);
        Assert.Equal("ShADG", r.History);
        Assert.Equal(new Verdicts(LostSegments: 1), Verdicts.Of(r));
    }

    [Fact]
    public void Process_TwoRequestsOnOneConnection_CountsTwo()
    {
        // Arrange: keep-alive, a second request after the first response.
        int q2 = Q + Request.Length;
        int p2 = P + Response.Length;
        SegmentTable table = new SegmentTable().Exchange()
            .Add(20, 'C', "PA", Q, P, Request)
            .Add(21, 'S', "PA", P, q2, Response)
            .Add(22, 'C', "A", q2, p2, 0);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(2, r.HttpRequests);
        Assert.Equal(new Verdicts(), Verdicts.Of(r));
    }

    [Fact]
    public void Process_HandshakeWithoutClientPayload_ZeroRequests()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Handshake();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((0, HttpProtocolKind.None), (r.HttpRequests, r.HttpProtocol));
    }

    [Fact]
    public void Process_ClientPayloadNotHttp_NullRequests()
    {
        // Arrange: a TLS ClientHello record header, not HTTP.
        SegmentTable table = new SegmentTable(serverPort: 443).Handshake()
            .Add(10, 'C', "PA", 1, 1, 5, payload: [0x16, 0x03, 0x01, 0x02, 0x00]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(((int?)null, HttpProtocolKind.None), (r.HttpRequests, r.HttpProtocol));
    }

    [Fact]
    public void Process_RecycledConnections_EachStartsItsHttpAnew()
    {
        // Arrange: connections 5 s apart, so each is released (closed, 2 s linger) and its object recycled for the
        // next: h2c; HTTP/1.1 left inside a header line and lost; a request line that is not HTTP; then a plain one.
        string h2c = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
        string cut = "GET /a HTTP/1.0\r\nUser-Agent: first\r\nHost: par";
        string notHttp = "SSH-2.0-OpenSSH_9.2\r\n";
        var table = new SegmentTable();
        string[] payloads = [h2c, cut, notHttp, Request];
        for (int i = 0; i < payloads.Length; i++)
        {
            double at = i * 5_000;
            int q = 1 + payloads[i].Length;
            table.Connection(1_000u + (uint)i * 100_000, 5_000u + (uint)i * 100_000, (ushort)(50_000 + i))
                .Handshake(at)
                .Add(at + 10, 'C', "PA", 1, 1, payloads[i])
                .Add(at + 11, 'S', "A", 1, q, 0)
                .Add(at + 20, 'C', "FA", q, 1, 0)
                .Add(at + 21, 'S', "FA", 1, q + 1, 0)
                .Add(at + 22, 'C', "A", q + 1, 2, 0);
        }

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.Equal(4, run.Records.Count);
        Assert.Equal((0, HttpProtocolKind.H2c, (string?)null), (run.Records[0].HttpRequests, run.Records[0].HttpProtocol, run.Records[0].UserAgent));
        Assert.Equal((1, HttpProtocolKind.Http10, "first", (string?)null), (run.Records[1].HttpRequests, run.Records[1].HttpProtocol, run.Records[1].UserAgent, run.Records[1].HttpHost));
        Assert.Equal(((int?)null, HttpProtocolKind.None, (string?)null), (run.Records[2].HttpRequests, run.Records[2].HttpProtocol, run.Records[2].UserAgent));
        Assert.Equal((1, HttpProtocolKind.Http11, "table", "test", false), (run.Records[3].HttpRequests, run.Records[3].HttpProtocol, run.Records[3].UserAgent, run.Records[3].HttpHost, run.Records[3].ConnectionClose));
    }

    [Fact]
    public void Process_SuccessiveConnections_EachRecordKeepsItsOwnStrings_EqualOnesShared()
    {
        // Arrange: one connection after another on new ports. Records hand out the last record's strings again when
        // the text is the same: equal lengths with other letters, a Latin-1 byte that is not ASCII, and a history
        // that differs (no FIN on the fourth) must each come back as sent.
        string[] agents = ["tool/1.0", "tool/1.0", "tool/2.0", "t\u00e9ol/1.0", "t\u00e9ol/1.0", "tool/1.0"];
        var table = new SegmentTable();
        for (int i = 0; i < agents.Length; i++)
        {
            string request = $"GET / HTTP/1.1\r\nUser-Agent: {agents[i]}\r\nHost: h{agents[i].Length}\r\n\r\n";
            int q = 1 + request.Length;
            double at = i * 100;
            table.Connection(1_000 * (uint)(i + 1), 9_000, clientPort: (ushort)(40_000 + i))
                .Handshake(at)
                .Add(at + 10, 'C', "PA", 1, 1, request)
                .Add(at + 11, 'S', "A", 1, q, 0);
            if (i != 3)
            {
                table.Add(at + 20, 'C', "FA", q, 1, 0).Add(at + 21, 'S', "FA", 1, q + 1, 0).Add(at + 22, 'C', "A", q + 1, 2, 0);
            }
        }

        // Act
        SegmentRun run = table.Run();

        // Assert
        Assert.Equal(agents, run.Records.Select(r => r.UserAgent));
        Assert.Equal(agents.Select(a => $"h{a.Length}"), run.Records.Select(r => r.HttpHost));
        Assert.Equal(["ShADaFf", "ShADaFf", "ShADaFf", "ShADa", "ShADaFf", "ShADaFf"], run.Records.Select(r => r.History));
        Assert.Same(run.Records[0].UserAgent, run.Records[1].UserAgent);
        Assert.Same(run.Records[1].History, run.Records[2].History);
        Assert.NotSame(run.Records[3].UserAgent, run.Records[4].UserAgent); // not ASCII: not compared, a new string
    }
}
