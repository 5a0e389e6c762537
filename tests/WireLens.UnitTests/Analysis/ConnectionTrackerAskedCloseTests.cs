using WireLens.Analysis.Connections;
using WireLens.UnitTests.Http;
using static WireLens.UnitTests.Analysis.Scenarios;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for who asked to close: <see cref="ConnectionRecord.ClientAskedClose"/> (a request with
/// "Connection: close", or HTTP/1.0 without "Connection: keep-alive") and <see cref="ConnectionRecord.ServerAskedClose"/>
/// (a response with "Connection: close"); both null when the connection is not HTTP/1.
/// </summary>
public class ConnectionTrackerAskedCloseTests
{
    private const string Ok11 = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    /// <summary>Handshake, the client's bytes at 10 ms, the server's at 12 ms and the client's ACK; left open.</summary>
    private static SegmentTable HttpExchange(string request, string response)
    {
        int q = 1 + request.Length;
        int p = 1 + response.Length;
        return new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, request)
            .Add(11, 'S', "A", 1, q, 0)
            .Add(12, 'S', "PA", 1, q, response)
            .Add(13, 'C', "A", q, p, 0);
    }

    public static TheoryData<string, string, bool, bool> Http1Cases => new()
    {
        // request, response, client asked close, server asked close
        { "GET / HTTP/1.1\r\nHost: a\r\n\r\n", Ok11, false, false },
        { "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", Ok11, true, false },
        { "GET / HTTP/1.1\r\nHost: a\r\nconnection: CLOSE\r\n\r\n", Ok11, true, false },          // names and tokens ignore case
        { "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n", Ok11, false, false },
        { "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, close\r\n\r\n", Ok11, true, false }, // a token in a list
        { "GET / HTTP/1.1\r\nHost: a\r\nConnection: close, Upgrade\r\n\r\n", Ok11, true, false },
        { "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", Ok11, true, false }, // two lines
        { "GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n", Ok11, false, false },         // a token, not a substring
        { "GET / HTTP/1.1\r\nHost: a\r\nX-Connection: close\r\n\r\n", Ok11, false, false },
        { "GET / HTTP/1.0\r\n\r\n", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", true, false }, // HTTP/1.0's default
        { "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", Ok11, false, false },
        { "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", Ok11, false, false },
        { "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", Ok11, true, false },
        { "GET / HTTP/1.0\r\nConnection: x-keep-alive\r\n\r\n", Ok11, true, false },
        { "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", false, true },
        { "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\nok", false, true },
        { "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", false, false },
        { "GET / HTTP/1.1\r\nHost: a\r\n\r\n", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false, false }, // only the header counts
        { "GET / HTTP/1.0\r\n\r\n", "HTTP/1.0 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", true, true },
    };

    [Theory]
    [MemberData(nameof(Http1Cases))]
    public void Process_Http1Exchange_AskedCloseFromHeadersAndVersion(string request, string response, bool client, bool server)
    {
        // Arrange
        SegmentTable table = HttpExchange(request, response);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(1, r.HttpRequests);
        Assert.Equal(((bool?)client, (bool?)server), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_PipelinedRequestsLastAsksClose_ClientAskedClose()
    {
        // Arrange: three pipelined requests in one segment; only the last one asks to close.
        const string keep = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n";
        const string close = "GET /c HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
        SegmentTable table = HttpExchange(keep + keep + close, Ok11 + Ok11 + Ok11);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(3, r.HttpRequests);
        Assert.Equal(((bool?)true, (bool?)false), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_Http10KeepAliveThenHttp10Without_ClientAskedClose()
    {
        // Arrange: the first request's keep-alive does not carry over to the second one.
        SegmentTable table = HttpExchange(
            "GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n",
            "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok");

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(2, r.HttpRequests);
        Assert.Equal(((bool?)true, (bool?)false), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_CloseOnSecondResponseOnly_ServerAskedClose()
    {
        // Arrange: two keep-alive exchanges; the second response announces the close.
        const string closing = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
        SegmentTable table = HttpExchange(Request + Request, Ok11 + closing);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(((bool?)false, (bool?)true), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_ClientPayloadNotHttp_AskedCloseNull()
    {
        // Arrange: an SSH banner with "Connection: close" later in the stream.
        SegmentTable table = HttpExchange("SSH-2.0-OpenSSH_9.2\r\nConnection: close\r\n\r\n", "SSH-2.0-OpenSSH_9.6\r\n");

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Null(r.HttpRequests);
        Assert.Equal(((bool?)null, (bool?)null), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_HandshakeOnly_AskedCloseNull()
    {
        // Arrange
        SegmentTable table = new SegmentTable().Handshake();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(((bool?)null, (bool?)null), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_TlsConnection_AskedCloseNull()
    {
        // Arrange
        SegmentTable table = ConnectionTrackerTlsTests.Conversation(443, (10, 'C', Tls.TlsTestVectors.ClientHelloTls13));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.NotNull(r.Tls);
        Assert.Equal(((bool?)null, (bool?)null), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_H2cPriorKnowledge_AskedCloseNull()
    {
        // Arrange: HTTP/2 from the first byte; HTTP/2 has no Connection header (RFC 9113 section 8.2.2).
        byte[] client = [.. H2Frames.Preface, .. H2Frames.InitialSettings, .. H2Frames.GetHeaders(1, H2Frames.EndStream)];
        byte[] server = [.. H2Frames.InitialSettings, .. H2Frames.Frame(H2Frames.Headers, H2Frames.EndHeaders | H2Frames.EndStream, 1, [0x88])];
        SegmentTable table = new SegmentTable().Handshake()
            .Add(10, 'C', "PA", 1, 1, client.Length, payload: client)
            .Add(12, 'S', "PA", 1, 1 + client.Length, server.Length, payload: server);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal((HttpProtocolKind.H2c, (int?)1), (r.HttpProtocol, r.HttpRequests));
        Assert.Equal(((bool?)null, (bool?)null), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_H2cUpgradeAccepted_AskedCloseNullLikeProtocol()
    {
        // Arrange: an HTTP/1.1 Upgrade: h2c request the server accepts with 101; the connection then speaks HTTP/2,
        // and the record's protocol says h2c.
        const string upgrade = "GET / HTTP/1.1\r\nHost: up\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n";
        const string switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
        SegmentTable table = HttpExchange(upgrade, switching);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(HttpProtocolKind.H2c, r.HttpProtocol);
        Assert.Equal(((bool?)null, (bool?)null), (r.ClientAskedClose, r.ServerAskedClose));
    }

    [Fact]
    public void Process_H2cUpgradeRefused_AskedCloseFromHttp1Headers()
    {
        // Arrange: the server ignores the upgrade and answers in HTTP/1.1 with "Connection: close".
        const string upgrade = "GET / HTTP/1.1\r\nHost: up\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n";
        SegmentTable table = HttpExchange(upgrade, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(HttpProtocolKind.Http11, r.HttpProtocol);
        Assert.Equal(((bool?)false, (bool?)true), (r.ClientAskedClose, r.ServerAskedClose));
    }
}
