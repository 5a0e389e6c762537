using WireLens.Analysis.Tls;
using WireLens.Wire.Tls;
using static WireLens.UnitTests.Tls.TlsHelloBuilder;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Tls;

/// <summary>
/// Resumption by Zeek's rules and what the client offered (docs/analysis.md, "TLS", Resumption and Offered): session
/// id echo and ticket without Certificate up to TLS 1.2, pre_shared_key in TLS 1.3.
/// </summary>
public class TlsConnectionAnalyzerResumptionTests
{
    private const ushort EcdheRsaAes128Gcm = 0xc02f;

    private static readonly byte[] s_sessionId = [.. Enumerable.Repeat((byte)0x11, 32)];
    private static readonly byte[] s_otherSessionId = [.. Enumerable.Repeat((byte)0x22, 32)];
    private static readonly byte[] s_ticket = [.. Enumerable.Range(0, 48).Select(i => (byte)i)];

    // An abbreviated TLS 1.2 handshake: the server's ServerHello, CCS and Finished, then the client's CCS and Finished.
    private static TlsExchange Abbreviated(byte[] clientHello, byte[] serverHello) => new TlsExchange()
        .Client(10, ClientHelloRecord(clientHello))
        .Server(12, ServerHelloRecord(serverHello), NewSessionTicket(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))
        .Client(14, ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))
        .Client(15, ApplicationData(100))
        .Server(16, ApplicationData(300));

    // A full TLS 1.2 handshake after the given ClientHello: the real server flight (ServerHello with an empty session
    // id, Certificate, ServerKeyExchange, ServerHelloDone), the client's and then the server's CCS and Finished.
    private static TlsExchange Full(byte[] clientHello) => new TlsExchange()
        .Client(10, ClientHelloRecord(clientHello))
        .Server(12, Split(TlsTestVectors.ServerFlightTls12))
        .Client(14, ClientKeyExchange(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))
        .Server(16, NewSessionTicket(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40));

    [Fact]
    public void ToFacts_Tls12SessionIdEchoed_ResumedOfferedSessionId()
    {
        // Arrange
        TlsExchange exchange = Abbreviated(
            ClientHelloWithSessionId(s_sessionId, ServerName("resume.test"), SessionTicket()),
            ServerHelloWithSessionId(s_sessionId, EcdheRsaAes128Gcm));

        // Act
        TlsFacts facts = exchange.FeedRecordPerCall().ToFacts()!;

        // Assert
        Assert.True(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.SessionId, facts.ResumptionOffered);
        Assert.False(facts.ServerCertificateSeen);
        Assert.Equal((32, 32), (facts.ClientSessionIdLength, facts.ServerSessionIdLength));
        Assert.Equal(((ushort?)0x0303, (ushort?)EcdheRsaAes128Gcm), (facts.Version, facts.CipherSuite));
        Assert.Equal(TlsExchange.At(14).UnixNanoseconds + (6 * TlsExchange.NanosecondsPerByte), facts.DoneTime!.Value.UnixNanoseconds);
        Assert.Equal(1, facts.RequestsEstimated);
        Assert.Null(facts.Error);
    }

    [Fact]
    public void ToFacts_Tls12SessionIdNotEchoed_FullOfferedSessionId()
    {
        // Arrange: a 16-byte session id; the server starts a new session (the real flight, empty session id).
        TlsExchange exchange = Full(ClientHelloWithSessionId([.. s_sessionId[..16]], SessionTicket()));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.False(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.SessionId, facts.ResumptionOffered);
        Assert.True(facts.ServerCertificateSeen);
        Assert.Equal((16, 0), (facts.ClientSessionIdLength, facts.ServerSessionIdLength));
        Assert.Equal(TlsExchange.At(14), facts.DoneTime);
    }

    [Fact]
    public void ToFacts_Tls12ServerAnswersWithOtherSessionId_NotResumed()
    {
        // Arrange: same length, different bytes: a new session, not an echo.
        TlsExchange exchange = Abbreviated(
            ClientHelloWithSessionId(s_sessionId),
            ServerHelloWithSessionId(s_otherSessionId, EcdheRsaAes128Gcm));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.False(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.SessionId, facts.ResumptionOffered);
    }

    [Fact]
    public void ToFacts_Tls12TicketAcceptedWithoutCertificate_ResumedOfferedTicket()
    {
        // Arrange: a ticket and no session id; the server's CCS comes without a Certificate before it.
        TlsExchange exchange = Abbreviated(
            ClientHelloWithSessionId([], SessionTicket(s_ticket)),
            ServerHelloWithSessionId([], EcdheRsaAes128Gcm, SessionTicket()));
        int beforeServerCcs = exchange.Flights[0].Bytes.Length + exchange.Flights[1].RecordOffset(2);

        // Act
        TlsFacts beforeCcs = exchange.FeedPrefix(beforeServerCcs).ToFacts()!;
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert: the verdict waits for the server's ChangeCipherSpec.
        Assert.False(beforeCcs.Resumed);
        Assert.True(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.Ticket, facts.ResumptionOffered);
        Assert.False(facts.ServerCertificateSeen);
        Assert.Equal((0, 0), (facts.ClientSessionIdLength, facts.ServerSessionIdLength));
    }

    [Fact]
    public void ToFacts_Tls12TicketWithSessionIdMarker_OfferedTicketOnly()
    {
        // Arrange: RFC 5077 section 3.4: the client sends a session id beside the ticket; the accepting server echoes it.
        TlsExchange exchange = Abbreviated(
            ClientHelloWithSessionId(s_sessionId, SessionTicket(s_ticket)),
            ServerHelloWithSessionId(s_sessionId, EcdheRsaAes128Gcm, SessionTicket()));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.True(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.Ticket, facts.ResumptionOffered);
    }

    [Fact]
    public void ToFacts_Tls12TicketOfferedServerSendsCertificate_FullOfferedTicket()
    {
        // Arrange: the ticket (beside a session id marker) is declined: the real full server flight follows.
        TlsExchange exchange = Full(ClientHelloWithSessionId(s_sessionId, SessionTicket(s_ticket)));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.False(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.Ticket, facts.ResumptionOffered);
        Assert.True(facts.ServerCertificateSeen);
        Assert.Equal(TlsExchange.At(14), facts.DoneTime);
    }

    [Theory]
    [InlineData(32, true, TlsResumptionOffer.SessionId)]     // echoed by a TLS 1.2 server: it was a real session
    [InlineData(32, false, TlsResumptionOffer.None)]         // declined: cannot be told from the compatibility id
    [InlineData(16, false, TlsResumptionOffer.SessionId)]    // not the compatibility id's length
    public void ToFacts_Tls13CapableClientSessionIdTls12Server_OfferedPerCompatibilityRule(int length, bool echoed, TlsResumptionOffer expected)
    {
        // Arrange: a client that offers TLS 1.3 and 1.2 with a session id; the server picks TLS 1.2.
        byte[] sessionId = s_sessionId[..length];
        TlsExchange exchange = Abbreviated(
            ClientHelloWithSessionId(sessionId, SupportedVersions(0x0304, 0x0303), ClientKeyShare(0x001d)),
            ServerHelloWithSessionId(echoed ? sessionId : s_otherSessionId, EcdheRsaAes128Gcm));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(expected, facts.ResumptionOffered);
        Assert.Equal(echoed, facts.Resumed);
        Assert.Equal((ushort)0x0303, facts.Version);
    }

    [Fact]
    public void ToFacts_Tls13CompatibilityIdBeforeServerHello_OfferedNone()
    {
        // Arrange: only the ClientHello of a TLS 1.3 client with a 32-byte id has arrived.
        TlsExchange exchange = new TlsExchange()
            .Client(10, ClientHelloRecord(ClientHelloWithSessionId(s_sessionId, SupportedVersions(0x0304, 0x0303))));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(TlsResumptionOffer.None, facts.ResumptionOffered);
        Assert.Null(facts.Resumed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToFacts_Tls13PskOffered_ResumedOnlyWhenServerHelloSelectsIdentity(bool selected)
    {
        // Arrange: a TLS 1.3 ClientHello with a compatibility id and two PSK identities; the ServerHello echoes the
        // id either way (so an echo alone must not count in TLS 1.3) and carries pre_shared_key only when it resumes.
        byte[] clientHello = ClientHelloWithSessionId(
            s_sessionId, SupportedVersions(0x0304, 0x0303), ClientKeyShare(0x001d), PskKeyExchangeModes(), OfferedPsks(2));
        byte[][] serverExtensions = selected
            ? [SelectedVersion(0x0304), ServerKeyShare(0x001d), SelectedPsk(0)]
            : [SelectedVersion(0x0304), ServerKeyShare(0x001d)];
        TlsExchange exchange = new TlsExchange()
            .Client(10, ClientHelloRecord(clientHello))
            .Server(12, ServerHelloRecord(ServerHelloWithSessionId(s_sessionId, 0x1301, serverExtensions)), ChangeCipherSpec(), ApplicationData(300))
            .Client(14, ChangeCipherSpec(), ApplicationData(53));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(TlsResumptionOffer.Psk, facts.ResumptionOffered);
        Assert.Equal(selected, facts.Resumed);
        Assert.Equal(selected ? (ushort?)0 : null, facts.SelectedPskIdentity);
        Assert.Equal(((ushort?)0x0304, (ushort?)0x001d), (facts.Version, facts.KeyShareGroup));
        Assert.Equal(TlsExchange.At(14), facts.DoneTime);
    }

    [Fact]
    public void ToFacts_Tls13PskAndTicket_BothOffered()
    {
        // Arrange: pre_shared_key beside a non-empty session_ticket (a client that could fall back to TLS 1.2 resumption).
        byte[] clientHello = ClientHelloWithSessionId(
            s_sessionId, SupportedVersions(0x0304, 0x0303), SessionTicket(s_ticket), ClientKeyShare(0x001d), PskKeyExchangeModes(), OfferedPsks(1));
        TlsExchange exchange = new TlsExchange().Client(10, ClientHelloRecord(clientHello));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(TlsResumptionOffer.Psk | TlsResumptionOffer.Ticket, facts.ResumptionOffered);
    }
}
