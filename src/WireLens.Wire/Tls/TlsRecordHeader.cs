namespace WireLens.Wire.Tls;

/// <summary>The 5-byte TLSPlaintext/TLSCiphertext record header (RFC 8446 section 5.1).</summary>
/// <param name="ContentType">The record's content type.</param>
/// <param name="LegacyVersion">The record_version field (0x0301 or 0x0303 in practice, whatever the negotiated version).</param>
/// <param name="Length">The length of the fragment that follows the header.</param>
public readonly record struct TlsRecordHeader(TlsContentType ContentType, ushort LegacyVersion, int Length);
