using System.Security.Cryptography;
using System.Text;

namespace WireLens.Wire.Tls.Fingerprints;

/// <summary>
/// JA4 TLS client fingerprint, per FoxIO-LLC/ja4 technical_details/JA4.md ("JA4 Algorithm", "Details",
/// "Raw Output"): <c>a_b_c</c> where a = transport, version, SNI, cipher count, extension count, ALPN;
/// b = truncated SHA-256 of the sorted cipher list; c = truncated SHA-256 of the sorted extension list
/// (without SNI and ALPN) + "_" + the signature algorithms in wire order. GREASE is ignored everywhere.
/// </summary>
public static class Ja4
{
    private const int HashLength = 12;
    private const string EmptyHash = "000000000000";
    private const int MaxCount = 99;
    private const ushort ServerNameExtension = 0x0000;
    private const ushort AlpnExtension = 0x0010;

    /// <summary>The JA4 fingerprint, e.g. <c>t13d1516h2_8daaf6152771_e5627efa2ab1</c>.</summary>
    public static string Compute(in ClientHelloFingerprintInput input) => Build(input, hashed: true, original: false);

    /// <summary>The raw form <c>ja4_r</c>: sorted lists printed instead of hashed (JA4.md "Raw Output").</summary>
    public static string ComputeRaw(in ClientHelloFingerprintInput input) => Build(input, hashed: false, original: false);

    /// <summary>
    /// <c>ja4_o</c>: hashes of the lists in wire order, SNI and ALPN kept, GREASE removed (JA4.md "Raw Output").
    /// </summary>
    public static string ComputeOriginal(in ClientHelloFingerprintInput input) => Build(input, hashed: true, original: true);

    /// <summary><c>ja4_ro</c>: the lists in wire order, SNI and ALPN kept, GREASE removed, unhashed.</summary>
    public static string ComputeRawOriginal(in ClientHelloFingerprintInput input) => Build(input, hashed: false, original: true);

    /// <summary>
    /// The version JA4 reads (JA4.md "TLS and DTLS Version"): the highest non-GREASE value of supported_versions
    /// (0x002b) when that extension is present, else ClientHello.legacy_version.
    /// </summary>
    /// <param name="legacyVersion">ClientHello.legacy_version.</param>
    /// <param name="supportedVersions">The supported_versions list; empty when the extension is absent.</param>
    public static ushort SelectVersion(ushort legacyVersion, ReadOnlySpan<ushort> supportedVersions)
    {
        ushort highest = 0;
        bool found = false;
        foreach (ushort version in supportedVersions)
        {
            if (!TlsGrease.IsGrease(version) && (!found || version > highest))
            {
                highest = version;
                found = true;
            }
        }

        return found ? highest : legacyVersion;
    }

    private static string Build(in ClientHelloFingerprintInput input, bool hashed, bool original)
    {
        ushort[] ciphers = WithoutGrease(input.CipherSuites.Span, dropSniAndAlpn: false);
        ushort[] allExtensions = WithoutGrease(input.Extensions.Span, dropSniAndAlpn: false);
        ushort[] signatures = WithoutGrease(input.SignatureAlgorithms.Span, dropSniAndAlpn: false);

        // JA4_c leaves out SNI and ALPN, already in JA4_a (JA4.md "Extension hash"); ja4_o keeps them.
        ushort[] extensions = original ? allExtensions : WithoutGrease(input.Extensions.Span, dropSniAndAlpn: true);
        if (!original)
        {
            Array.Sort(ciphers);
            Array.Sort(extensions);
        }

        var text = new StringBuilder(hashed ? 36 : 512);
        AppendPrefix(text, input, ciphers.Length, allExtensions.Length);
        text.Append('_');

        string cipherList = HexList(ciphers);
        text.Append(hashed ? HashOrZeros(cipherList, ciphers.Length) : cipherList);
        text.Append('_');

        // "If there are no signature algorithms in the hello packet, then the string ends without an underscore".
        string extensionList = signatures.Length == 0 ? HexList(extensions) : HexList(extensions) + "_" + HexList(signatures);
        text.Append(hashed ? HashOrZeros(extensionList, extensions.Length) : extensionList);
        return text.ToString();
    }

