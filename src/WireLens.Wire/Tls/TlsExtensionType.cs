namespace WireLens.Wire.Tls;

/// <summary>
/// Hello extension types from the IANA "TLS ExtensionType Values" registry (RFC 8446 section 4.2, RFC 6066, RFC 7301).
/// Values not listed here still round-trip through the enum; GREASE values (RFC 8701) appear as unnamed numbers.
/// </summary>
public enum TlsExtensionType : ushort
{
    ServerName = 0,
    MaxFragmentLength = 1,
    StatusRequest = 5,
    SupportedGroups = 10,
    EcPointFormats = 11,
    SignatureAlgorithms = 13,
    UseSrtp = 14,
    Heartbeat = 15,
    ApplicationLayerProtocolNegotiation = 16,
    SignedCertificateTimestamp = 18,
    ClientCertificateType = 19,
    ServerCertificateType = 20,
    Padding = 21,
    EncryptThenMac = 22,
    ExtendedMasterSecret = 23,
    CompressCertificate = 27,
    RecordSizeLimit = 28,
    DelegatedCredential = 34,
    SessionTicket = 35,
    PreSharedKey = 41,
    EarlyData = 42,
    SupportedVersions = 43,
    Cookie = 44,
    PskKeyExchangeModes = 45,
    CertificateAuthorities = 47,
    OidFilters = 48,
    PostHandshakeAuth = 49,
    SignatureAlgorithmsCert = 50,
    KeyShare = 51,
    ApplicationSettings = 17513,
    EncryptedClientHello = 0xfe0d,
    RenegotiationInfo = 0xff01,
}
