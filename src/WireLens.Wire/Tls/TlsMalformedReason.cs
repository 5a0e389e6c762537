namespace WireLens.Wire.Tls;

/// <summary>Why a TLS record, handshake message or hello was rejected; each value names the field that failed.</summary>
public enum TlsMalformedReason
{
    /// <summary>Not malformed.</summary>
    None = 0,

    /// <summary>The record content type is not one of <see cref="TlsContentType"/>.</summary>
    RecordUnknownContentType,

    /// <summary>The record legacy_version major byte is not 3 (SSL 3.0 and every TLS version use 3.x).</summary>
    RecordInvalidVersion,

    /// <summary>The record length exceeds 2^14 + 2048 (RFC 5246 section 6.2.3).</summary>
    RecordLengthTooLarge,

    /// <summary>A handshake message declares a body larger than the assembler accepts.</summary>
    HandshakeMessageTooLarge,

    /// <summary>More handshake bytes were buffered than one message can span; the caller did not drain messages.</summary>
    HandshakeBufferOverflow,

    /// <summary>The hello ends inside legacy_version or random.</summary>
    HelloFixedFields,

    /// <summary>legacy_session_id length overruns the body or exceeds 32.</summary>
    SessionIdLength,

    /// <summary>cipher_suites length overruns the body, is odd, or is zero.</summary>
    CipherSuitesLength,

    /// <summary>The ServerHello ends inside cipher_suite or legacy_compression_method.</summary>
    CipherSuiteOrCompression,

    /// <summary>legacy_compression_methods length overruns the body or is zero.</summary>
    CompressionMethodsLength,

    /// <summary>The extensions block length is truncated or does not end exactly at the end of the body.</summary>
    ExtensionsLength,

    /// <summary>One extension's header or extension_data length overruns the extensions block.</summary>
    ExtensionLength,

    /// <summary>The same extension type appears twice in one block (RFC 8446 section 4.2).</summary>
    DuplicateExtension,

    /// <summary>server_name list or host name length is inconsistent (RFC 6066 section 3).</summary>
    ServerNameLength,

    /// <summary>ALPN protocol_name_list or a protocol name length is inconsistent (RFC 7301 section 3.1).</summary>
    AlpnLength,

    /// <summary>supported_versions length is inconsistent (RFC 8446 section 4.2.1).</summary>
    SupportedVersionsLength,

    /// <summary>supported_groups length is inconsistent (RFC 8446 section 4.2.7).</summary>
    SupportedGroupsLength,

    /// <summary>key_share client_shares or key_exchange length is inconsistent (RFC 8446 section 4.2.8).</summary>
    KeyShareLength,

    /// <summary>signature_algorithms length is inconsistent (RFC 8446 section 4.2.3).</summary>
    SignatureAlgorithmsLength,

    /// <summary>psk_key_exchange_modes length is inconsistent (RFC 8446 section 4.2.9).</summary>
    PskKeyExchangeModesLength,

    /// <summary>pre_shared_key identities or binders length is inconsistent (RFC 8446 section 4.2.11).</summary>
    PreSharedKeyLength,

    /// <summary>ec_point_formats length is inconsistent (RFC 8422 section 5.1.2).</summary>
    EcPointFormatsLength,
}
