using System.Text;
using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

public class TlsHelloParserServerTests
{
    private static ServerHelloInfo ParseDone(byte[] body)
    {
        TlsParseStatus status = TlsHelloParser.TryParseServerHello(body, out ServerHelloInfo? info, out TlsMalformedReason reason);
        Assert.Equal(TlsMalformedReason.None, reason);
        Assert.Equal(TlsParseStatus.Done, status);
        return Assert.IsType<ServerHelloInfo>(info);
    }

    private static TlsMalformedReason ParseMalformed(byte[] body)
    {
        TlsParseStatus status = TlsHelloParser.TryParseServerHello(body, out ServerHelloInfo? info, out TlsMalformedReason reason);
        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.Null(info);
        return reason;
    }

    [Fact]
    public void TryParseServerHello_OpenSslTls13_SupportedVersionsAndKeyShare()
    {
        ServerHelloInfo hello = ParseDone(TlsHelloCases.Body(TlsTestVectors.ServerHelloTls13));

        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Equal(Convert.FromHexString("b61f5d6859a4eacb7c98a4057aac4fa66f38934424ba94fdf2e027a46e311a66"), hello.Random.ToArray());
        Assert.False(hello.IsHelloRetryRequest);
        Assert.Equal(32, hello.SessionIdLength);
        Assert.Equal(0x1302, hello.CipherSuite);
        Assert.Equal(0, hello.CompressionMethod);
        Assert.Equal([TlsExtensionType.SupportedVersions, TlsExtensionType.KeyShare], hello.ExtensionTypes);
        Assert.Equal((ushort)0x0304, hello.SelectedVersion);
        Assert.Equal(0x0304, hello.NegotiatedVersion);
        Assert.Equal((ushort)0x001d, hello.KeyShareGroup);
        Assert.Null(hello.SelectedPskIdentity);
        Assert.Null(hello.AlpnProtocol);
    }

    [Fact]
    public void TryParseServerHello_OpenSslTls12_AlpnAndLegacyVersion()
    {
        ServerHelloInfo hello = ParseDone(TlsHelloCases.Body(TlsTestVectors.ServerHelloTls12));

        Assert.Equal(0x0303, hello.LegacyVersion);
        Assert.Null(hello.SelectedVersion);
        Assert.Equal(0x0303, hello.NegotiatedVersion);
        Assert.False(hello.IsHelloRetryRequest);
        Assert.Equal(0, hello.SessionIdLength);
        Assert.Equal(0xc02c, hello.CipherSuite);
        Assert.Equal([0xff01, 11, 35, 16, 23], hello.ExtensionTypes.Select(t => (int)t));
        Assert.Equal("http/1.1", hello.AlpnProtocol);
        Assert.True(hello.HasExtendedMasterSecret);
        Assert.True(hello.HasSessionTicket);
        Assert.True(hello.HasRenegotiationInfo);
        Assert.Null(hello.KeyShareGroup);

        // A TLS 1.3 server forced down to 1.2 ends its random with "DOWNGRD" 01 (RFC 8446 section 4.1.3).
        Assert.Equal("DOWNGRD\u0001", Encoding.Latin1.GetString(hello.Random.Span[^8..]));
    }

    [Fact]
    public void TryParseServerHello_HelloRetryRequest_RecognisedWithRequestedGroup()
    {
        ServerHelloInfo hello = ParseDone(TlsHelloCases.Body(TlsTestVectors.HelloRetryRequest));

        Assert.True(hello.IsHelloRetryRequest);
        Assert.Equal((ushort)0x0304, hello.SelectedVersion);
        Assert.Equal((ushort)0x0018, hello.KeyShareGroup);
        Assert.Equal(0x1302, hello.CipherSuite);
    }

    [Fact]
    public void TryParseServerHello_PreSharedKeySelected_ReportsIdentity()
    {
        byte[] body = TlsHelloBuilder.ServerHello(
            TlsHelloBuilder.Extension(43, 0x03, 0x04),
            TlsHelloBuilder.Extension(41, 0x00, 0x01));

        ServerHelloInfo hello = ParseDone(body);

        Assert.Equal((ushort)1, hello.SelectedPskIdentity);
        Assert.Null(hello.KeyShareGroup);
    }

    [Fact]
    public void TryParseServerHello_NoExtensions_NegotiatedIsLegacyVersion()
    {
        byte[] body = [0x03, 0x01, .. new byte[32], 0x00, 0x00, 0x2f, 0x00];

        ServerHelloInfo hello = ParseDone(body);

        Assert.Equal(0x0301, hello.NegotiatedVersion);
        Assert.Empty(hello.ExtensionTypes);
    }

    [Fact]
    public void TryParseServerHello_HelloRetryKeyShareInServerHello_MalformedKeyShare()
    {
        // A plain ServerHello whose key_share has only a group (the HelloRetryRequest form) is missing key_exchange.
        byte[] body = TlsHelloBuilder.ServerHello(TlsHelloBuilder.Extension(51, 0x00, 0x18));

        Assert.Equal(TlsMalformedReason.KeyShareLength, ParseMalformed(body));
    }

    public static TheoryData<ushort, byte[], TlsMalformedReason> BadExtensionData => new()
    {
        { 43, [0x03, 0x04, 0x00], TlsMalformedReason.SupportedVersionsLength },
        { 43, [0x03], TlsMalformedReason.SupportedVersionsLength },
        { 51, [0x00, 0x1d, 0x00, 0x02, 0xaa], TlsMalformedReason.KeyShareLength },
        { 41, [0x00], TlsMalformedReason.PreSharedKeyLength },
        { 16, [0x00, 0x06, 0x02, 0x68, 0x32, 0x02, 0x68, 0x33], TlsMalformedReason.AlpnLength },    // two protocols selected
    };

    [Theory]
    [MemberData(nameof(BadExtensionData))]
    public void TryParseServerHello_InconsistentExtensionData_MalformedNamingField(ushort type, byte[] data, TlsMalformedReason expected)
    {
        byte[] body = TlsHelloBuilder.ServerHello(TlsHelloBuilder.Extension(type, data));

        Assert.Equal(expected, ParseMalformed(body));
    }

    [Fact]
    public void TryParseServerHello_EndsInsideCipherSuite_Malformed()
    {
        byte[] body = [0x03, 0x03, .. new byte[32], 0x00, 0x13];

        Assert.Equal(TlsMalformedReason.CipherSuiteOrCompression, ParseMalformed(body));
    }
}
