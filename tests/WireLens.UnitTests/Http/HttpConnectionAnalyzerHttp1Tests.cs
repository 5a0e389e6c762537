using WireLens.Analysis.Http;
using static WireLens.UnitTests.Http.HttpScript;

namespace WireLens.UnitTests.Http;

public class HttpConnectionAnalyzerHttp1Tests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: example\r\n\r\n";
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    private const string OkClose = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";

    [Fact]
    public void Get_OneRequestAndResponse_CountsOneAndKeepsHostAndUserAgent()
    {
        // Arrange
        HttpEvent[] script =
        [
            Client("GET /index.html HTTP/1.1\r\nHost:  127.0.0.1:8080 \r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n"),
            Server("HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 5\r\n\r\nhello"),
        ];

        // Act
        HttpOutcome outcome = Run(script);

        // Assert
        Assert.Equal(
            new HttpOutcome(HttpProtocol.Http11, 1, "curl/7.88.1", "127.0.0.1:8080", false, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void Get_SuccessiveConnectionsWithValuesOfOneLength_EachKeepsItsOwn()
    {
        // The values are kept as bytes in buffers reused from one connection to the next: equal lengths, different
        // bytes, and a Latin-1 byte that is not ASCII must each come back as sent.
        string[] agents = ["tool/1.0", "tool/2.0", "t\u00e9ol/1.0", "tool/1.0", "t\u00e9ol/1.0"];
        foreach (string agent in agents)
        {
            HttpOutcome outcome = Run([Client($"GET / HTTP/1.1\r\nUser-Agent: {agent}\r\nHost: h{agent.Length}\r\n\r\n")]);

            Assert.Equal(agent, outcome.FirstUserAgent);
            Assert.Equal($"h{agent.Length}", outcome.FirstHost);
        }
    }

    [Fact]
    public void Get_UserAgentWithObsText_DecodedAsLatin1()
    {
        HttpOutcome outcome = Run([Client("GET / HTTP/1.1\r\nUser-Agent: t\u00e9st\r\nHost: h\r\nUser-Agent: second\r\n\r\n")]);

        Assert.Equal("t\u00e9st", outcome.FirstUserAgent);
        Assert.Equal("h", outcome.FirstHost);
    }

    [Fact]
    public void KeepAlive_ThreeExchanges_CountsThreeAndKeepsFirstHost()
    {
        HttpOutcome outcome = Run(
        [
            Client("GET /1 HTTP/1.1\r\nHost: first\r\n\r\n"),
            Server(Ok),
            Client("GET /2 HTTP/1.1\r\nHost: second\r\nUser-Agent: late\r\n\r\n"),
            Server(Ok),
            Client("GET /3 HTTP/1.1\r\nHost: third\r\n\r\n"),
            Server(OkClose),
        ]);

        Assert.Equal(3, outcome.Requests);
        Assert.Equal("first", outcome.FirstHost);
        Assert.Null(outcome.FirstUserAgent);
        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void Pipelined_FourRequestsInOneChunk_CountsFour()
    {
        HttpOutcome outcome = Run(
        [
            Client(Get + Get + "POST /p HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc" + Get),
            Server(Ok + Ok + Ok + OkClose),
        ]);

        Assert.Equal(4, outcome.Requests);
        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ClientError);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void Post_ContentLengthBodyHoldingARequestLine_BodyNotCounted()
    {
        // The 34-byte body is itself a complete request: it must be skipped, not parsed.
        HttpOutcome outcome = Run(
        [
            Client("POST /upload HTTP/1.1\r\nContent-Length: 34\r\n\r\n" + "GET /evil HTTP/1.1\r\nHost: evil\r\n\r\n" + Get),
        ]);

        Assert.Equal(2, outcome.Requests);
        Assert.Null(outcome.FirstHost);
        Assert.Null(outcome.ClientError);
    }

    [Fact]
    public void Post_ChunkedBodyWithExtensionsAndTrailers_NextRequestCounted()
    {
        HttpOutcome outcome = Run(
        [
            Client(
                "POST /c HTTP/1.1\r\nHost: c\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "5;name=value\r\nGET /\r\n"          // chunk-size with a chunk-ext; data that looks like a line
                + "A ; quoted=\"x;y\"\r\n0123456789\r\n" // upper-case hex, BWS before the extension
                + "000\r\n"                             // last-chunk: 1*("0")
                + "Trailer-One: 1\r\nExpires: never\r\n\r\n"
                + Get),
            Server(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n0\r\n\r\n" + OkClose),
        ]);

        Assert.Equal(2, outcome.Requests);
        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ClientError);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void Head_ResponseWithContentLengthButNoBody_NextResponseFramed()
    {
        // Pipelined: HEAD, GET, HEAD. The HEAD responses announce 1000 bytes but carry none (RFC 9112 section 6.3).
        HttpOutcome outcome = Run(
        [
            Client("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n" + Get + "HEAD /x HTTP/1.1\r\n\r\n"),
            Server(
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                + Ok
                + "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                + OkClose),
        ]);

        Assert.Equal(3, outcome.Requests);
        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ServerError);
    }

    [Theory]
    [InlineData("204 No Content")]
    [InlineData("304 Not Modified")]
    public void Response_NoContentStatusWithContentLength_NextResponseFramed(string status)
    {
        HttpOutcome outcome = Run(
        [
            Client(Get + Get),
            Server($"HTTP/1.1 {status}\r\nContent-Length: 1000\r\n\r\n" + OkClose),
        ]);

        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void Response_InterimContinueThenFinal_BothParsed()
    {
        HttpOutcome outcome = Run(
        [
            Client("PUT /f HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi" + "HEAD / HTTP/1.1\r\n\r\n"),
            Server("HTTP/1.1 100 Continue\r\n\r\n" + Ok + "HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n"),
        ]);

        Assert.Equal(2, outcome.Requests);
        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ServerError);
    }

    [Theory]
    [InlineData("Connection: close")]
    [InlineData("connection: keep-alive, Close")]
    [InlineData("Connection: TE,close ")]
    public void ConnectionClose_TokenFromClient_Detected(string field)
    {
        HttpOutcome outcome = Run([Client($"GET / HTTP/1.1\r\n{field}\r\n\r\n"), Server(Ok)]);

        Assert.True(outcome.ConnectionClose);
    }

    [Theory]
    [InlineData("Connection: close")]
    [InlineData("Connection: keep-alive, close")]
    public void ConnectionClose_TokenFromServer_Detected(string field)
    {
        HttpOutcome outcome = Run([Client(Get), Server($"HTTP/1.1 200 OK\r\n{field}\r\nContent-Length: 0\r\n\r\n")]);

        Assert.True(outcome.ConnectionClose);
    }

    [Theory]
    [InlineData("Connection: keep-alive")]
    [InlineData("Connection: closed")]
    [InlineData("X-Connection: close")]
    public void ConnectionClose_NoCloseToken_NotDetected(string field)
    {
        HttpOutcome outcome = Run([Client($"GET / HTTP/1.1\r\n{field}\r\n\r\n"), Server(Ok)]);

        Assert.False(outcome.ConnectionClose);
    }

    [Fact]
    public void Http10_RequestWithoutKeepAlive_ProtocolHttp10AndNoCloseFlag()
    {
        // An HTTP/1.0 response without Content-Length is delimited by the close: the server side stops quietly.
        HttpOutcome outcome = Run(
        [
            Client("GET / HTTP/1.0\r\nHost: old\r\nUser-Agent: ApacheBench/2.3\r\n\r\n"),
            Server("HTTP/1.0 200 OK\r\n\r\nbody until close HTTP/1.1 200"),
        ]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.Http10, 1, "ApacheBench/2.3", "old", false, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void BareLf_LineEndsEverywhere_ParsedLikeCrLf()
    {
        HttpOutcome outcome = Run(
        [
            Client("GET / HTTP/1.1\nHost: lf\n\nPOST / HTTP/1.1\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n" + Get),
            Server("HTTP/1.1 200 OK\nContent-Length: 2\n\nok" + "HTTP/1.1 200 OK\nConnection: close\nContent-Length: 0\n\n"),
        ]);

        Assert.Equal(3, outcome.Requests);
        Assert.Equal("lf", outcome.FirstHost);
        Assert.True(outcome.ConnectionClose);
        Assert.Null(outcome.ClientError);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void EmptyLinesBeforeRequest_Ignored()
    {
        HttpOutcome outcome = Run([Client("\r\n" + Get + "\r\n" + Get)]);

        Assert.Equal(2, outcome.Requests);
        Assert.Null(outcome.ClientError);
    }

    [Fact]
    public void Tls_ClientHelloBytes_NotHttpWithoutError()
    {
        byte[] clientHello =
        [
            0x16,        // TLS record: handshake
            0x03, 0x01,  // legacy record version
            0x00, 0x05,  // length
            0x01,        // ClientHello
            0x00, 0x00, 0x01, 0x00,
        ];
        byte[] serverHello = [0x16, 0x03, 0x03, 0x00, 0x02, 0x02, 0x00];

        HttpOutcome outcome = Run([Client(clientHello), Server(serverHello)]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.None, 0, null, null, false, false, false, false, null, null),
            outcome);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n")]       // a token, then "-", then no SP before the line end
    [InlineData("GET / HTTP/2.0\r\n\r\n")]        // HTTP/2 is not an HTTP/1 request line
    [InlineData("GET  / HTTP/1.1\r\n\r\n")]       // two SPs
    public void FirstLine_NotARequestLine_NotHttpWithoutError(string first)
    {
        HttpOutcome outcome = Run([Client(first + Get)]);

        Assert.False(outcome.LooksLikeHttp);
        Assert.Equal(0, outcome.Requests);
        Assert.Null(outcome.ClientError);
    }

    [Fact]
    public void SecondRequest_Malformed_ClientErrorAtItsOffset()
    {
        string first = "GET / HTTP/1.1\r\n\r\n";

        HttpOutcome outcome = Run([Client(first + "GET / HTTP/1.1 extra\r\n\r\n" + Get)]);

        Assert.Equal(1, outcome.Requests);
        Assert.True(outcome.LooksLikeHttp);
        Assert.Equal(new HttpParseError(HttpParseErrorReason.InvalidRequestLine, first.Length), outcome.ClientError);
    }

    [Theory]
    [InlineData("Host : x", HttpParseErrorReason.InvalidHeaderLine)]                // RFC 9112 section 5.1
    [InlineData("Content-Length: 1x", HttpParseErrorReason.InvalidContentLength)]
    [InlineData("Content-Length: 3, 4", HttpParseErrorReason.InvalidContentLength)]
    public void Header_Malformed_ClientErrorAtTheLine(string field, HttpParseErrorReason reason)
    {
        string head = "GET / HTTP/1.1\r\nHost: ok\r\n";

        HttpOutcome outcome = Run([Client(head + field + "\r\n\r\n")]);

        Assert.Equal(new HttpParseError(reason, head.Length), outcome.ClientError);
        Assert.Equal("ok", outcome.FirstHost);
    }

    public static TheoryData<int> EveryByte => [.. Enumerable.Range(0, 256)];

    [Theory]
    [MemberData(nameof(EveryByte))]
    public void HeaderName_EachByte_ValidExactlyWhenATokenChar(int b)
    {
        // RFC 9110 section 5.6.2: field-name = token, tchar as listed there. A colon ends the name ("X:Y: v" is
        // the field X with the value "Y: v"), and an LF ends the line (the line "X" has no colon).
        const string TChars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        string head = "GET / HTTP/1.1\r\nHost: ok\r\n";
        string field = "X" + (char)b + "Y: v";
        bool valid = TChars.Contains((char)b, StringComparison.Ordinal) || b == ':';

        HttpOutcome outcome = Run([Client(head + field + "\r\n\r\n")]);

        Assert.Equal(valid ? null : new HttpParseError(HttpParseErrorReason.InvalidHeaderLine, head.Length), outcome.ClientError);
        Assert.Equal("ok", outcome.FirstHost);
    }

    [Fact]
    public void Request_TransferEncodingNotEndingInChunked_Malformed()
    {
        HttpOutcome outcome = Run([Client(Get + "POST / HTTP/1.1\r\nTransfer-Encoding: chunked, gzip\r\n\r\n")]);

        Assert.Equal(new HttpParseError(HttpParseErrorReason.InvalidTransferEncoding, Get.Length), outcome.ClientError);
    }

    [Fact]
    public void ChunkSize_NotHex_MalformedAtTheSizeLine()
    {
        string head = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";

        HttpOutcome outcome = Run([Client(head + "zz\r\n")]);

        Assert.Equal(new HttpParseError(HttpParseErrorReason.InvalidChunkSize, head.Length), outcome.ClientError);
    }

    [Fact]
    public void HeaderSection_LargerThanLimit_Malformed()
    {
        // The field line makes the section (start line + fields so far) exceed HttpLimits.MaxHeaderSectionBytes by one byte.
        string start = Get[..^2];
        int fieldLength = HttpLimits.MaxHeaderSectionBytes - start.Length + 1;
        string field = "X-Big: " + new string('a', fieldLength - "X-Big: ".Length - 2) + "\r\n";

        // Splitting at all 64 Ki indexes would take minutes: every 509th index still crosses every buffer state.
        HttpOutcome outcome = Run([Client(Get + start + field + "\r\n")], stride: 509);

        Assert.Equal(new HttpParseError(HttpParseErrorReason.HeaderSectionTooLarge, Get.Length + start.Length), outcome.ClientError);
        Assert.Equal(2, outcome.Requests);
    }

    [Fact]
    public void HeaderSection_ExactlyAtLimit_Accepted()
    {
        string start = Get[..^2];
        int fieldLength = HttpLimits.MaxHeaderSectionBytes - start.Length - 2;
        string field = "X-Big: " + new string('a', fieldLength - "X-Big: ".Length - 2) + "\r\n";

        HttpOutcome outcome = Run([Client(start + field + "\r\n" + Get)], stride: 509);

        Assert.Null(outcome.ClientError);
        Assert.Equal(2, outcome.Requests);
    }

    [Fact]
    public void ClientGap_InTheMiddle_ClientLostAndLaterBytesIgnored()
    {
        HttpOutcome outcome = Run([Client(Get + "GET /partial HT"), ClientGap(), Client("TP/1.1\r\n\r\n" + Get)]);

        Assert.True(outcome.ClientLost);
        Assert.False(outcome.ServerLost);
        Assert.Equal(1, outcome.Requests);
        Assert.Null(outcome.ClientError);
    }

    [Fact]
    public void ServerGap_InsideABody_ServerLost()
    {
        HttpOutcome outcome = Run([Client(Get + Get), Server("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), ServerGap(), Server(OkClose)]);

        Assert.True(outcome.ServerLost);
        Assert.False(outcome.ConnectionClose);
    }

    [Fact]
    public void ServerGap_AfterBodyUntilClose_NotLost()
    {
        // The server direction already stopped (body delimited by the close): a gap there costs nothing.
        HttpOutcome outcome = Run([Client(Get), Server("HTTP/1.1 200 OK\r\n\r\nabc"), ServerGap()]);

        Assert.False(outcome.ServerLost);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void Response_MalformedStatusLine_ServerError()
    {
        HttpOutcome outcome = Run([Client(Get + Get), Server(Ok + "HTTP/1.1 2x0 OK\r\n\r\n")]);

        Assert.Equal(new HttpParseError(HttpParseErrorReason.InvalidStatusLine, Ok.Length), outcome.ServerError);
    }

    [Fact]
    public void Connect_TunnelEstablished_BothSidesStopQuietly()
    {
        HttpOutcome outcome = Run(
        [
            Client("CONNECT example:443 HTTP/1.1\r\nHost: example:443\r\n\r\n"),
            Server("HTTP/1.1 200 Connection established\r\n\r\n"),
            Client([0x16, 0x03, 0x01, 0x00, 0x05]),
            Server([0x16, 0x03, 0x03, 0x00, 0x05]),
        ]);

        Assert.Equal(1, outcome.Requests);
        Assert.Null(outcome.ClientError);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void WebSocketUpgrade_Accepted_BothSidesStopQuietly()
    {
        HttpOutcome outcome = Run(
        [
            Client("GET /ws HTTP/1.1\r\nHost: w\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
            Server("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"),
            Client([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d]),
            Server([0x81, 0x05, 0x48, 0x65]),
        ]);

        Assert.Equal(HttpProtocol.Http11, outcome.Protocol);
        Assert.Equal(1, outcome.Requests);
        Assert.Null(outcome.ClientError);
        Assert.Null(outcome.ServerError);
    }
}
