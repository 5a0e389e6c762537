using WireLens.Analysis.Tls;
using WireLens.Wire;
using WireLens.Wire.Tls;
using WireLens.Wire.Tls.Fingerprints;
using static WireLens.UnitTests.Tls.TlsExchanges;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Tls;

/// <summary>
/// The per-connection TLS analyzer over whole exchanges (docs/analysis.md, "TLS"): the facts of both hellos, the
/// CH/SH/done times by the record that carried each message, however the streams are cut into calls.
/// </summary>
public class TlsConnectionAnalyzerTests
{
    private static (string Ja4, string Ja3) Fingerprints(byte[] clientHelloRecord)
    {
        Assert.Equal(
            TlsParseStatus.Done,
            TlsHelloParser.TryParseClientHello(TlsHelloCases.Body(clientHelloRecord), out ClientHelloInfo? hello, out _));
        ClientHelloFingerprintInput input = ClientHelloFingerprintInput.FromClientHello(hello!);
        return (Ja4.Compute(input), Ja3.Compute(input).Md5);
    }

    private static Timestamp AtOffset(double ms, int byteOffset) =>
        new(TlsExchange.At(ms).UnixNanoseconds + (byteOffset * TlsExchange.NanosecondsPerByte));

    [Fact]
    public void ToFacts_Tls13FullHandshake_HelloFactsTimesAndFingerprints()
    {
        // Arrange: one call per record, each timed by its offset in its flight, so the client's Finished (6 bytes
        // after its CCS) has a time of its own.
        ExchangeCase c = Tls13Full();
        (string ja4, string ja3) = Fingerprints(TlsTestVectors.ClientHelloTls13);

        // Act
        TlsConnectionAnalyzer analyzer = c.Exchange.FeedRecordPerCall();
        TlsFacts? facts = analyzer.ToFacts();

        // Assert
        Assert.True(analyzer.IsTls);
        Assert.NotNull(facts);
        Assert.Equal((ushort)0x0304, facts.Version);                    // supported_versions, not legacy_version 0x0303
        Assert.Equal((ushort)0x1302, facts.CipherSuite);
        Assert.Equal("example.com", facts.ServerName);
        Assert.Equal(["h2", "http/1.1"], facts.AlpnOffered);
        Assert.Null(facts.AlpnSelected);
        Assert.True(facts.AlpnSelectedEncrypted);
        Assert.Equal((ushort)0x001d, facts.KeyShareGroup);              // x25519
        Assert.False(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.None, facts.ResumptionOffered); // a 32-byte compatibility id, an empty session_ticket
        Assert.False(facts.HelloRetryRequest);
        Assert.Equal(1, facts.ClientHelloCount);
        Assert.Equal((32, 32), (facts.ClientSessionIdLength, facts.ServerSessionIdLength));
        Assert.False(facts.ServerCertificateSeen);
        Assert.Null(facts.SelectedPskIdentity);
        Assert.Equal(TlsExchange.At(10), facts.ClientHelloTime);
        Assert.Equal(TlsExchange.At(12), facts.ServerHelloTime);
        Assert.Equal(AtOffset(14, 6), facts.DoneTime);                  // the Finished, not the CCS before it
        Assert.Equal(2.0, facts.ClientHelloToServerHelloMs);
        Assert.Equal(4.0006, facts.HandshakeMs!.Value, 9);
        Assert.Empty(facts.Alerts);
        Assert.Null(facts.Error);
        Assert.Equal(1, facts.RequestsEstimated);
        Assert.NotNull(facts.Ja4);
        Assert.StartsWith("t13d3111h2_", facts.Ja4, StringComparison.Ordinal); // 31 suites, 11 extensions, ALPN h2
        Assert.Equal(ja4, facts.Ja4);
        Assert.Equal(ja3, facts.Ja3);
        Assert.Matches("^[0-9a-f]{32}$", facts.Ja3);
    }

