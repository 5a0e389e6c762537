using System.Text;
using WireLens.Wire.Tls.Fingerprints;

namespace WireLens.UnitTests.Fingerprints;

public class Ja4FingerprintTests
{
    private const string SpecRaw =
        "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
        + "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601";

    // FoxIO-LLC/ja4 technical_details/JA4.md, "Example": JA4 = t13d1516h2_8daaf6152771_e5627efa2ab1.
    [Fact]
    public void Compute_SpecExample_MatchesPublishedFingerprint()
    {
        Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.Compute(FingerprintVectors.SpecExample()));
    }

    // JA4.md, "Raw Output": JA4_r.
    [Fact]
    public void ComputeRaw_SpecExample_MatchesPublishedRawFingerprint()
    {
        Assert.Equal(SpecRaw, Ja4.ComputeRaw(FingerprintVectors.SpecExample()));
    }

    // JA4.md, "Raw Output": JA4_o and JA4_ro keep wire order, SNI and ALPN.
    [Fact]
    public void ComputeOriginal_SpecExample_MatchesPublishedOriginalFingerprints()
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample();

        Assert.Equal("t13d1516h2_acb858a92679_18f69afefd3d", Ja4.ComputeOriginal(input));
        Assert.Equal(
            "t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_"
            + "001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_"
            + "0403,0804,0401,0503,0805,0501,0806,0601",
            Ja4.ComputeRawOriginal(input));
    }

    // JA4.md, "Extension hash": "If there are no signature algorithms ... the string ends without an underscore"
    // and 0005,...,ff01 hashes to 6d807ffa2a79.
    [Fact]
    public void Compute_NoSignatureAlgorithms_HashesExtensionsWithoutUnderscore()
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { SignatureAlgorithms = default };

        Assert.Equal("t13d1516h2_8daaf6152771_6d807ffa2a79", Ja4.Compute(input));
        Assert.Equal(
            "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
            + "0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01",
            Ja4.ComputeRaw(input));
    }

    // JA4.md, "Details": "The program needs to ignore GREASE values anywhere it sees them".
    [Fact]
    public void Compute_GreaseInEveryList_GivesSameFingerprintAsWithout()
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with
        {
            CipherSuites = (ushort[])[0x0a0a, .. FingerprintVectors.SpecCiphers, 0xfafa],
            Extensions = (ushort[])[0x1a1a, .. FingerprintVectors.SpecExtensions, 0x2a2a, 0xeaea],
            SignatureAlgorithms = (ushort[])[0x3a3a, .. FingerprintVectors.SpecSignatureAlgorithms],
        };

        Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.Compute(input));
        Assert.Equal(SpecRaw, Ja4.ComputeRaw(input));
    }

    // service0427/v2_cp_app tls.md (browserleaks.com report of Chrome 143): ja4 and ja4_r; hashes re-checked with sha256sum.
    [Fact]
    public void Compute_ChromeHelloWithGreaseAndEch_MatchesPublishedFingerprint()
    {
        ClientHelloFingerprintInput input = FingerprintVectors.ChromeWithGrease();

        Assert.Equal("t13d1516h2_8daaf6152771_d8a2da3f94cd", Ja4.Compute(input));
        Assert.Equal(
            "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_"
            + "0005,000a,000b,000d,0012,0017,001b,0023,002b,002d,0033,44cd,fe0d,ff01_0403,0804,0401,0503,0805,0501,0806,0601",
            Ja4.ComputeRaw(input));
    }

    // JA4.md, "ALPN Extension Value": h2 -> "h2", http/1.1 -> "h1", a single character is both first and last,
    // absent or empty -> "00", and the five non-alphanumeric examples listed there.
    [Theory]
    [InlineData(new byte[] { 0x68, 0x32 }, "h2")]                      // "h2"
    [InlineData(new byte[] { 0x68, 0x74, 0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31 }, "h1")] // "http/1.1"
    [InlineData(new byte[] { 0x68, 0x33 }, "h3")]                      // "h3"
    [InlineData(new byte[] { 0x68 }, "hh")]                            // one character: first and last
    [InlineData(new byte[] { 0x37 }, "77")]                            // one digit
    [InlineData(new byte[] { }, "00")]                                 // empty or absent
    [InlineData(new byte[] { 0xAB }, "ab")]
    [InlineData(new byte[] { 0xAB, 0xCD }, "ad")]
    [InlineData(new byte[] { 0x30, 0xAB }, "3b")]
    [InlineData(new byte[] { 0x30, 0x31, 0xAB, 0xCD }, "3d")]
    [InlineData(new byte[] { 0x30, 0xAB, 0xCD, 0x31 }, "01")]
    [InlineData(new byte[] { 0x2F, 0x41 }, "21")]                      // "/A": non-alphanumeric first byte
    [InlineData(new byte[] { 0x41, 0x7E }, "4e")]                      // "A~": non-alphanumeric last byte
    public void Compute_AlpnFirstValue_GivesSpecCharacters(byte[] alpn, string expected)
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { AlpnFirstValue = alpn };

        Assert.Equal($"t13d1516{expected}_8daaf6152771_e5627efa2ab1", Ja4.Compute(input));
    }

    // JA4.md, "Number of Ciphers": "If there's > 99 ... then output '99'"; GREASE does not count.
    [Fact]
    public void Compute_MoreThan99Ciphers_CountCappedAt99()
    {
        ushort[] ciphers = [.. Enumerable.Range(0x0001, 120).Select(i => (ushort)i)];
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { CipherSuites = ciphers };

        string ja4 = Ja4.Compute(input);

        Assert.StartsWith("t13d9916h2_", ja4, StringComparison.Ordinal);
        string expectedList = string.Join(',', ciphers.Select(c => c.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Sha256Prefix(expectedList), ja4.Split('_')[1]);
    }

    [Fact]
    public void Compute_Exactly99CiphersPlusGrease_Counts99()
    {
        ushort[] ciphers = [0x0a0a, .. Enumerable.Range(0x0001, 99).Select(i => (ushort)i), 0x1a1a];
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { CipherSuites = ciphers };

        Assert.StartsWith("t13d9916h2_", Ja4.Compute(input), StringComparison.Ordinal);
    }

    // JA4.md, "Cipher hash" and "Extension hash": an empty list gives 000000000000, not the hash of "".
    [Fact]
    public void Compute_NoCiphersNoExtensions_GivesZeroHashes()
    {
        var input = new ClientHelloFingerprintInput { Ja4Version = 0x0303 };

        Assert.Equal("t12i000000_000000000000_000000000000", Ja4.Compute(input));
    }

    // Only SNI and ALPN: the extension list for JA4_c is empty once they are removed, but both are counted.
    [Fact]
    public void Compute_OnlySniAndAlpnExtensions_CountsThemButHashesZeros()
    {
        var input = new ClientHelloFingerprintInput
        {
            Ja4Version = 0x0303,
            HasServerName = true,
            AlpnFirstValue = Encoding.ASCII.GetBytes("http/1.1"),
            CipherSuites = (ushort[])[0x1301],
            Extensions = (ushort[])[0x0000, 0x0010, 0x0a0a],
        };

        Assert.Equal("t12d0102h1_0f2cb44170f4_000000000000", Ja4.Compute(input));
    }

    // One extension and one signature algorithm, hashes computed with sha256sum over "1301" and "000a_0403".
    [Fact]
    public void Compute_SingleValues_HashesExactList()
    {
        var input = new ClientHelloFingerprintInput
        {
            Ja4Version = 0x0304,
            CipherSuites = (ushort[])[0x1301],
            Extensions = (ushort[])[0x000a],
            SignatureAlgorithms = (ushort[])[0x0403],
        };

        Assert.Equal("t13i010100_0f2cb44170f4_1128d980f6b5", Ja4.Compute(input));
        Assert.Equal("t13i010100_1301_000a_0403", Ja4.ComputeRaw(input));
    }

    // JA4.md, "QUIC and DTLS": "q" for QUIC, "d" for DTLS.
    [Theory]
    [InlineData(FingerprintTransport.Quic, "q")]
    [InlineData(FingerprintTransport.Dtls, "d")]
    [InlineData(FingerprintTransport.Tcp, "t")]
    public void Compute_Transport_FirstCharacter(FingerprintTransport transport, string expected)
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { Transport = transport };

        Assert.Equal($"{expected}13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.Compute(input));
    }

    // JA4.md, "TLS and DTLS Version": the version table and "Unknown = 00".
    [Theory]
    [InlineData(0x0304, "13")]
    [InlineData(0x0303, "12")]
    [InlineData(0x0302, "11")]
    [InlineData(0x0301, "10")]
    [InlineData(0x0300, "s3")]
    [InlineData(0x0002, "s2")]
    [InlineData(0xFEFF, "d1")]
    [InlineData(0xFEFD, "d2")]
    [InlineData(0xFEFC, "d3")]
    [InlineData(0x0305, "00")]
    [InlineData(0x0000, "00")]
    [InlineData(0x7F1C, "00")]
    [InlineData(0x0A0A, "00")]
    public void Compute_Version_GivesSpecCode(int version, string expected)
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { Ja4Version = (ushort)version };

        Assert.Equal($"t{expected}d1516h2_8daaf6152771_e5627efa2ab1", Ja4.Compute(input));
    }

    [Fact]
    public void Compute_NoServerName_UsesI()
    {
        ClientHelloFingerprintInput input = FingerprintVectors.SpecExample() with { HasServerName = false };

        Assert.Equal("t13i1516h2_8daaf6152771_e5627efa2ab1", Ja4.Compute(input));
    }

    // JA4.md, "TLS and DTLS Version": highest supported_versions value, GREASE ignored, else legacy_version.
    [Theory]
    [InlineData(0x0303, new int[] { 0x2A2A, 0x0304, 0x0303 }, 0x0304)]
    [InlineData(0x0303, new int[] { 0x0303, 0x0304, 0xFAFA }, 0x0304)]
    [InlineData(0x0303, new int[] { }, 0x0303)]
    [InlineData(0x0301, new int[] { 0x0A0A }, 0x0301)]
    public void SelectVersion_SupportedVersions_HighestNonGreaseOrLegacy(int legacy, int[] supported, int expected)
    {
        ushort[] versions = [.. supported.Select(v => (ushort)v)];

        Assert.Equal((ushort)expected, Ja4.SelectVersion((ushort)legacy, versions));
    }

    private static string Sha256Prefix(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];
}
