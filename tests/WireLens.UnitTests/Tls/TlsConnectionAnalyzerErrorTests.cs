using WireLens.Analysis.Tls;
using WireLens.Wire;
using WireLens.Wire.Tls;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Tls;

/// <summary>
/// Streams that are not TLS, malformed TLS and bytes missing from the capture (docs/analysis.md, "TLS", tls_error):
/// the analyzer never throws, says where decoding stopped and keeps what it decoded before.
/// </summary>
public class TlsConnectionAnalyzerErrorTests
{
    // Offset of cipher_suites' length in the ClientHelloTls13 record (record header 5 + handshake header 4 + 67).
    private const int CipherSuitesLengthOffset = TlsHelloCases.BodyOffset + 67;

    private static byte[] LyingClientHello()
    {
        byte[] record = (byte[])TlsTestVectors.ClientHelloTls13.Clone();
        record.AsSpan(CipherSuitesLengthOffset, 2).Fill(0xFF);
        return record;
    }

    public static TheoryData<string> NotTlsStarts =>
    [
        "1703030005" + "0102030405",                // application data first
        "1503030002" + "0228",                      // an alert first
        "1602" + "0100050102030405",                // handshake type, major version 2
        "1603014801" + "01",                        // length 18433, over 2^14 + 2048
        "474554202f20485454502f312e310d0a",         // "GET / HTTP/1.1\r\n"
    ];

    [Theory]
    [MemberData(nameof(NotTlsStarts))]
    public void IsTls_ClientStreamNotStartingWithHandshakeRecord_FalseAndNoFacts(string hex)
    {
        // Arrange
        var analyzer = new TlsConnectionAnalyzer();

        // Act: whatever follows, on either side, cannot make it TLS.
        analyzer.OnClientData(Convert.FromHexString(hex), TlsExchange.At(10));
        analyzer.OnServerData(TlsTestVectors.ServerHelloTls13, TlsExchange.At(11));
        analyzer.OnClientData(TlsTestVectors.ClientHelloTls13, TlsExchange.At(12));
        analyzer.OnClientGap();
        analyzer.OnServerGap();

        // Assert
        Assert.False(analyzer.IsTls);
        Assert.Null(analyzer.ToFacts());
    }

    [Fact]
    public void IsTls_RecordHeaderIncomplete_FalseUntilItCompletes()
    {
        // Arrange
        var analyzer = new TlsConnectionAnalyzer();

        // Act
        analyzer.OnClientData(TlsTestVectors.ClientHelloTls13.AsSpan(0, 4), TlsExchange.At(10));
        bool afterFour = analyzer.IsTls;
        TlsFacts? factsAfterFour = analyzer.ToFacts();
        analyzer.OnClientData(TlsTestVectors.ClientHelloTls13.AsSpan(4), TlsExchange.At(11));

        // Assert: the record is timed by its first byte, which came at 10.
        Assert.False(afterFour);
        Assert.Null(factsAfterFour);
        Assert.True(analyzer.IsTls);
        Assert.Equal(TlsExchange.At(10), analyzer.ToFacts()!.ClientHelloTime);
    }

    [Fact]
    public void OnServerData_BeforeClientIsTls_Ignored()
    {
        // Arrange
        var analyzer = new TlsConnectionAnalyzer();

        // Act: a ServerHello before any client byte, then the ClientHello.
        analyzer.OnServerData(TlsTestVectors.ServerHelloTls13, TlsExchange.At(9));
        TlsFacts? serverOnly = analyzer.ToFacts();
        analyzer.OnClientData(TlsTestVectors.ClientHelloTls13, TlsExchange.At(10));
        TlsFacts facts = analyzer.ToFacts()!;

        // Assert
        Assert.Null(serverOnly);
        Assert.Null(facts.Version);
        Assert.Null(facts.ServerHelloTime);
        Assert.Equal(TlsExchange.At(10), facts.ClientHelloTime);
    }

