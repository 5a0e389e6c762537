namespace WireLens.Wire.Tls;

/// <summary>GREASE values (RFC 8701): 0x0A0A, 0x1A1A, ... 0xFAFA, reserved so peers learn to ignore unknown values.</summary>
public static class TlsGrease
{
    /// <summary>True for the 16 GREASE values of cipher suites, groups, extensions, versions and signature schemes.</summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
}
