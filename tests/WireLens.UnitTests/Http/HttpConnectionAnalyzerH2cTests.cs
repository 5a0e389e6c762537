using WireLens.Analysis.Http;
using static WireLens.UnitTests.Http.H2Frames;
using static WireLens.UnitTests.Http.HttpScript;

namespace WireLens.UnitTests.Http;

public class HttpConnectionAnalyzerH2cTests
{
    private const string UpgradeRequest =
        "GET / HTTP/1.1\r\nHost: up\r\nUser-Agent: nghttp2\r\nConnection: Upgrade, HTTP2-Settings\r\n"
        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n";

    private const string SwitchingProtocols = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";

    [Fact]
    public void PriorKnowledge_ThreeStreamsWithContinuationAndTrailers_CountsThree()
    {
        HttpOutcome outcome = Run(
        [
            Client(
                Preface,
                InitialSettings,
                Frame(WindowUpdate, 0, 0, [0x00, 0x0f, 0x00, 0x01]),  // connection window +983041
                GetHeaders(1, EndStream),                             // stream 1: request
                Frame(Headers, 0, 3, [0x83, 0x86]),                   // stream 3: POST, header block continues...
                Frame(Continuation, 0, 3, [0x84]),                    // ...CONTINUATION: not a request
                Frame(Continuation, EndHeaders, 3, [0x41]),
                Frame(Data, 0, 3, 100),                               // request body
                Frame(Headers, EndHeaders | EndStream, 3, [0x40]),    // trailers on stream 3: not a request
                GetHeaders(5, EndStream)),                            // stream 5: request
            Server(
                InitialSettings,
                Frame(Settings, 0x1, 0, 0),                           // SETTINGS ACK
                Frame(Headers, EndHeaders, 1, [0x88]),                // :status 200
                Frame(Data, EndStream, 1, 70000)),                    // payload larger than a line buffer, skipped
        ]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.H2c, 3, null, null, false, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void PriorKnowledge_ServerDataFedFirst_ServerFramesSkipped()
    {
        HttpOutcome outcome = Run(
        [
            Server(InitialSettings, Frame(Headers, EndHeaders, 1, [0x88])),
            Client(Preface, InitialSettings, GetHeaders(1, EndStream)),
        ]);

        Assert.Equal(1, outcome.Requests);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void PriorKnowledge_FirstFrameNotSettings_Malformed()
    {
        HttpOutcome outcome = Run([Client(Preface, GetHeaders(1))]);

        Assert.True(outcome.LooksLikeHttp);
        Assert.Equal(new HttpParseError(HttpParseErrorReason.H2MissingSettings, 24), outcome.ClientError);
    }

    [Fact]
    public void PriorKnowledge_HeadersOnEvenStream_Malformed()
    {
        HttpOutcome outcome = Run([Client(Preface, InitialSettings, GetHeaders(1), GetHeaders(2))]);

        Assert.Equal(1, outcome.Requests);
        Assert.Equal(new HttpParseError(HttpParseErrorReason.H2InvalidStreamId, 24 + 15 + 12), outcome.ClientError);
    }

    [Fact]
    public void Upgrade_Accepted_UpgradeRequestIsStreamOneAndNewStreamsCount()
    {
        HttpOutcome outcome = Run(
        [
            Client(UpgradeRequest),
            Server(Latin1(SwitchingProtocols), InitialSettings, Frame(Headers, EndHeaders, 1, [0x88]), Frame(Data, EndStream, 1, 20)),
            Client(Preface, InitialSettings, GetHeaders(3, EndStream), GetHeaders(5, EndStream)),
            Server(Frame(Headers, EndHeaders, 3, [0x88]), Frame(Headers, EndHeaders | EndStream, 5, [0x88])),
        ]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.H2c, 3, "nghttp2", "up", false, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void Upgrade_ClientPrefaceBeforeServer101IsFed_StillH2c()
    {
        HttpOutcome outcome = Run(
        [
            Client(Latin1(UpgradeRequest), Preface, InitialSettings, GetHeaders(3)),
            Server(Latin1(SwitchingProtocols), InitialSettings),
        ]);

        Assert.Equal(HttpProtocol.H2c, outcome.Protocol);
        Assert.Equal(2, outcome.Requests);
        Assert.Null(outcome.ClientError);
        Assert.Null(outcome.ServerError);
    }

    [Fact]
    public void Upgrade_Refused_StaysHttp11AndNextRequestCounted()
    {
        // The server ignores the Upgrade (RFC 9110 section 7.8) and answers in HTTP/1.1; the client goes on in HTTP/1.1.
        HttpOutcome outcome = Run(
        [
            Client(UpgradeRequest),
            Server("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"),
            Client("POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"),
            Server("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
        ]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.Http11, 2, "nghttp2", "up", true, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void Upgrade_RefusedAndNextRequestStartsLikeThePreface_Counted()
    {
        // "P" of "POST" matches the preface's "P": the partial match must be replayed into the HTTP/1 parser.
        HttpOutcome outcome = Run([Client(UpgradeRequest + "PUT / HTTP/1.1\r\n\r\n" + "PRIX / HTTP/1.1\r\n\r\n")]);

        Assert.Equal(3, outcome.Requests);
        Assert.Equal(HttpProtocol.Http11, outcome.Protocol);
        Assert.Null(outcome.ClientError);
    }

    [Fact]
    public void Preface_TruncatedByGap_ClientLost()
    {
        HttpOutcome outcome = Run([Client(Preface[..10]), ClientGap()]);

        Assert.True(outcome.ClientLost);
        Assert.False(outcome.LooksLikeHttp);
        Assert.Equal(0, outcome.Requests);
    }

    [Fact]
    public void Preface_OnlyAtTheStartOrAfterUpgrade_ElsewhereMalformed()
    {
        string get = "GET / HTTP/1.1\r\n\r\n";

        HttpOutcome outcome = Run([Client(Latin1(get), Preface)]);

        Assert.Equal(new HttpParseError(HttpParseErrorReason.UnsupportedVersion, get.Length), outcome.ClientError);
    }
}
