using WireLens.Wire.Tls;

namespace WireLens.Analysis.Tls;

/// <summary>The words of <see cref="TlsFacts.Error"/>: what was malformed, and which field.</summary>
internal static class TlsErrorText
{
    /// <summary>"malformed ClientHello (cipher_suites length)" style.</summary>
    public static string Describe(string what, TlsMalformedReason reason) => $"malformed {what} ({Field(reason)})";

    private static string Field(TlsMalformedReason reason) => reason switch
    {
        TlsMalformedReason.RecordUnknownContentType => "unknown content type",
        TlsMalformedReason.RecordInvalidVersion => "version major byte not 3",
        TlsMalformedReason.RecordLengthTooLarge => "length over 2^14+2048",
        TlsMalformedReason.HandshakeMessageTooLarge => "message length over the limit",
        TlsMalformedReason.HandshakeBufferOverflow => "too many buffered bytes",
        TlsMalformedReason.HelloFixedFields => "ends inside version or random",
        TlsMalformedReason.SessionIdLength => "session_id length",
        TlsMalformedReason.CipherSuitesLength => "cipher_suites length",
        TlsMalformedReason.CipherSuiteOrCompression => "ends inside cipher_suite or compression_method",
        TlsMalformedReason.CompressionMethodsLength => "compression_methods length",
        TlsMalformedReason.ExtensionsLength => "extensions length",
        TlsMalformedReason.ExtensionLength => "extension length",
        TlsMalformedReason.DuplicateExtension => "duplicate extension",
        TlsMalformedReason.ServerNameLength => "server_name length",
        TlsMalformedReason.AlpnLength => "ALPN length",
        TlsMalformedReason.SupportedVersionsLength => "supported_versions length",
        TlsMalformedReason.SupportedGroupsLength => "supported_groups length",
        TlsMalformedReason.KeyShareLength => "key_share length",
        TlsMalformedReason.SignatureAlgorithmsLength => "signature_algorithms length",
        TlsMalformedReason.PskKeyExchangeModesLength => "psk_key_exchange_modes length",
        TlsMalformedReason.PreSharedKeyLength => "pre_shared_key length",
        TlsMalformedReason.EcPointFormatsLength => "ec_point_formats length",
        _ => reason.ToString(),
    };
}
