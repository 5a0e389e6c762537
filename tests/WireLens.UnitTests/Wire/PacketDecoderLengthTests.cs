using PacketDotNet;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Wire;

/// <summary>Length rules as tshark applies them: IP length bounds, padding, snaplen cuts, TSO, fragments, malformed lengths.</summary>
public class PacketDecoderLengthTests
{
    private const ushort Syn = 0x002;
    private const ushort Ack = 0x010;
    private const ushort PshAck = 0x018;
    private const int EthernetLength = 14;
    private const int Ipv4TotalLengthOffset = EthernetLength + 2;
    private const int Ipv4FlagsOffset = EthernetLength + 6;
    private const int Ipv4ProtocolOffset = EthernetLength + 9;
    private const int TcpDataOffsetOffset = EthernetLength + 20 + 12;

    [Theory]
    [InlineData((byte)0x00)]
    [InlineData((byte)0xAA)]
    public void Decode_SynPaddedTo60Bytes_PayloadLengthIsZero(byte padding)
    {
        // Arrange: 14 Ethernet + 20 IPv4 + 20 TCP = 54 bytes, padded to the 60-byte Ethernet minimum
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(Syn, [], [])));
        Assert.Equal(54, frame.Length);
        byte[] padded = [.. frame, .. Enumerable.Repeat(padding, 6)];

        // Act
        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, padded, out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(0, view.PayloadLength);
        Assert.True(view.Payload.IsEmpty);
        Assert.False(view.PayloadTruncated);
    }

    [Fact]
    public void Decode_DataSegmentWithTrailer_PayloadStopsAtTotalLength()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], [1, 2, 3])));
        byte[] withTrailer = [.. frame, 0xDE, 0xAD, 0xBE, 0xEF];

        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, withTrailer, out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(3, view.PayloadLength);
        Assert.Equal([1, 2, 3], view.Payload.ToArray());
    }

    [Fact]
    public void Decode_Ipv6WithTrailer_PayloadStopsAtPayloadLength()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv6(TestPackets.Tcp(PshAck, [], [1, 2, 3])));
        byte[] withTrailer = [.. frame, 0xDE, 0xAD];

        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, withTrailer, out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(3, view.PayloadLength);
        Assert.Equal([1, 2, 3], view.Payload.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_CutBySnaplenInsidePayload_KeepsRealPayloadLength(bool ipv6)
    {
        // Arrange: 1000 payload bytes, the capture keeps 100 of them
        byte[] payload = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];
        TcpPacket tcp = TestPackets.Tcp(Ack, TestPackets.TimestampOptions, payload);
        byte[] frame = TestPackets.Ethernet(ipv6 ? TestPackets.Ipv6(tcp) : TestPackets.Ipv4(tcp));
        int headers = frame.Length - payload.Length;
        byte[] cut = frame[..(headers + 100)];

        // Act
        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, cut, out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(1000, view.PayloadLength);
        Assert.Equal(payload[..100], view.Payload.ToArray());
        Assert.True(view.PayloadTruncated);
        Assert.True(view.Options.HasTimestamps);
    }

    [Fact]
    public void Decode_Ipv4TotalLengthZero_UsesCapturedLength()
    {
        // Arrange: TSO on the capturing host leaves the total length 0 (tshark: "reported as 0, presumed TSO")
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], TestPackets.HttpRequest)));
        frame[Ipv4TotalLengthOffset] = 0;
        frame[Ipv4TotalLengthOffset + 1] = 0;

        // Act
        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, frame, out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(TestPackets.HttpRequest.Length, view.PayloadLength);
        Assert.Equal(TestPackets.HttpRequest, view.Payload.ToArray());
    }

    [Fact]
    public void Decode_Ipv6PayloadLengthZero_UsesCapturedLength()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv6(TestPackets.Tcp(PshAck, [], TestPackets.HttpRequest)));
        frame[EthernetLength + 4] = 0;
        frame[EthernetLength + 5] = 0;

        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, frame, out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(TestPackets.HttpRequest.Length, view.PayloadLength);
    }

    [Theory]
    [InlineData(0x20, 0x00, DecodeStatus.Fragment)] // MF, offset 0: first fragment
    [InlineData(0x00, 0xB9, DecodeStatus.Fragment)] // offset 185 * 8, last fragment
    [InlineData(0x20, 0xB9, DecodeStatus.Fragment)] // MF, offset 185 * 8: middle fragment
    [InlineData(0x40, 0x00, DecodeStatus.Tcp)]      // DF only: a whole datagram
    public void Decode_Ipv4FragmentFields_ClassifyFragments(byte flagsHigh, byte offsetLow, DecodeStatus expected)
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], TestPackets.HttpRequest)));
        frame[Ipv4FlagsOffset] = flagsHigh;
        frame[Ipv4FlagsOffset + 1] = offsetLow;

        Assert.Equal(expected, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Fact]
    public void Decode_Ipv4Udp_IsNotTcp()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], [])));
        frame[Ipv4ProtocolOffset] = 17;

        Assert.Equal(DecodeStatus.NotTcp, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void Decode_TcpDataOffsetBelowFive_IsMalformed(int dataOffset)
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], TestPackets.HttpRequest)));
        frame[TcpDataOffsetOffset] = (byte)(dataOffset << 4);

        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Fact]
    public void Decode_TcpDataOffsetBeyondIpLength_IsMalformed()
    {
        // Data offset 15 (60 bytes) but the IPv4 total length leaves 20 + 4 bytes for the segment, all captured
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], [1, 2, 3, 4])));
        frame[TcpDataOffsetOffset] = 0xF0;

        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Fact]
    public void Decode_Ipv4HeaderLengthFour_IsMalformed()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], [])));
        frame[EthernetLength] = 0x44; // version 4, IHL 4

        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Fact]
    public void Decode_Ipv4VersionSixBehindIpv4EtherType_IsMalformed()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], [])));
        frame[EthernetLength] = 0x65;

        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Theory]
    [InlineData(16)] // smaller than the IPv4 header itself
    [InlineData(30)] // room for 10 bytes of TCP header
    [InlineData(39)] // one byte short of the TCP header
    public void Decode_TotalLengthSmallerThanHeaders_IsMalformed(int totalLength)
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(PshAck, [], TestPackets.HttpRequest)));
        frame[Ipv4TotalLengthOffset] = (byte)(totalLength >> 8);
        frame[Ipv4TotalLengthOffset + 1] = (byte)totalLength;

        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Ethernet, frame, out _));
    }

    [Fact]
    public void Decode_OptionLengthZero_DecodesSegmentWithMalformedOptions()
    {
        // MSS 1460, then an option of kind 3 with length 0, then padding
        byte[] options = [0x02, 0x04, 0x05, 0xB4, 0x03, 0x00, 0x00, 0x00];
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(Syn, options, [])));

        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, frame, out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.True(view.Options.Malformed);
        Assert.True(view.Options.HasMss);
        Assert.Equal(1460, view.Options.Mss);
        Assert.Equal(-1, view.Options.WindowScale);
    }
}
