using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

public class TlsNamesTests
{
    [Theory]
    [InlineData(0x0300, "SSL 3.0")]
    [InlineData(0x0301, "TLS 1.0")]
    [InlineData(0x0302, "TLS 1.1")]
    [InlineData(0x0303, "TLS 1.2")]
    [InlineData(0x0304, "TLS 1.3")]
    [InlineData(0x7f13, "0x7f13")]
    [InlineData(0x0a0a, "0x0a0a")]
    public void Version_KnownAndUnknown_Name(ushort version, string expected) => Assert.Equal(expected, TlsNames.Version(version));

    [Theory]
    [InlineData(0x1301, "TLS_AES_128_GCM_SHA256")]
    [InlineData(0x1302, "TLS_AES_256_GCM_SHA384")]
    [InlineData(0x1303, "TLS_CHACHA20_POLY1305_SHA256")]
    [InlineData(0x1304, "TLS_AES_128_CCM_SHA256")]
    [InlineData(0x1305, "TLS_AES_128_CCM_8_SHA256")]
    [InlineData(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")]
    [InlineData(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")]
    [InlineData(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")]
    [InlineData(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")]
    [InlineData(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256")]
    [InlineData(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA")]
    [InlineData(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")]
    [InlineData(0x5600, "TLS_FALLBACK_SCSV")]
    [InlineData(0x1a1a, "0x1a1a")]
    [InlineData(0xffff, "0xffff")]
    public void CipherSuite_KnownAndUnknown_IanaName(ushort suite, string expected) => Assert.Equal(expected, TlsNames.CipherSuite(suite));

    [Fact]
    public void CipherSuite_EverySuiteOpenSslOffered_HasName()
    {
        // Every suite in the captured OpenSSL ClientHello is named (tshark names them all).
        TlsHelloParser.TryParseClientHello(TlsHelloCases.Body(TlsTestVectors.ClientHelloTls13), out ClientHelloInfo? hello, out _);

        Assert.All(hello!.CipherSuites, s => Assert.StartsWith("TLS_", TlsNames.CipherSuite(s), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0x001d, "x25519")]
    [InlineData(0x0017, "secp256r1")]
    [InlineData(0x0018, "secp384r1")]
    [InlineData(0x0019, "secp521r1")]
    [InlineData(0x001e, "x448")]
    [InlineData(0x0100, "ffdhe2048")]
    [InlineData(0x0104, "ffdhe8192")]
    [InlineData(0x11ec, "X25519MLKEM768")]
    [InlineData(0x6399, "X25519Kyber768Draft00")]
    [InlineData(0x2a2a, "0x2a2a")]
    public void Group_KnownAndUnknown_IanaName(ushort group, string expected) => Assert.Equal(expected, TlsNames.Group(group));

    [Theory]
    [InlineData(2, 40, "fatal:handshake_failure")]
    [InlineData(1, 0, "warning:close_notify")]
    [InlineData(2, 70, "fatal:protocol_version")]
    [InlineData(2, 112, "fatal:unrecognized_name")]
    [InlineData(2, 120, "fatal:no_application_protocol")]
    [InlineData(2, 116, "fatal:certificate_required")]
    [InlineData(3, 200, "3:200")]
    public void Alert_LevelAndDescription_Name(byte level, byte description, string expected) => Assert.Equal(expected, TlsNames.Alert(level, description));

    [Fact]
    public void IsGrease_AllValues_ExactlySixteen()
    {
        int[] grease = [.. Enumerable.Range(0, 0x10000).Where(v => TlsGrease.IsGrease((ushort)v))];

        Assert.Equal(16, grease.Length);
        Assert.Equal(0x0a0a, grease[0]);
        Assert.Equal(0xfafa, grease[^1]);
        Assert.All(grease, v => Assert.Equal(0, (v - 0x0a0a) % 0x1010));
    }

    [Theory]
    [InlineData(0x0a1a)]
    [InlineData(0x1301)]
    [InlineData(0x0a0b)]
    public void IsGrease_NearMiss_False(ushort value) => Assert.False(TlsGrease.IsGrease(value));
}