    [Fact]
    public void ToFacts_ClientHelloLyingLength_ErrorAtClientOffsetZero()
    {
        // Arrange
        TlsExchange exchange = new TlsExchange().Client(10, LyingClientHello());

        // Act
        TlsConnectionAnalyzer analyzer = exchange.Feed();
        TlsFacts facts = analyzer.ToFacts()!;

        // Assert: still TLS; nothing of the hello is claimed.
        Assert.True(analyzer.IsTls);
        Assert.Equal("malformed ClientHello (cipher_suites length) at client stream offset 0", facts.Error);
        Assert.Equal(1, facts.ClientHelloCount);
        Assert.Null(facts.ServerName);
        Assert.Null(facts.ClientHelloTime);
        Assert.Null(facts.Ja4);
        Assert.Empty(facts.AlpnOffered);
    }

    [Fact]
    public void ToFacts_MalformedClientHelloThenTls13ServerHello_NoThrowServerFactsKept()
    {
        // Arrange: the client direction stops at its bad hello; the server's TLS 1.3 hello is still read.
        TlsExchange exchange = new TlsExchange()
            .Client(10, LyingClientHello())
            .Server(12, TlsTestVectors.ServerHelloTls13, ChangeCipherSpec(), ApplicationData(900));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert: no ClientHello, so no ALPN offer to call encrypted.
        Assert.Equal("malformed ClientHello (cipher_suites length) at client stream offset 0", facts.Error);
        Assert.Equal((ushort)0x0304, facts.Version);
        Assert.False(facts.AlpnSelectedEncrypted);
        Assert.False(facts.Resumed);
        Assert.Null(facts.DoneTime);
    }

    [Fact]
    public void ToFacts_SecondClientHelloMalformed_ErrorAtItsRecordFirstHelloKept()
    {
        // Arrange: after a HelloRetryRequest the client's CCS (6 bytes) and a lying second ClientHello.
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(12, TlsTestVectors.HelloRetryRequest)
            .Client(14, ChangeCipherSpec(), LyingClientHello());

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal($"malformed ClientHello (cipher_suites length) at client stream offset {TlsTestVectors.ClientHelloTls13.Length + 6}", facts.Error);
        Assert.Equal(("example.com", (Timestamp?)TlsExchange.At(10), 2), (facts.ServerName, facts.ClientHelloTime, facts.ClientHelloCount));
        Assert.NotNull(facts.Ja4);
        Assert.True(facts.HelloRetryRequest);
    }

    [Theory]
    [InlineData(72)]        // cipher_suites' length itself split over the two records
    [InlineData(100)]       // the second record starts at offset 105, where the hello is complete and found bad
    public void ToFacts_LyingHelloSplitOverRecords_OffsetOfRecordWhereItBegan(int cut)
    {
        // Arrange
        byte[] message = Fragment(LyingClientHello());
        TlsExchange exchange = new TlsExchange()
            .Client(10, HandshakeRecord(message[..cut]))
            .Client(11, HandshakeRecord(message[cut..]));

        // Act
        TlsFacts facts = exchange.FeedBytePerCall().ToFacts()!;

        // Assert
        Assert.Equal("malformed ClientHello (cipher_suites length) at client stream offset 0", facts.Error);
    }

    [Fact]
    public void ToFacts_LyingHelloStartingInSecondRecord_OffsetOfSecondRecord()
    {
        // Arrange: record 1 (offset 0) holds the first 20 bytes of a 44-byte message; record 2 (offset 25) its rest and the hello.
        byte[] filler = Message(TlsHandshakeType.CertificateStatus, new byte[40]);
        TlsExchange exchange = new TlsExchange()
            .Client(10, HandshakeRecord(filler[..20]))
            .Client(11, HandshakeRecord(filler[20..], Fragment(LyingClientHello())));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal("malformed ClientHello (cipher_suites length) at client stream offset 25", facts.Error);
    }

