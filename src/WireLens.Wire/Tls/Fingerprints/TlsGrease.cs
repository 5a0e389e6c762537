namespace WireLens.Wire.Tls.Fingerprints;

/// <summary>
/// GREASE values (RFC 8701, section 2): 0x0A0A, 0x1A1A, ..., 0xFAFA. Both JA3 and JA4 ignore them everywhere.
/// </summary>
public static class TlsGrease
{
    /// <summary>
    /// True for the sixteen reserved GREASE code points of cipher suites, extensions, named groups,
    /// signature algorithms and versions: both bytes equal, low nibble 0xA (RFC 8701 section 2).
    /// </summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
}