    // JA4_a: transport, version, SNI, cipher count, extension count, ALPN first/last.
    private static void AppendPrefix(StringBuilder text, in ClientHelloFingerprintInput input, int cipherCount, int extensionCount)
    {
        text.Append(input.Transport switch
        {
            FingerprintTransport.Quic => 'q',
            FingerprintTransport.Dtls => 'd',
            _ => 't',
        });
        text.Append(VersionCode(input.Ja4Version));

        // "If the SNI extension (0x0000) exists ... 'd'. If the SNI does not exist ... 'i'" (JA4.md "SNI").
        text.Append(input.HasServerName ? 'd' : 'i');

        // Two digits, "If there's > 99 ... output '99'" (JA4.md "Number of Ciphers"); extensions alike.
        AppendCount(text, cipherCount);
        AppendCount(text, extensionCount);
        AppendAlpn(text, input.AlpnFirstValue.Span);
    }

    // JA4.md "TLS and DTLS Version": fixed two-character codes, "Unknown = 00".
    private static string VersionCode(ushort version) => version switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        0xFEFF => "d1",
        0xFEFD => "d2",
        0xFEFC => "d3",
        _ => "00",
    };

    private static void AppendCount(StringBuilder text, int count)
    {
        int capped = Math.Min(count, MaxCount);
        text.Append((char)('0' + (capped / 10))).Append((char)('0' + (capped % 10)));
    }

    // JA4.md "ALPN Extension Value": "00" when absent or empty; a single character is both first and last;
    // if the first or last byte is not ASCII alphanumeric, the first and last characters of the hex form of the
    // whole value, i.e. the high nibble of the first byte and the low nibble of the last byte (0x30 0xAB -> "3b").
    private static void AppendAlpn(StringBuilder text, ReadOnlySpan<byte> alpn)
    {
        if (alpn.IsEmpty)
        {
            text.Append("00");
            return;
        }

        byte first = alpn[0];
        byte last = alpn[^1];
        if (IsAsciiAlphanumeric(first) && IsAsciiAlphanumeric(last))
        {
            text.Append((char)first).Append((char)last);
        }
        else
        {
            text.Append(LowerHexDigit(first >> 4)).Append(LowerHexDigit(last & 0xF));
        }
    }

    // "meaning not 0x30-0x39, 0x41-0x5A, or 0x61-0x7A".
    private static bool IsAsciiAlphanumeric(byte value) => char.IsAsciiLetterOrDigit((char)value);

    private static char LowerHexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private static ushort[] WithoutGrease(ReadOnlySpan<ushort> values, bool dropSniAndAlpn)
    {
        var kept = new List<ushort>(values.Length);
        foreach (ushort value in values)
        {
            if (TlsGrease.IsGrease(value) || (dropSniAndAlpn && (value == ServerNameExtension || value == AlpnExtension)))
            {
                continue;
            }

            kept.Add(value);
        }

        return [.. kept];
    }

    // "4 character hex values ..., lower case, comma delimited" (JA4.md "Cipher hash").
    private static string HexList(ushort[] values)
    {
        var text = new StringBuilder(values.Length * 5);
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            ushort value = values[i];
            text.Append(LowerHexDigit(value >> 12))
                .Append(LowerHexDigit((value >> 8) & 0xF))
                .Append(LowerHexDigit((value >> 4) & 0xF))
                .Append(LowerHexDigit(value & 0xF));
        }

        return text.ToString();
    }

    // An empty list gives "000000000000" rather than the hash of nothing (JA4.md "Cipher hash", "Extension hash").
    private static string HashOrZeros(string list, int count)
    {
        if (count == 0)
        {
            return EmptyHash;
        }

        byte[] digest = SHA256.HashData(Encoding.ASCII.GetBytes(list));
        return Convert.ToHexStringLower(digest.AsSpan(0, HashLength / 2));
    }
}