    [Fact]
    public void ToFacts_ClientRecordLengthTooLargeAfterValidRecord_ErrorAtItsOffsetHelloFactsKept()
    {
        // Arrange: a valid ClientHello (335 bytes), then a header claiming 65535 bytes, then a CCS that must be ignored.
        int offset = TlsTestVectors.ClientHelloTls13.Length;
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13, [0x16, 0x03, 0x03, 0xFF, 0xFF])
            .Server(12, TlsTestVectors.ServerHelloTls13, ChangeCipherSpec(), ApplicationData(900))
            .Client(14, ChangeCipherSpec(), ApplicationData(53));

        // Act
        TlsFacts facts = exchange.FeedBytePerCall().ToFacts()!;

        // Assert
        Assert.Equal($"malformed record (length over 2^14+2048) at client stream offset {offset}", facts.Error);
        Assert.Equal(("example.com", (Timestamp?)TlsExchange.At(10)), (facts.ServerName, facts.ClientHelloTime));
        Assert.NotNull(facts.Ja4);
        Assert.Null(facts.DoneTime);
        Assert.Null(facts.RequestsEstimated);
    }

    [Fact]
    public void ToFacts_ServerRecordOfUnknownTypeAfterServerHello_ErrorAtServerOffset()
    {
        // Arrange
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, TlsTestVectors.ServerHelloTls12, [0x30, 0x03, 0x03, 0x00, 0x01, 0x00]);

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal($"malformed record (unknown content type) at server stream offset {TlsTestVectors.ServerHelloTls12.Length}", facts.Error);
        Assert.Equal("http/1.1", facts.AlpnSelected);
    }

    [Theory]
    [InlineData(0)]         // the whole ServerHello record arrived
    [InlineData(27)]        // the gap cuts the ServerHello record after 100 bytes
    public void OnServerGap_BeforeDone_ErrorAtServerOffset(int missing)
    {
        // Arrange
        int delivered = TlsTestVectors.ServerHelloTls13.Length - missing;
        var analyzer = new TlsConnectionAnalyzer();
        analyzer.OnClientData(TlsTestVectors.ClientHelloTls13, TlsExchange.At(10));
        analyzer.OnServerData(TlsTestVectors.ServerHelloTls13.AsSpan(0, delivered), TlsExchange.At(12));

        // Act
        analyzer.OnServerGap();
        analyzer.OnServerData(ChangeCipherSpec(), TlsExchange.At(13));    // a caller that goes on is ignored
        TlsFacts facts = analyzer.ToFacts()!;

        // Assert
        Assert.Equal($"bytes missing from the capture at server stream offset {delivered}", facts.Error);
        Assert.Equal(missing == 0 ? (ushort?)0x0304 : null, facts.Version);
    }

    [Fact]
    public void OnClientGap_BeforeDone_ErrorAtClientOffsetFirstErrorKept()
    {
        // Arrange
        var analyzer = new TlsConnectionAnalyzer();
        analyzer.OnClientData(TlsTestVectors.ClientHelloTls13, TlsExchange.At(10));

        // Act: the client's gap comes first, then the server's.
        analyzer.OnClientGap();
        analyzer.OnServerGap();
        TlsFacts facts = analyzer.ToFacts()!;

        // Assert
        Assert.Equal($"bytes missing from the capture at client stream offset {TlsTestVectors.ClientHelloTls13.Length}", facts.Error);
        Assert.Equal("example.com", facts.ServerName);
    }

    [Fact]
    public void OnGap_AfterDone_NoError()
    {
        // Arrange
        TlsConnectionAnalyzer analyzer = TlsExchanges.Tls13Full().Exchange.Feed();

        // Act
        analyzer.OnServerGap();
        analyzer.OnClientGap();
        TlsFacts facts = analyzer.ToFacts()!;

        // Assert
        Assert.Null(facts.Error);
        Assert.Equal(TlsExchange.At(14), facts.DoneTime);
        Assert.Equal(1, facts.RequestsEstimated);
    }
}
