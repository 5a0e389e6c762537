using WireLens.Wire.Tls;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Tls;

/// <summary>
/// Whole TLS conversations built from the real hellos, shared by the analyzer tests. Both keep one layout:
/// flight 0 the ClientHello, flight 1 the server's first flight (record 0 its ServerHello), flight 2 the client's
/// second flight (record <see cref="ExchangeCase.DoneRecord"/> the done record, its Finished), flight 3 the rest of
/// the server's handshake, flight 4 one request, flight 5 its response.
/// </summary>
internal static class TlsExchanges
{
    public const int ClientHelloFlight = 0;
    public const int ServerHelloFlight = 1;
    public const int DoneFlight = 2;
    public const int RequestFlight = 4;

    public static TheoryData<string> Names => ["tls12", "tls13"];

    public static ExchangeCase Get(string name) => name switch
    {
        "tls12" => Tls12Full(),
        "tls13" => Tls13Full(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "tls12 or tls13"),
    };

    /// <summary>OpenSSL's TLS 1.3 handshake with middlebox compatibility: CCS records and encrypted flights.</summary>
    public static ExchangeCase Tls13Full() => new(
        new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls13)
            .Server(12, TlsTestVectors.ServerHelloTls13, ChangeCipherSpec(), ApplicationData(900))  // EncryptedExtensions .. Finished
            .Client(14, ChangeCipherSpec(), ApplicationData(53))                                    // Finished: done
            .Server(15, ApplicationData(200), ApplicationData(200))                                 // two NewSessionTickets
            .Client(16, ApplicationData(80))
            .Server(17, ApplicationData(300)),
        DoneRecord: 1,
        CertificateRecord: null);

    /// <summary>A full TLS 1.2 handshake: the real server flight, then the client's and the server's CCS + Finished.</summary>
    public static ExchangeCase Tls12Full() => new(
        new TlsExchange()
            .Client(10, TlsTestVectors.ClientHelloTls12)
            .Server(12, Split(TlsTestVectors.ServerFlightTls12))                                     // ServerHello, Certificate, ServerKeyExchange, ServerHelloDone
            .Client(14, ClientKeyExchange(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))  // Finished: done
            .Server(16, NewSessionTicket(), ChangeCipherSpec(), Opaque(TlsContentType.Handshake, 40))
            .Client(18, ApplicationData(100))
            .Server(20, ApplicationData(300)),
        DoneRecord: 2,
        CertificateRecord: 1);
}

/// <summary>An exchange and where its milestones are (see <see cref="TlsExchanges"/>).</summary>
internal sealed record ExchangeCase(TlsExchange Exchange, int DoneRecord, int? CertificateRecord);
