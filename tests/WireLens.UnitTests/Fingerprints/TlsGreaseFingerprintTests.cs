using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Fingerprints;

public class TlsGreaseFingerprintTests
{
    // RFC 8701 section 2 lists exactly these sixteen values.
    [Theory]
    [InlineData(0x0A0A)]
    [InlineData(0x1A1A)]
    [InlineData(0x2A2A)]
    [InlineData(0x3A3A)]
    [InlineData(0x4A4A)]
    [InlineData(0x5A5A)]
    [InlineData(0x6A6A)]
    [InlineData(0x7A7A)]
    [InlineData(0x8A8A)]
    [InlineData(0x9A9A)]
    [InlineData(0xAAAA)]
    [InlineData(0xBABA)]
    [InlineData(0xCACA)]
    [InlineData(0xDADA)]
    [InlineData(0xEAEA)]
    [InlineData(0xFAFA)]
    public void IsGrease_ReservedValue_ReturnsTrue(int value)
    {
        Assert.True(TlsGrease.IsGrease((ushort)value));
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x0A1A)]
    [InlineData(0x1A0A)]
    [InlineData(0x0A0B)]
    [InlineData(0x0B0B)]
    [InlineData(0x1301)]
    [InlineData(0xFAFB)]
    [InlineData(0x00FF)]
    public void IsGrease_OrdinaryValue_ReturnsFalse(int value)
    {
        Assert.False(TlsGrease.IsGrease((ushort)value));
    }
}
