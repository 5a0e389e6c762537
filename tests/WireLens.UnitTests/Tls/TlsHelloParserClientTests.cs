using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

public class TlsHelloParserClientTests
{
    private static ClientHelloInfo ParseDone(byte[] body)
    {
        TlsParseStatus status = TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? info, out TlsMalformedReason reason);
        Assert.Equal(TlsMalformedReason.None, reason);
        Assert.Equal(TlsParseStatus.Done, status);
        return Assert.IsType<ClientHelloInfo>(info);
    }

    private static TlsMalformedReason ParseMalformed(byte[] body)
    {
        TlsParseStatus status = TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? info, out TlsMalformedReason reason);
        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.Null(info);
        return reason;
    }

    [Fact]
    public void TryParseClientHello_OpenSslTls13_DecodesEveryField()
    {
        ClientHelloInfo hello = ParseDone(TlsHelloCases.Body(TlsTestVectors.ClientHelloTls13));

        // Expected values from `tshark -O tls` on the same frame.
        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal(Convert.FromHexString("f9a56a529671a888c8e4995300a898bdca6bb722c81a0a9a3dc94d39f01530ba"), hello.Random.ToArray());
        Assert.Equal(32, hello.SessionIdLength);
        Assert.True(hello.HasFullSessionId);
        Assert.Equal(31, hello.CipherSuites.Count);
        Assert.Equal([0x1302, 0x1303, 0x1301, 0xc02c], hello.CipherSuites.Take(4));
        Assert.Equal(0x00ff, hello.CipherSuites[^1]);
        Assert.Equal([0], hello.CompressionMethods);
        Assert.True(hello.HasExtensionsBlock);
        Assert.Equal([0, 11, 10, 35, 16, 22, 23, 13, 43, 45, 51], hello.ExtensionTypes.Select(t => (int)t));
        Assert.Equal("example.com", hello.ServerName);
        Assert.Equal(["h2", "http/1.1"], hello.AlpnProtocols);
        Assert.Equal([0x0304, 0x0303, 0x0302, 0x0301], hello.SupportedVersions);
        Assert.Equal([0x001d, 0x0017, 0x001e, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104], hello.SupportedGroups);
        Assert.Equal([0x001d], hello.KeyShareGroups);
        Assert.Equal(20, hello.SignatureAlgorithms.Count);
        Assert.Equal([0x0403, 0x0503, 0x0603, 0x0807], hello.SignatureAlgorithms.Take(4));
        Assert.Equal([1], hello.PskKeyExchangeModes);
        Assert.Equal([0, 1, 2], hello.EcPointFormats);
        Assert.True(hello.HasSessionTicket);
        Assert.False(hello.HasNonEmptySessionTicket);
        Assert.True(hello.HasExtendedMasterSecret);
        Assert.False(hello.HasEarlyData);
        Assert.False(hello.HasEncryptedClientHello);
        Assert.Equal(0, hello.PreSharedKeyIdentityCount);
    }

    [Fact]
    public void TryParseClientHello_OpenSslTls12Only_NoTls13Extensions()
    {
        ClientHelloInfo hello = ParseDone(TlsHelloCases.Body(TlsTestVectors.ClientHelloTls12));

        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal(0, hello.SessionIdLength);
        Assert.False(hello.HasFullSessionId);
        Assert.Equal(28, hello.CipherSuites.Count);
        Assert.DoesNotContain(hello.CipherSuites, s => s >> 8 == 0x13);
        Assert.Equal([0, 11, 10, 35, 16, 22, 23, 13], hello.ExtensionTypes.Select(t => (int)t));
        Assert.Equal("www.example.org", hello.ServerName);
        Assert.Equal(["h2", "http/1.1"], hello.AlpnProtocols);
        Assert.Equal([0x001d, 0x0017, 0x001e, 0x0019, 0x0018], hello.SupportedGroups);
        Assert.Empty(hello.SupportedVersions);
        Assert.Empty(hello.KeyShareGroups);
        Assert.Empty(hello.PskKeyExchangeModes);
    }

    [Fact]
    public void TryParseClientHello_SecondHelloAfterRetry_OffersRequestedGroup()
    {
        ClientHelloInfo hello = ParseDone(TlsHelloCases.Body(TlsTestVectors.ClientHelloAfterRetry));

        Assert.Equal("hrr.test", hello.ServerName);
        Assert.Equal([0x001d, 0x0018], hello.SupportedGroups);
        Assert.Equal([0x0018], hello.KeyShareGroups);
        Assert.Empty(hello.AlpnProtocols);
    }

    [Fact]
    public void TryParseClientHello_ResumptionWithPsk_CountsIdentitiesAndFlags()
    {
        byte[] body = TlsHelloBuilder.ClientHello(
            [0x0a0a, 0x1301],
            TlsHelloBuilder.Extension(0x0a0a),                                   // GREASE extension, kept in order
            TlsHelloBuilder.Extension(35, 0xde, 0xad),                           // session_ticket with a ticket
            TlsHelloBuilder.Extension(42),                                       // early_data
            TlsHelloBuilder.Extension(0xfe0d, 0x00, 0x01),                       // encrypted_client_hello (opaque here)
            TlsHelloBuilder.Extension(0xff01, 0x00),                             // renegotiation_info
            TlsHelloBuilder.Extension(
                41,
                0x00, 0x0e,                                                      // identities length 14
                0x00, 0x01, 0xaa, 0x00, 0x00, 0x00, 0x01,                        //   identity "aa", age 1
                0x00, 0x01, 0xbb, 0x00, 0x00, 0x00, 0x02,                        //   identity "bb", age 2
                0x00, 0x04, 0x01, 0xaa, 0x01, 0xbb));                            // binders length 4 (shortened binders)

        ClientHelloInfo hello = ParseDone(body);

        Assert.Equal([0x0a0a, 0x1301], hello.CipherSuites);
        Assert.Equal([(TlsExtensionType)0x0a0a, TlsExtensionType.SessionTicket, TlsExtensionType.EarlyData, TlsExtensionType.EncryptedClientHello, TlsExtensionType.RenegotiationInfo, TlsExtensionType.PreSharedKey], hello.ExtensionTypes);
        Assert.True(hello.HasNonEmptySessionTicket);
        Assert.True(hello.HasEarlyData);
        Assert.True(hello.HasEncryptedClientHello);
        Assert.True(hello.HasRenegotiationInfo);
        Assert.Equal(2, hello.PreSharedKeyIdentityCount);
        Assert.Null(hello.ServerName);
    }

    [Fact]
    public void TryParseClientHello_NoExtensionsBlock_Done()
    {
        byte[] body = TlsHelloBuilder.ClientHello();

        ClientHelloInfo hello = ParseDone(body[..^2]);

        Assert.False(hello.HasExtensionsBlock);
        Assert.Empty(hello.ExtensionTypes);
    }

    [Fact]
    public void TryParseClientHello_ByteAfterExtensions_MalformedExtensionsLength()
    {
        byte[] body = [.. TlsHelloBuilder.ClientHello(TlsHelloBuilder.Extension(23)), 0x00];

        Assert.Equal(TlsMalformedReason.ExtensionsLength, ParseMalformed(body));
    }

    [Fact]
    public void TryParseClientHello_DuplicateExtension_Malformed()
    {
        byte[] body = TlsHelloBuilder.ClientHello(TlsHelloBuilder.Extension(23), TlsHelloBuilder.Extension(23));

        Assert.Equal(TlsMalformedReason.DuplicateExtension, ParseMalformed(body));
    }

    [Fact]
    public void TryParseClientHello_OddCipherSuitesLength_Malformed()
    {
        byte[] body = TlsHelloBuilder.ClientHello([0x1301]);
        body[35 + 1] = 0x03;                    // cipher_suites length 2 -> 3 (session id is empty, at offset 34)
        body = [.. body[..39], 0x00, .. body[39..]];

        Assert.Equal(TlsMalformedReason.CipherSuitesLength, ParseMalformed(body));
    }

    [Fact]
    public void TryParseClientHello_SessionIdLongerThan32_Malformed()
    {
        byte[] body = [0x03, 0x03, .. new byte[32], 33, .. new byte[33], 0x00, 0x02, 0x13, 0x01, 0x01, 0x00];

        Assert.Equal(TlsMalformedReason.SessionIdLength, ParseMalformed(body));
    }

    public static TheoryData<ushort, byte[], TlsMalformedReason> BadExtensionData => new()
    {
        { 0, [0x00, 0x05, 0x00, 0x00, 0x02, 0x61], TlsMalformedReason.ServerNameLength },          // list says 5, holds 4
        { 0, [0x00, 0x04, 0x00, 0x00, 0x02, 0x61, 0x62], TlsMalformedReason.ServerNameLength },    // list shorter than the data
        { 16, [0x00, 0x01, 0x00], TlsMalformedReason.AlpnLength },                                  // empty protocol name
        { 16, [0x00, 0x03, 0x05, 0x68, 0x32], TlsMalformedReason.AlpnLength },                      // name overruns list
        { 43, [0x03, 0x03, 0x04, 0x03], TlsMalformedReason.SupportedVersionsLength },               // odd list
        { 43, [0x02, 0x03, 0x04, 0x00], TlsMalformedReason.SupportedVersionsLength },               // trailing byte
        { 10, [0x00, 0x03, 0x00, 0x1d, 0x00], TlsMalformedReason.SupportedGroupsLength },           // odd list
        { 13, [0x00, 0x04, 0x04, 0x03], TlsMalformedReason.SignatureAlgorithmsLength },             // overrun
        { 51, [0x00, 0x06, 0x00, 0x1d, 0x00, 0x05, 0xaa, 0xbb], TlsMalformedReason.KeyShareLength }, // key_exchange overruns
        { 45, [0x02, 0x01], TlsMalformedReason.PskKeyExchangeModesLength },
        { 11, [0x05, 0x00], TlsMalformedReason.EcPointFormatsLength },
        { 41, [0x00, 0x07, 0x00, 0x01, 0xaa, 0x00, 0x00, 0x00, 0x01], TlsMalformedReason.PreSharedKeyLength }, // binders missing
        { 41, [0x00, 0x06, 0x00, 0x01, 0xaa, 0x00, 0x00, 0x00, 0x00, 0x00], TlsMalformedReason.PreSharedKeyLength }, // age cut
    };

    [Theory]
    [MemberData(nameof(BadExtensionData))]
    public void TryParseClientHello_InconsistentExtensionData_MalformedNamingField(ushort type, byte[] data, TlsMalformedReason expected)
    {
        byte[] body = TlsHelloBuilder.ClientHello(TlsHelloBuilder.Extension(type, data));

        Assert.Equal(expected, ParseMalformed(body));
    }
}
