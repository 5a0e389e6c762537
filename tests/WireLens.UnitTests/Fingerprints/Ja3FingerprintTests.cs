using WireLens.Wire.Tls.Fingerprints;

namespace WireLens.UnitTests.Fingerprints;

public class Ja3FingerprintTests
{
    // salesforce/ja3 README.md, "How it works": the first example string and its MD5.
    [Fact]
    public void Compute_ReadmeExample_MatchesPublishedStringAndHash()
    {
        // Arrange
        var input = new ClientHelloFingerprintInput
        {
            LegacyVersion = 769,
            CipherSuites = (ushort[])[47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4],
            Extensions = (ushort[])[0, 10, 11],
            SupportedGroups = (ushort[])[23, 24, 25],
            EcPointFormats = (byte[])[0],
        };

        // Act
        Ja3Fingerprint ja3 = Ja3.Compute(input);

        // Assert
        Assert.Equal("769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0", ja3.Text);
        Assert.Equal("ada70206e40642a3e4461f35503241d5", ja3.Md5);
    }

    // salesforce/ja3 README.md, "How it works": "If there are no SSL Extensions ... the fields are left empty."
    [Fact]
    public void Compute_NoExtensions_LeavesFieldsEmpty()
    {
        var input = new ClientHelloFingerprintInput
        {
            LegacyVersion = 769,
            CipherSuites = (ushort[])[4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99],
        };

        Ja3Fingerprint ja3 = Ja3.Compute(input);

        Assert.Equal("769,4-5-10-9-100-98-3-6-19-18-99,,,", ja3.Text);
        Assert.Equal("de350869b8c85de67a350c8d186f11e6", ja3.Md5);
    }

    // service0427/v2_cp_app tls.md (browserleaks.com report of Chrome 143): ja3_text and ja3_hash.
    [Fact]
    public void Compute_ChromeHelloWithGrease_RemovesGreaseFromEveryList()
    {
        Ja3Fingerprint ja3 = Ja3.Compute(FingerprintVectors.ChromeWithGrease());

        Assert.Equal(
            "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,"
            + "45-51-16-65037-23-17613-0-11-10-43-65281-35-18-5-13-27,4588-29-23-24,0",
            ja3.Text);
        Assert.Equal("98487aa16281980e7d1120d399efb6a4", ja3.Md5);
    }

    [Fact]
    public void Compute_UsesLegacyVersion_NotJa4Version()
    {
        var input = new ClientHelloFingerprintInput { LegacyVersion = 0x0303, Ja4Version = 0x0304 };

        Ja3Fingerprint ja3 = Ja3.Compute(input);

        Assert.Equal("771,,,,", ja3.Text);
    }

    [Fact]
    public void Compute_SeveralPointFormats_JoinedWithDashInWireOrder()
    {
        var input = new ClientHelloFingerprintInput
        {
            LegacyVersion = 771,
            CipherSuites = (ushort[])[0x0a0a, 49195],
            Extensions = (ushort[])[11, 0xfafa],
            SupportedGroups = (ushort[])[0x1a1a],
            EcPointFormats = (byte[])[0, 1, 2],
        };

        Ja3Fingerprint ja3 = Ja3.Compute(input);

        Assert.Equal("771,49195,11,,0-1-2", ja3.Text);
        Assert.Equal("71a7464ae8e1f3b5cdbfb996dba30ff6", ja3.Md5); // md5sum of the string above
    }
}
