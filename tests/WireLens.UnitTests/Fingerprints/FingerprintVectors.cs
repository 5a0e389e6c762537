using System.Text;
using WireLens.Wire.Tls.Fingerprints;

namespace WireLens.UnitTests.Fingerprints;

// Inputs taken from public sources; each one says where it came from.
internal static class FingerprintVectors
{
    // FoxIO-LLC/ja4 technical_details/JA4.md, "Cipher hash" (wire order), "Extension hash" and "Raw Output"
    // (JA4_ro gives the extensions in wire order, SNI 0000 and ALPN 0010 included), ALPN "h2", TLS 1.3, SNI present.
    public static readonly ushort[] SpecCiphers =
        [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];

    public static readonly ushort[] SpecExtensions =
        [0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d, 0x0005, 0x0023, 0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015];

    public static readonly ushort[] SpecSignatureAlgorithms = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

    public static ClientHelloFingerprintInput SpecExample() => new()
    {
        Transport = FingerprintTransport.Tcp,
        Ja4Version = 0x0304,
        LegacyVersion = 0x0303,
        HasServerName = true,
        AlpnFirstValue = Encoding.ASCII.GetBytes("h2"),
        CipherSuites = SpecCiphers,
        Extensions = SpecExtensions,
        SignatureAlgorithms = SpecSignatureAlgorithms,
    };

    // A Chrome 143 ClientHello as reported by browserleaks.com, stored in service0427/v2_cp_app tls.md
    // (fields ja4, ja4_r, ja4_ro, ja3_text, ja3_hash). Both hashes were re-checked with sha256sum/md5sum.
    // The report shows the hello with GREASE already removed; Chrome sends GREASE first in ciphers, first and last
    // in extensions and first in groups, so those positions get GREASE here to check that it is ignored.
    public static ClientHelloFingerprintInput ChromeWithGrease() => new()
    {
        Transport = FingerprintTransport.Tcp,
        Ja4Version = 0x0304,
        LegacyVersion = 0x0303,
        HasServerName = true,
        AlpnFirstValue = Encoding.ASCII.GetBytes("h2"),
        CipherSuites = (ushort[])
        [
            0x3a3a, 4865, 4866, 4867, 49195, 49199, 49196, 49200, 52393, 52392, 49171, 49172, 156, 157, 47, 53,
        ],
        Extensions = (ushort[])
        [
            0x9a9a, 45, 51, 16, 65037, 23, 17613, 0, 11, 10, 43, 65281, 35, 18, 5, 13, 27, 0xdada,
        ],
        SupportedGroups = (ushort[])[0x2a2a, 4588, 29, 23, 24],
        EcPointFormats = (byte[])[0],
        SignatureAlgorithms = SpecSignatureAlgorithms,
    };
}
