using WireLens.Analysis.Tls;
using WireLens.Wire;
using WireLens.Wire.Tls;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Tls;

/// <summary>Alerts in clear and after ChangeCipherSpec, and the request estimate after the handshake (docs/analysis.md, "TLS").</summary>
public class TlsConnectionAnalyzerAlertTests
{
    private const byte Warning = 1;
    private const byte Fatal = 2;

    // The TLS 1.3 handshake up to the client's Finished (done at 14 ms) and the server's two tickets.
    private static TlsExchange Tls13Handshake() => new TlsExchange()
        .Client(10, TlsTestVectors.ClientHelloTls13)
        .Server(12, TlsTestVectors.ServerHelloTls13, ChangeCipherSpec(), ApplicationData(900))
        .Client(14, ChangeCipherSpec(), ApplicationData(53))
        .Server(15, ApplicationData(200), ApplicationData(200));

    // An abbreviated TLS 1.2 handshake (session id echo), done at 14 ms.
    private static TlsExchange Tls12Abbreviated()
    {
        byte[] sessionId = [.. Enumerable.Repeat((byte)0x33, 32)];
        return new TlsExchange()
            .Client(10, ClientHelloRecord(TlsHelloBuilder.ClientHelloWithSessionId(sessionId)))
            .Server(12, ServerHelloRecord(TlsHelloBuilder.ServerHelloWithSessionId(sessionId, 0xc02f)), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))
            .Client(14, ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40));
    }

    [Fact]
    public void ToFacts_ServerAlertAfterClientHello_FatalHandshakeFailureAndNoServerFacts()
    {
        // Arrange
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(11, Alert(Fatal, 40));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(["fatal:handshake_failure"], facts.Alerts);
        Assert.Null(facts.Version);
        Assert.Null(facts.Resumed);
        Assert.Null(facts.DoneTime);
        Assert.Null(facts.RequestsEstimated);
        Assert.Null(facts.ServerHelloTime);
        Assert.Null(facts.ClientHelloToServerHelloMs);
        Assert.Null(facts.HandshakeMs);
        Assert.Null(facts.Error);
        Assert.Equal(("example.com", (Timestamp?)TlsExchange.At(10)), (facts.ServerName, facts.ClientHelloTime));
    }

    [Theory]
    [InlineData(6)]     // header + level | description
    [InlineData(3)]     // inside the header, then the rest
    public void ToFacts_AlertBytesInTwoCalls_OneAlert(int firstCall)
    {
        // Arrange
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(11, Alert(Fatal, 40));

        // Act
        TlsFacts facts = exchange.Feed(f => f.FromClient ? [f.Bytes.Length] : [firstCall, f.Bytes.Length - firstCall]).ToFacts()!;

        // Assert
        Assert.Equal(["fatal:handshake_failure"], facts.Alerts);
        Assert.Null(facts.Error);
    }

    [Fact]
    public void ToFacts_SeveralAlertsInOneRecord_AllInOrder()
    {
        // Arrange
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(11, Record(TlsContentType.Alert, Warning, 112, Fatal, 70, Fatal, 200));

        // Act
        TlsFacts facts = exchange.FeedBytePerCall().ToFacts()!;

        // Assert: unknown descriptions print as numbers.
        Assert.Equal(["warning:unrecognized_name", "fatal:protocol_version", "fatal:200"], facts.Alerts);
    }

    [Fact]
    public void ToFacts_AlertRecordOfOddLength_AlertsKeptAndError()
    {
        // Arrange: two whole alerts and a stray byte.
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(11, Record(TlsContentType.Alert, Fatal, 40, Warning, 0, Fatal));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(["fatal:handshake_failure", "warning:close_notify"], facts.Alerts);
        Assert.Equal("malformed alert (odd length) at server stream offset 0", facts.Error);
    }

    [Fact]
    public void ToFacts_Tls12AlertsAfterChangeCipherSpec_EncryptedEachSideInOrder()
    {
        // Arrange: a plaintext warning before the server's CCS, then an encrypted alert from each side after its own CCS.
        byte[][] serverFlight = Split(TlsTestVectors.ServerFlightTls12);
        byte[][] withWarning = [serverFlight[0], Alert(Warning, 112), .. serverFlight[1..]];
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, withWarning)
            .Client(14, ClientKeyExchange(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))
            .Server(16, ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40), Opaque(TlsContentType.Alert, 26))
            .Client(18, Opaque(TlsContentType.Alert, 26));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(["warning:unrecognized_name", "encrypted", "encrypted"], facts.Alerts);
        Assert.Equal(TlsExchange.At(14), facts.DoneTime);               // the client's alert at 18 changes nothing
        Assert.Null(facts.Error);
    }

    [Fact]
    public void ToFacts_Tls13ClientPlaintextAlertAfterServerHello_NotTheDoneRecord()
    {
        // Arrange: after the ServerHello the client sends CCS, a plaintext warning, and only then a protected record.
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(12, TlsTestVectors.ServerHelloTls13, ChangeCipherSpec(), ApplicationData(900))
            .Client(14, ChangeCipherSpec())
            .Client(15, Alert(Warning, 90))
            .Client(16, ApplicationData(53));
        int throughAlert = exchange.TotalLength - exchange.Flights[^1].Bytes.Length;

        // Act
        TlsFacts beforeFinished = exchange.FeedPrefix(throughAlert).ToFacts()!;
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(["warning:user_canceled"], beforeFinished.Alerts);
        Assert.Null(beforeFinished.DoneTime);
        Assert.Null(beforeFinished.RequestsEstimated);
        Assert.Equal(TlsExchange.At(16), facts.DoneTime);
        Assert.Equal(["warning:user_canceled"], facts.Alerts);
    }

    [Fact]
    public void ToFacts_Tls13AlertRecordsAfterEncryption_DecodedAsPlaintext()
    {
        // Arrange: in TLS 1.3 protected alerts travel as application data, so a record typed Alert is plaintext even
        // after each side's keys are in use: the server's right after its ServerHello, the client's after its Finished.
        TlsExchange exchange = Tls13Handshake()
            .Server(16, Alert(Fatal, 80))
            .Client(17, Alert(Warning, 0));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(["fatal:internal_error", "warning:close_notify"], facts.Alerts);
        Assert.Null(facts.Error);
    }

    [Fact]
    public void ToFacts_MoreThanMaxAlerts_FirstMaxAlertsKept()
    {
        // Arrange: 20 warnings with descriptions 0..19, one record each.
        byte[][] alerts = [.. Enumerable.Range(0, 20).Select(i => Alert(Warning, (byte)i))];
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(11, alerts);

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(16, TlsConnectionAnalyzer.MaxAlerts);
        Assert.Equal(Enumerable.Range(0, TlsConnectionAnalyzer.MaxAlerts).Select(i => TlsNames.Alert(Warning, (byte)i)), facts.Alerts);
    }

    [Fact]
    public void RequestsEstimated_ClientRecordsSeparatedByServerAnswers_OneBurstEach()
    {
        // Arrange
        TlsExchange exchange = Tls13Handshake()
            .Client(20, ApplicationData(100)).Server(21, ApplicationData(300))
            .Client(22, ApplicationData(100)).Server(23, ApplicationData(300))
            .Client(24, ApplicationData(100));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(3, facts.RequestsEstimated);
    }

    [Fact]
    public void RequestsEstimated_BackToBackClientRecords_OneBurst()
    {
        // Arrange: a request in three records and separate calls, then one answer.
        TlsExchange exchange = Tls13Handshake()
            .Client(20, ApplicationData(100))
            .Client(21, ApplicationData(100), ApplicationData(2000))
            .Server(22, ApplicationData(300));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(1, facts.RequestsEstimated);
    }

    [Theory]
    [InlineData(19, 0)]     // TLS 1.3 encrypted alert (close_notify)
    [InlineData(26, 0)]     // TLS 1.2 AES-GCM encrypted alert: MaxNonRequestRecordLength
    [InlineData(27, 1)]
    public void RequestsEstimated_ClientRecordLength_CountedAboveMaxNonRequestRecordLength(int length, int expected)
    {
        // Arrange
        TlsExchange exchange = Tls13Handshake()
            .Client(20, ApplicationData(length))
            .Server(21, ApplicationData(300));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(26, TlsConnectionAnalyzer.MaxNonRequestRecordLength);
        Assert.Equal(expected, facts.RequestsEstimated);
    }

    [Fact]
    public void RequestsEstimated_ServerAlertRecord_DoesNotEndBurst()
    {
        // Arrange: TLS 1.2; only a server application-data record ends a burst.
        TlsExchange exchange = Tls12Abbreviated()
            .Client(20, ApplicationData(100))
            .Server(21, Opaque(TlsContentType.Alert, 26))
            .Client(22, ApplicationData(100))
            .Server(23, ApplicationData(300))
            .Client(24, ApplicationData(100));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(2, facts.RequestsEstimated);
        Assert.Equal(["encrypted"], facts.Alerts);
    }

    [Fact]
    public void RequestsEstimated_DoneWithoutRequests_ZeroNotCountingFinishedOrTickets()
    {
        // Arrange: the TLS 1.3 Finished (53 bytes) and the server's tickets are not requests; neither is the TLS 1.2 Finished.
        TlsExchange tls13 = Tls13Handshake();
        TlsExchange tls12 = Tls12Abbreviated();

        // Act
        TlsFacts facts13 = tls13.Feed().ToFacts()!;
        TlsFacts facts12 = tls12.Feed().ToFacts()!;

        // Assert
        Assert.Equal(0, facts13.RequestsEstimated);
        Assert.Equal(0, facts12.RequestsEstimated);
    }

    [Theory]
    [InlineData(1)]     // the ClientHello only
    [InlineData(2)]     // and the server's first flight
    [InlineData(3)]     // and the client's CCS (TLS 1.2: before its Finished)
    public void RequestsEstimated_BeforeDone_Null(int flights)
    {
        // Arrange
        TlsExchange tls13 = Tls13Handshake();
        TlsExchange tls12 = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, Split(TlsTestVectors.ServerFlightTls12))
            .Client(14, ClientKeyExchange(), ChangeCipherSpec());
        int length13 = tls13.Flights.Take(Math.Min(flights, 2)).Sum(f => f.Bytes.Length);
        int length12 = tls12.Flights.Take(flights).Sum(f => f.Bytes.Length);

        // Act
        TlsFacts facts13 = tls13.FeedPrefix(length13).ToFacts()!;
        TlsFacts facts12 = tls12.FeedPrefix(length12).ToFacts()!;

        // Assert
        Assert.Null(facts13.RequestsEstimated);
        Assert.Null(facts12.RequestsEstimated);
        Assert.Null(facts12.DoneTime);
    }
}
