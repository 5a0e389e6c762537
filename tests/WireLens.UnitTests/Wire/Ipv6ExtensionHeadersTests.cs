using PacketDotNet;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Wire;

/// <summary>IPv6 extension header chains (RFC 8200 section 4, RFC 4302) in front of a PacketDotNet-built segment.</summary>
public class Ipv6ExtensionHeadersTests
{
    private const byte HopByHop = 0, Tcp = 6, Udp = 17, Routing = 43, Fragment = 44, Esp = 50, Ah = 51, NoNext = 59, DestOpts = 60;

    private static byte[] Ipv6Fixed(byte nextHeader, int payloadLength) =>
    [
        0x60, 0x00, 0x00, 0x00,                             // version 6, traffic class 0, flow label 0
        (byte)(payloadLength >> 8), (byte)payloadLength,    // payload length
        nextHeader,                                         // next header
        0x40,                                               // hop limit 64
        0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, // source 2001:db8::10
        0x20, 0x01, 0x0D, 0xB8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, // destination 2001:db8:1::80
    ];

    private static byte[] OptionsHeader(byte nextHeader) =>
    [
        nextHeader, 0x00,                                   // next header, length 0 (8 bytes)
        0x01, 0x04, 0x00, 0x00, 0x00, 0x00,                 // PadN option, 4 bytes of padding
    ];

    private static byte[] FragmentHeader(byte nextHeader, int offsetUnits, bool more) =>
    [
        nextHeader, 0x00,                                   // next header, reserved
        (byte)(offsetUnits >> 5), (byte)((offsetUnits << 3) | (more ? 1 : 0)), // offset (13 bits), res, M
        0x12, 0x34, 0x56, 0x78,                             // identification
    ];

    private static byte[] RoutingHeader(byte nextHeader) =>
    [
        nextHeader, 0x02,                                   // next header, length 2 (24 bytes)
        0x04, 0x00,                                         // routing type 4 (SRH), segments left 0
        0x00, 0x00, 0x00, 0x00,                             // last entry, flags, tag
        0x20, 0x01, 0x0D, 0xB8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, // segment list[0]
    ];

    private static byte[] AuthenticationHeader(byte nextHeader) =>
    [
        nextHeader, 0x04,                                   // next header, payload length 4: (4 + 2) * 4 = 24 bytes
        0x00, 0x00,                                         // reserved
        0x00, 0x00, 0x10, 0x01,                             // SPI
        0x00, 0x00, 0x00, 0x01,                             // sequence number
        0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, // ICV (96 bits)
    ];

    private static byte[] Packet(byte firstNextHeader, params byte[][] rest)
    {
        byte[] payload = [.. rest.SelectMany(b => b)];
        return [.. Ipv6Fixed(firstNextHeader, payload.Length), .. payload];
    }

    [Fact]
    public void Decode_HopByHopDestOptsAtomicFragment_IsTcp()
    {
        // Arrange: hop-by-hop -> destination options -> fragment (offset 0, M = 0: atomic, RFC 6946) -> TCP
        TcpPacket tcp = TestPackets.Tcp(0x018, TestPackets.TimestampOptions, TestPackets.HttpRequest);
        byte[] packet = Packet(HopByHop, OptionsHeader(DestOpts), OptionsHeader(Fragment), FragmentHeader(Tcp, 0, more: false), tcp.Bytes);

        // Act
        DecodeStatus status = PacketDecoder.Decode(LinkType.Raw, packet, out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        OracleAssert.Matches(TestPackets.Ipv6(tcp), tcp, view);
    }

    [Theory]
    [InlineData(0, true)]    // first fragment
    [InlineData(185, true)]  // middle fragment
    [InlineData(185, false)] // last fragment
    public void Decode_RealFragment_IsFragment(int offsetUnits, bool more)
    {
        byte[] tcp = TestPackets.Tcp(0x018, [], TestPackets.HttpRequest).Bytes;
        byte[] packet = Packet(HopByHop, OptionsHeader(Fragment), FragmentHeader(Tcp, offsetUnits, more), tcp);

        Assert.Equal(DecodeStatus.Fragment, PacketDecoder.Decode(LinkType.Raw, packet, out _));
    }

    [Fact]
    public void Decode_RoutingAndAuthenticationHeaders_AreSkipped()
    {
        TcpPacket tcp = TestPackets.Tcp(0x010, [], [1, 2, 3]);
        byte[] packet = Packet(Routing, RoutingHeader(Ah), AuthenticationHeader(Tcp), tcp.Bytes);

        DecodeStatus status = PacketDecoder.Decode(LinkType.Ipv6, packet, out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        OracleAssert.Matches(TestPackets.Ipv6(tcp), tcp, view);
    }

    [Theory]
    [InlineData(Esp)]
    [InlineData(NoNext)]
    [InlineData(Udp)]
    [InlineData((byte)58)] // ICMPv6
    public void Decode_NonTcpUpperLayer_IsNotTcp(byte upper)
    {
        byte[] packet = Packet(DestOpts, OptionsHeader(upper), new byte[16]);

        Assert.Equal(DecodeStatus.NotTcp, PacketDecoder.Decode(LinkType.Raw, packet, out _));
    }

    [Fact]
    public void FindTcp_HeaderBeyondPayloadLength_IsMalformed()
    {
        // Hop-by-hop claims 16 bytes (length 1) but the IPv6 payload length is 8
        byte[] extension = [Tcp, 0x01, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00];

        DecodeStatus status = Ipv6ExtensionHeaders.FindTcp(extension, extension.Length, IpProtocol.HopByHop, out _);

        Assert.Equal(DecodeStatus.Malformed, status);
    }

    [Fact]
    public void FindTcp_HeaderBeyondCapture_IsTruncated()
    {
        byte[] extension = [Tcp, 0x01, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00];

        DecodeStatus status = Ipv6ExtensionHeaders.FindTcp(extension, 200, IpProtocol.HopByHop, out _);

        Assert.Equal(DecodeStatus.Truncated, status);
    }

    [Fact]
    public void FindTcp_ChainOfThree_ReturnsTcpOffset()
    {
        byte[] chain = [.. OptionsHeader(Routing), .. RoutingHeader(DestOpts), .. OptionsHeader(Tcp)];

        DecodeStatus status = Ipv6ExtensionHeaders.FindTcp(chain, chain.Length + 20, IpProtocol.HopByHop, out int tcpOffset);

        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(8 + 24 + 8, tcpOffset);
    }

    [Fact]
    public void TryCreate_FixedHeader_ExposesFields()
    {
        byte[] packet = [0x6A, 0xB1, 0x23, 0x45, .. Ipv6Fixed(Tcp, 0)[4..]];

        Assert.True(Ipv6Header.TryCreate(packet, out Ipv6Header ip));

        Assert.Equal(6, ip.Version);
        Assert.Equal(0xAB, ip.TrafficClass);
        Assert.Equal(0x12345, ip.FlowLabel);
        Assert.Equal(IpProtocol.Tcp, ip.NextHeader);
        Assert.Equal(64, ip.HopLimit);
        Assert.Equal("2001:db8::10", ip.Source.ToString());
        Assert.Equal("2001:db8:1::80", ip.Destination.ToString());
        Assert.True(ip.IsPayloadLengthFromCapture);
    }
}
