using WireLens.Analysis.Http;
using static WireLens.UnitTests.Http.H2Frames;
using static WireLens.UnitTests.Http.HttpScript;

namespace WireLens.UnitTests.Http;

/// <summary>
/// User-Agent and authority of the first h2c request, read from its HPACK header block (RFC 7541) across HEADERS and
/// CONTINUATION frames (RFC 9113 sections 6.2 and 6.10). Every script also runs byte per call and split at every index.
/// </summary>
public class HttpConnectionAnalyzerH2cFieldsTests
{
    private const byte Padded = 0x8;
    private const byte Priority = 0x20;

    private const string UserAgent = "h2load nghttp2/1.52.0";
    private const string Authority = "127.0.0.1:18481";

    // :method GET, :scheme http, :path / (indexed 2, 6, 4); :authority (name index 1) literal with incremental
    // indexing; user-agent (name index 58 = 15 + 43) literal without indexing; both values raw.
    private static readonly byte[] Block =
    [
        0x82, 0x86, 0x84,
        0x41, (byte)Authority.Length, .. Latin1(Authority),
        0x0f, 0x2b, (byte)UserAgent.Length, .. Latin1(UserAgent),
    ];

    [Fact]
    public void PriorKnowledge_UserAgentAndAuthority_FirstRequestValues()
    {
        HttpOutcome outcome = Run(
        [
            Client(Preface, InitialSettings, Frame(Headers, EndHeaders | EndStream, 1, Block)),
            Server(InitialSettings, Frame(Headers, EndHeaders, 1, [0x88])),
        ]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.H2c, 1, UserAgent, Authority, false, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void PaddedAndPriorityFlags_StrippedBeforeTheFragment()
    {
        byte[] payload =
        [
            0x03,                          // Pad Length 3
            0x80, 0x00, 0x00, 0x00, 0x0f,  // Exclusive, Stream Dependency 0, Weight 15
            .. Block,
            0x00, 0x00, 0x00,              // Padding
        ];

        HttpOutcome outcome = Run([Client(Preface, InitialSettings, Frame(Headers, EndHeaders | Padded | Priority, 1, payload))]);

        Assert.Equal((UserAgent, Authority), (outcome.FirstUserAgent, outcome.FirstHost));
    }

    [Fact]
    public void Continuation_BlockSplitInsideAString_Joined()
    {
        HttpOutcome outcome = Run(
        [
            Client(
                Preface,
                InitialSettings,
                Frame(Headers, Padded, 1, [0x01, .. Block[..10], 0x00]),
                Frame(Continuation, 0, 1, Block[10..20]),
                Frame(Continuation, 0, 1, []),
                Frame(Continuation, EndHeaders, 1, Block[20..]),
                GetHeaders(3)),
        ]);

        Assert.Equal((2, UserAgent, Authority), (outcome.Requests, outcome.FirstUserAgent, outcome.FirstHost));
    }

    [Fact]
    public void HuffmanAuthority_Rfc7541C41_Decoded()
    {
        byte[] c41 = Convert.FromHexString("828684418cf1e3c2e5f23a6ba0ab90f4ff");

        HttpOutcome outcome = Run([Client(Preface, InitialSettings, Frame(Headers, EndHeaders, 1, c41))]);

        Assert.Equal(((string?)null, "www.example.com"), (outcome.FirstUserAgent, outcome.FirstHost));
    }

    [Fact]
    public void HostFieldWithoutAuthority_UsedAsHost()
    {
        // host is static entry 38: literal without indexing, name index 38 = 15 + 23.
        byte[] block = [0x82, 0x86, 0x84, 0x0f, 0x17, 0x04, .. Latin1("h2.x")];

        HttpOutcome outcome = Run([Client(Preface, InitialSettings, Frame(Headers, EndHeaders, 1, block))]);

        Assert.Equal("h2.x", outcome.FirstHost);
    }

    [Fact]
    public void LaterRequestsOnly_CarryUserAgent_NotTaken()
    {
        HttpOutcome outcome = Run([Client(Preface, InitialSettings, GetHeaders(1), Frame(Headers, EndHeaders, 3, Block))]);

        Assert.Equal((2, (string?)null, (string?)null), (outcome.Requests, outcome.FirstUserAgent, outcome.FirstHost));
    }

    public static TheoryData<string, byte[]> UnusableFirstBlocks => new()
    {
        { "index out of range", [0x82, 0xff, 0x00] },
        { "truncated string", [0x41, 0x10, 0x61] },
        { "padding longer than the payload", [0x7f, .. Block] },
    };

    [Theory]
    [MemberData(nameof(UnusableFirstBlocks))]
    public void UnusableFirstBlock_NoValuesAndNoError(string why, byte[] payload)
    {
        byte flags = why.StartsWith("padding", StringComparison.Ordinal) ? (byte)(EndHeaders | Padded) : EndHeaders;

        HttpOutcome outcome = Run([Client(Preface, InitialSettings, Frame(Headers, flags, 1, payload), GetHeaders(3))]);

        Assert.Equal(
            new HttpOutcome(HttpProtocol.H2c, 2, null, null, false, true, false, false, null, null),
            outcome);
    }

    [Fact]
    public void OtherFrameBeforeContinuation_BlockAbandoned()
    {
        HttpOutcome outcome = Run(
        [
            Client(
                Preface,
                InitialSettings,
                Frame(Headers, 0, 1, Block[..10]),
                Frame(WindowUpdate, 0, 0, [0x00, 0x00, 0x10, 0x00]),
                Frame(Continuation, EndHeaders, 1, Block[10..])),
        ]);

        Assert.Equal((1, (string?)null), (outcome.Requests, outcome.FirstUserAgent));
        Assert.Null(outcome.ClientError);
    }

    [Fact]
    public void BlockLargerThanLimit_NotDecoded()
    {
        // A literal field with a 20 000-byte value makes the block exceed MaxH2HeaderBlockBytes.
        byte[] big = [0x0f, 0x2b, 0x7f, 0xa1, 0x9b, 0x01, .. new byte[20_000]];
        Assert.True(big.Length > HttpLimits.MaxH2HeaderBlockBytes);

        HttpOutcome outcome = Run(
            [Client(Preface, InitialSettings, Frame(Headers, 0, 1, big[..10_000]), Frame(Continuation, EndHeaders, 1, big[10_000..]), GetHeaders(3))],
            stride: 997);

        Assert.Equal((2, (string?)null, (HttpParseError?)null), (outcome.Requests, outcome.FirstUserAgent, outcome.ClientError));
    }

    [Fact]
    public void Upgrade_Http1UserAgentKept_H2BlockFillsOnlyWhatIsMissing()
    {
        HttpOutcome outcome = Run(
        [
            Client(
                Latin1("GET / HTTP/1.1\r\nUser-Agent: nghttp2\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n"),
                Preface,
                InitialSettings,
                Frame(Headers, EndHeaders, 3, Block)),
            Server(Latin1("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"), InitialSettings),
        ]);

        Assert.Equal((2, "nghttp2", Authority), (outcome.Requests, outcome.FirstUserAgent, outcome.FirstHost));
    }

    [Fact]
    public void Reset_ConnectionReused_NextConnectionDecodedAfresh()
    {
        var analyzer = new HttpConnectionAnalyzer();
        analyzer.OnClientData([.. Preface, .. InitialSettings, .. Frame(Headers, 0, 1, Block[..5])]);
        analyzer.Reset();

        analyzer.OnClientData([.. Preface, .. InitialSettings, .. Frame(Headers, EndHeaders, 1, Block)]);

        Assert.Equal((UserAgent, Authority), (analyzer.FirstUserAgent, analyzer.FirstHost));
    }
}
