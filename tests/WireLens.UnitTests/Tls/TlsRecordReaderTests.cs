using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

public class TlsRecordReaderTests
{
    [Fact]
    public void TryReadRecordHeader_ClientHelloRecord_ReturnsHeader()
    {
        TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(TlsTestVectors.ClientHelloTls13, out TlsRecordHeader header, out TlsMalformedReason reason);

        Assert.Equal(TlsParseStatus.Done, status);
        Assert.Equal(TlsMalformedReason.None, reason);
        Assert.Equal(TlsContentType.Handshake, header.ContentType);
        Assert.Equal(0x0301, header.LegacyVersion);
        Assert.Equal(330, header.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TryReadRecordHeader_PrefixOfHeader_NeedMoreData(int length)
    {
        TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(TlsTestVectors.ClientHelloTls13.AsSpan(0, length), out _, out TlsMalformedReason reason);

        Assert.Equal(TlsParseStatus.NeedMoreData, status);
        Assert.Equal(TlsMalformedReason.None, reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x47 })]                           // 'G' of "GET /": plain HTTP is rejected on the first byte
    [InlineData(new byte[] { 0x00, 0x03, 0x03, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x19, 0x03, 0x03, 0x00, 0x01 })]   // 25: one past heartbeat
    [InlineData(new byte[] { 0x80, 0x2e, 0x01, 0x03, 0x01 })]   // SSLv2-style ClientHello header
    public void TryReadRecordHeader_UnknownContentType_Malformed(byte[] data)
    {
        TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(data, out _, out TlsMalformedReason reason);

        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.Equal(TlsMalformedReason.RecordUnknownContentType, reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x16, 0x02 })]
    [InlineData(new byte[] { 0x16, 0x04, 0x00, 0x00, 0x10 })]
    public void TryReadRecordHeader_MajorVersionNot3_Malformed(byte[] data)
    {
        TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(data, out _, out TlsMalformedReason reason);

        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.Equal(TlsMalformedReason.RecordInvalidVersion, reason);
    }

    [Theory]
    [InlineData(TlsRecordReader.MaxRecordLength + 1)]
    [InlineData(0xFFFF)]
    public void TryReadRecordHeader_ImpossibleLength_Malformed(int length)
    {
        byte[] data = [0x17, 0x03, 0x03, (byte)(length >> 8), (byte)length];

        TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(data, out _, out TlsMalformedReason reason);

        Assert.Equal(TlsParseStatus.Malformed, status);
        Assert.Equal(TlsMalformedReason.RecordLengthTooLarge, reason);
    }

    [Fact]
    public void TryReadRecordHeader_MaximumLength_Done()
    {
        byte[] data = [0x17, 0x03, 0x03, TlsRecordReader.MaxRecordLength >> 8, TlsRecordReader.MaxRecordLength & 0xFF];

        TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(data, out TlsRecordHeader header, out _);

        Assert.Equal(TlsParseStatus.Done, status);
        Assert.Equal(TlsContentType.ApplicationData, header.ContentType);
        Assert.Equal(TlsRecordReader.MaxRecordLength, header.Length);
    }

    [Fact]
    public void TryReadRecord_ServerFlight_FourHandshakeRecordsConsumeEverything()
    {
        ReadOnlySpan<byte> stream = TlsTestVectors.ServerFlightTls12;
        List<int> lengths = [];

        while (!stream.IsEmpty)
        {
            TlsParseStatus status = TlsRecordReader.TryReadRecord(stream, out TlsRecordHeader header, out ReadOnlySpan<byte> fragment, out int consumed, out _);
            Assert.Equal(TlsParseStatus.Done, status);
            Assert.Equal(TlsContentType.Handshake, header.ContentType);
            Assert.Equal(header.Length, fragment.Length);
            Assert.Equal(TlsRecordReader.HeaderLength + header.Length, consumed);
            lengths.Add(header.Length);
            stream = stream[consumed..];
        }

        // tshark: tls.record.length 80,395,116,4
        Assert.Equal([80, 395, 116, 4], lengths);
    }

    [Fact]
    public void TryReadRecord_FragmentIncomplete_NeedMoreDataConsumesNothing()
    {
        byte[] record = TlsTestVectors.ServerHelloTls12;

        TlsParseStatus status = TlsRecordReader.TryReadRecord(record.AsSpan(0, record.Length - 1), out _, out ReadOnlySpan<byte> fragment, out int consumed, out TlsMalformedReason reason);

        Assert.Equal(TlsParseStatus.NeedMoreData, status);
        Assert.Equal(0, consumed);
        Assert.True(fragment.IsEmpty);
        Assert.Equal(TlsMalformedReason.None, reason);
    }
}