    [Fact]
    public void ToFacts_Tls12FullHandshake_CertificateSeenAlpnSelectedDoneAtClientFinished()
    {
        // Arrange: the client's second flight is ClientKeyExchange (42 bytes), CCS (6), Finished.
        ExchangeCase c = Tls12Full();
        (string ja4, string ja3) = Fingerprints(TlsTestVectors.ClientHelloTls12);

        // Act
        TlsFacts facts = c.Exchange.FeedRecordPerCall().ToFacts()!;

        // Assert
        Assert.Equal((ushort)0x0303, facts.Version);
        Assert.Equal((ushort)0xc02c, facts.CipherSuite);
        Assert.Equal("www.example.org", facts.ServerName);
        Assert.Equal(["h2", "http/1.1"], facts.AlpnOffered);
        Assert.Equal("http/1.1", facts.AlpnSelected);
        Assert.False(facts.AlpnSelectedEncrypted);
        Assert.Null(facts.KeyShareGroup);
        Assert.True(facts.ServerCertificateSeen);
        Assert.False(facts.Resumed);
        Assert.Equal(TlsResumptionOffer.None, facts.ResumptionOffered);
        Assert.Equal((0, 0), (facts.ClientSessionIdLength, facts.ServerSessionIdLength));
        Assert.Equal(TlsExchange.At(10), facts.ClientHelloTime);
        Assert.Equal(TlsExchange.At(12), facts.ServerHelloTime);
        Assert.Equal(AtOffset(14, 42 + 6), facts.DoneTime);             // the client's first record after its CCS
        Assert.Equal(1, facts.RequestsEstimated);
        Assert.Empty(facts.Alerts);
        Assert.Null(facts.Error);
        Assert.StartsWith("t12d2808h2_", facts.Ja4, StringComparison.Ordinal);
        Assert.Equal((ja4, ja3), (facts.Ja4, facts.Ja3));
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(TlsExchanges))]
    public void Feed_OneBytePerCall_TimedByFirstByteOfRecordOtherFactsSame(string name)
    {
        // Arrange: every byte has a time of its own (100 ns per byte of offset in its flight).
        ExchangeCase c = Get(name);
        TlsFacts whole = c.Exchange.Feed().ToFacts()!;

        // Act
        TlsFacts facts = c.Exchange.FeedBytePerCall().ToFacts()!;

        // Assert: the time of the record's first byte, not of the byte that completed the message.
        Assert.Equal(TlsExchange.At(10), facts.ClientHelloTime);
        Assert.Equal(TlsExchange.At(12), facts.ServerHelloTime);
        Assert.Equal(c.Exchange.TimeOfRecord(DoneFlight, c.DoneRecord), facts.DoneTime);
        Assert.Equal(AtOffset(14, c.Exchange.Flights[DoneFlight].RecordOffset(c.DoneRecord)), facts.DoneTime);
        Assert.Equivalent(
            whole with { ClientHelloTime = facts.ClientHelloTime, ServerHelloTime = facts.ServerHelloTime, DoneTime = facts.DoneTime },
            facts,
            strict: true);
    }

    [Theory]
    [MemberData(nameof(Names), MemberType = typeof(TlsExchanges))]
    public void Feed_RandomChunkBoundaries_TimedByChunkHoldingRecordStartOtherFactsSame(string name)
    {
        ExchangeCase c = Get(name);
        TlsFacts whole = c.Exchange.Feed().ToFacts()!;
        for (int seed = 0; seed < 200; seed++)
        {
            // Arrange
            var random = new Random(seed);

            // Act
            TlsFacts facts = c.Exchange.FeedInRandomChunks(random).ToFacts()!;

            // Assert
            Assert.Equal(c.Exchange.TimeOfRecord(ClientHelloFlight, 0), facts.ClientHelloTime);
            Assert.Equal(c.Exchange.TimeOfRecord(ServerHelloFlight, 0), facts.ServerHelloTime);
            Assert.Equal(c.Exchange.TimeOfRecord(DoneFlight, c.DoneRecord), facts.DoneTime);
            Assert.Equivalent(
                whole with { ClientHelloTime = facts.ClientHelloTime, ServerHelloTime = facts.ServerHelloTime, DoneTime = facts.DoneTime },
                facts,
                strict: true);
        }
    }

    [Fact]
    public void Feed_ClientHelloSplitOverTwoRecordsAndChunks_TimedByRecordWhereItStarts()
    {
        // Arrange: the ClientHello message cut after 100 bytes into two Handshake records sent 1 ms apart.
        byte[] message = Fragment(TlsTestVectors.ClientHelloTls13);
        TlsExchange split = new TlsExchange()
            .Client(10, HandshakeRecord(message[..100]))
            .Client(11, HandshakeRecord(message[100..]))
            .Server(12, TlsTestVectors.ServerHelloTls13);
        TlsFacts oneRecord = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(12, TlsTestVectors.ServerHelloTls13)
            .Feed().ToFacts()!;

        // Act
        TlsFacts perFlight = split.Feed().ToFacts()!;
        TlsFacts perByte = split.FeedBytePerCall().ToFacts()!;

        // Assert
        Assert.Equal(TlsExchange.At(10), perFlight.ClientHelloTime);
        Assert.Equal(TlsExchange.At(10), perByte.ClientHelloTime);
        Assert.Equivalent(oneRecord, perFlight, strict: true);
        Assert.Equivalent(oneRecord, perByte, strict: true);
    }

    [Fact]
    public void Feed_ServerHelloSplitOverTwoRecords_TimedByRecordWhereItStarts()
    {
        // Arrange: a CertificateStatus message, then the ServerHello's first 30 bytes in one record; its rest in the next.
        byte[] filler = Message(TlsHandshakeType.CertificateStatus, new byte[40]);
        byte[] serverHello = Fragment(TlsTestVectors.ServerHelloTls12);
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, HandshakeRecord(filler, serverHello[..30]))
            .Server(13, HandshakeRecord(serverHello[30..]));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert
        Assert.Equal(TlsExchange.At(12), facts.ServerHelloTime);
        Assert.Equal(((ushort?)0x0303, "http/1.1"), (facts.Version, facts.AlpnSelected));
        Assert.Null(facts.Error);
    }

    [Fact]
    public void Feed_ServerHelloStartsAfterMessageBegunInEarlierRecord_TimedByItsOwnRecord()
    {
        // Arrange: record 1 holds the first half of a CertificateStatus message; record 2 its rest, then the ServerHello.
        byte[] filler = Message(TlsHandshakeType.CertificateStatus, new byte[40]);
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, HandshakeRecord(filler[..20]))
            .Server(13, HandshakeRecord(filler[20..], Fragment(TlsTestVectors.ServerHelloTls12)));

        // Act
        TlsFacts perFlight = exchange.Feed().ToFacts()!;
        TlsFacts perByte = exchange.FeedBytePerCall().ToFacts()!;

        // Assert: not 12, where the message before it began.
        Assert.Equal(TlsExchange.At(13), perFlight.ServerHelloTime);
        Assert.Equal(TlsExchange.At(13), perByte.ServerHelloTime);
        Assert.Equal((ushort)0x0303, perByte.Version);
    }

    [Fact]
    public void Feed_WholeServerFlightInOneRecord_EveryMessageDecoded()
    {
        // Arrange: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone coalesced into one record, cut in 7-byte chunks.
        byte[] messages = [.. Split(TlsTestVectors.ServerFlightTls12).SelectMany(Fragment)];
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, HandshakeRecord(messages))
            .Client(14, ClientKeyExchange(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40));

        // Act
        TlsFacts facts = exchange.FeedInChunksOf(7).ToFacts()!;

        // Assert
        Assert.Equal(TlsExchange.At(12), facts.ServerHelloTime);
        Assert.True(facts.ServerCertificateSeen);
        Assert.Equal(((ushort?)0x0303, (ushort?)0xc02c, "http/1.1"), (facts.Version, facts.CipherSuite, facts.AlpnSelected));
        Assert.Equal(AtOffset(14, 42), facts.DoneTime); // the chunk [42, 49) holds the Finished's first byte (offset 48)
        Assert.Null(facts.Error);
    }

    [Fact]
    public void Feed_Tls13HandshakeRecordAfterServerHello_NotDecoded()
    {
        // Arrange: after a TLS 1.3 ServerHello the server direction is encrypted, so a Handshake record holding what
        // looks like a Certificate message (or anything else) is not read.
        byte[] certificate = Split(TlsTestVectors.ServerFlightTls12)[1];
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(12, TlsTestVectors.ServerHelloTls13, certificate, HandshakeRecord(Message(TlsHandshakeType.ServerHello, [0x03])));

        // Act
        TlsFacts facts = exchange.Feed().ToFacts()!;

        // Assert: neither a Certificate nor a malformed second ServerHello.
        Assert.False(facts.ServerCertificateSeen);
        Assert.Null(facts.Error);
        Assert.Equal((ushort)0x0304, facts.Version);
    }

    [Fact]
    public void ToFacts_HelloRetryRequest_FirstClientHelloRealServerHelloBothCounted()
    {
        // Arrange: CH (example.com, ALPN), HRR + CCS, CCS + second CH (hrr.test, no ALPN), the real ServerHello.
        TlsExchange exchange = new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(12, TlsTestVectors.HelloRetryRequest, ChangeCipherSpec())
            .Client(14, ChangeCipherSpec(), TlsTestVectors.ClientHelloAfterRetry)
            .Server(16, TlsTestVectors.ServerHelloTls13, ChangeCipherSpec(), ApplicationData(900))
            .Client(18, ChangeCipherSpec(), ApplicationData(53));
        (string ja4, _) = Fingerprints(TlsTestVectors.ClientHelloTls13);

        // Act
        TlsFacts afterRetry = exchange.FeedPrefix(exchange.Flights[0].Bytes.Length + exchange.Flights[1].Bytes.Length).ToFacts()!;
        TlsFacts facts = exchange.FeedRecordPerCall().ToFacts()!;

        // Assert
        Assert.True(afterRetry.HelloRetryRequest);
        Assert.Equal(((ushort?)null, (Timestamp?)null, (bool?)null), (afterRetry.Version, afterRetry.ServerHelloTime, afterRetry.Resumed));
        Assert.True(facts.HelloRetryRequest);
        Assert.Equal(2, facts.ClientHelloCount);
        Assert.Equal(TlsExchange.At(10), facts.ClientHelloTime);
        Assert.Equal(TlsExchange.At(16), facts.ServerHelloTime);
        Assert.Equal(6.0, facts.ClientHelloToServerHelloMs);
        Assert.Equal(AtOffset(18, 6), facts.DoneTime);
        Assert.Equal((ushort)0x001d, facts.KeyShareGroup);              // the real ServerHello's, not the HRR's secp384r1
        Assert.Equal((ushort)0x0304, facts.Version);
        Assert.Equal("example.com", facts.ServerName);                  // the first ClientHello's
        Assert.Equal(["h2", "http/1.1"], facts.AlpnOffered);
        Assert.Equal(ja4, facts.Ja4);
        Assert.False(facts.Resumed);
        Assert.Null(facts.Error);
    }
}
