using PacketDotNet;
using WireLens.Wire;
using WireLens.Wire.Link;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Wire;

/// <summary>Every supported link type carries the same segment; each must decode to what PacketDotNet built.</summary>
public class PacketDecoderLinkTests
{
    private const ushort Syn = 0x002;
    private const ushort PshAck = 0x018;

    public static TheoryData<string> LinkCases =>
    [
        "Ethernet v4", "Ethernet v6", "Ethernet 802.1Q", "Ethernet 802.1ad+802.1Q", "Ethernet triple tag",
        "Null LE AF_INET", "Null BE AF_INET", "Null LE AF_INET6 30", "Null LE AF_INET6 28", "Null LE AF_INET6 24",
        "Null BE AF_INET6 24", "Null LE AF_INET6 10", "Loop AF_INET", "Loop AF_INET6 24",
        "SLL v4", "SLL v6", "SLL 802.1Q", "SLL2 v4", "SLL2 v6", "Raw v4", "Raw v6", "Ipv4 linktype", "Ipv6 linktype",
    ];

    [Theory]
    [MemberData(nameof(LinkCases))]
    public void Decode_SynWithOptions_MatchesOracle(string linkCase)
    {
        // Arrange
        TcpPacket tcp = TestPackets.Tcp(Syn, TestPackets.SynOptions, [], acknowledgment: 0);
        IPPacket ip = linkCase.Contains("v6", StringComparison.Ordinal) || linkCase.Contains("INET6", StringComparison.Ordinal)
            ? TestPackets.Ipv6(tcp)
            : TestPackets.Ipv4(tcp);
        (LinkType linkType, byte[] frame) = Frame(linkCase, ip);

        // Act
        DecodeStatus status = PacketDecoder.Decode(linkType, frame, out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        OracleAssert.Matches(ip, tcp, view);
    }

    [Theory]
    [MemberData(nameof(LinkCases))]
    public void Decode_DataSegment_MatchesOracle(string linkCase)
    {
        // Arrange
        TcpPacket tcp = TestPackets.Tcp(PshAck, TestPackets.TimestampOptions, TestPackets.HttpRequest, window: 502);
        IPPacket ip = linkCase.Contains("v6", StringComparison.Ordinal) || linkCase.Contains("INET6", StringComparison.Ordinal)
            ? TestPackets.Ipv6(tcp)
            : TestPackets.Ipv4(tcp);
        (LinkType linkType, byte[] frame) = Frame(linkCase, ip);

        // Act
        DecodeStatus status = PacketDecoder.Decode(linkType, frame, out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        OracleAssert.Matches(ip, tcp, view);
    }

    [Fact]
    public void Decode_AllFlagsIncludingNs_AreDecoded()
    {
        TcpPacket tcp = TestPackets.Tcp(0x1FF & ~0x020, [], []); // every bit but URG (PacketDotNet cannot list options with URG)
        IPPacket ip = TestPackets.Ipv4(tcp);

        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, TestPackets.Ethernet(ip), out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.Equal(
            TcpFlags.Fin | TcpFlags.Syn | TcpFlags.Rst | TcpFlags.Psh | TcpFlags.Ack | TcpFlags.Ece | TcpFlags.Cwr | TcpFlags.Ns,
            view.Flags);
        OracleAssert.Matches(ip, tcp, view);
    }

    [Fact]
    public void Decode_UnknownLinkType_IsUnsupported()
    {
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(Syn, [], [])));

        Assert.Equal(DecodeStatus.UnsupportedLinkType, PacketDecoder.Decode((LinkType)127, frame, out _));
    }

    [Theory]
    [InlineData(LinkType.Ethernet, new byte[] { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1 })] // ARP
    [InlineData(LinkType.Ethernet, new byte[] { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x00, 0x26, 0x42, 0x42, 3 })]      // 802.3 length + LLC (STP)
    [InlineData(LinkType.Null, new byte[] { 7, 0, 0, 0, 0x45 })]                                                       // unknown family 7
    [InlineData(LinkType.Raw, new byte[] { 0x50, 0, 0, 0 })]                                                           // version 5
    public void Decode_NonIpFrame_IsNotIp(LinkType linkType, byte[] frame) =>
        Assert.Equal(DecodeStatus.NotIp, PacketDecoder.Decode(linkType, frame, out _));

    [Fact]
    public void EthernetHeader_StackedTags_ExposeVlanIdsAndInnerType()
    {
        byte[] frame = TestPackets.WithVlanTags(
            TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(Syn, [], []))), (0x88A8, 0x0064), (0x8100, 0x2FFF));

        Assert.True(EthernetHeader.TryCreate(frame, out EthernetHeader ethernet));

        Assert.Equal(2, ethernet.VlanTagCount);
        Assert.Equal(100, ethernet.GetVlanId(0));
        Assert.Equal(0xFFF, ethernet.GetVlanId(1));  // the PCP bits (0x2000) are not part of the id
        Assert.Equal(EtherType.Ipv4, ethernet.EtherType);
        Assert.Equal(22, ethernet.HeaderLength);
        Assert.Equal(0x45, ethernet.Payload[0]);
    }

    private static (LinkType LinkType, byte[] Frame) Frame(string linkCase, IPPacket ip)
    {
        byte[] ipBytes = ip.Bytes;
        ushort etherType = ip is IPv4Packet ? (ushort)0x0800 : (ushort)0x86DD;
        return linkCase switch
        {
            "Ethernet v4" or "Ethernet v6" => (LinkType.Ethernet, TestPackets.Ethernet(ip)),
            "Ethernet 802.1Q" => (LinkType.Ethernet, TestPackets.WithVlanTags(TestPackets.Ethernet(ip), (0x8100, 42))),
            "Ethernet 802.1ad+802.1Q" => (LinkType.Ethernet, TestPackets.WithVlanTags(TestPackets.Ethernet(ip), (0x88A8, 7), (0x8100, 42))),
            "Ethernet triple tag" => (LinkType.Ethernet, TestPackets.WithVlanTags(TestPackets.Ethernet(ip), (0x9100, 1), (0x88A8, 7), (0x8100, 42))),
            "Null LE AF_INET" => (LinkType.Null, TestPackets.WithNullHeader(2, bigEndian: false, ipBytes)),
            "Null BE AF_INET" => (LinkType.Null, TestPackets.WithNullHeader(2, bigEndian: true, ipBytes)),
            "Null LE AF_INET6 30" => (LinkType.Null, TestPackets.WithNullHeader(30, bigEndian: false, ipBytes)),
            "Null LE AF_INET6 28" => (LinkType.Null, TestPackets.WithNullHeader(28, bigEndian: false, ipBytes)),
            "Null LE AF_INET6 24" => (LinkType.Null, TestPackets.WithNullHeader(24, bigEndian: false, ipBytes)),
            "Null BE AF_INET6 24" => (LinkType.Null, TestPackets.WithNullHeader(24, bigEndian: true, ipBytes)),
            "Null LE AF_INET6 10" => (LinkType.Null, TestPackets.WithNullHeader(10, bigEndian: false, ipBytes)),
            "Loop AF_INET" => (LinkType.Loop, TestPackets.WithNullHeader(2, bigEndian: true, ipBytes)),
            "Loop AF_INET6 24" => (LinkType.Loop, TestPackets.WithNullHeader(24, bigEndian: true, ipBytes)),
            "SLL v4" or "SLL v6" => (LinkType.LinuxSll, TestPackets.WithSllHeader(etherType, ipBytes)),
            "SLL 802.1Q" => (LinkType.LinuxSll, TestPackets.WithSllHeader(0x8100, [0x00, 0x2A, (byte)(etherType >> 8), (byte)etherType, .. ipBytes])),
            "SLL2 v4" or "SLL2 v6" => (LinkType.LinuxSll2, TestPackets.WithSll2Header(etherType, ipBytes)),
            "Raw v4" or "Raw v6" => (LinkType.Raw, ipBytes),
            "Ipv4 linktype" => (LinkType.Ipv4, ipBytes),
            "Ipv6 linktype" => (LinkType.Ipv6, ipBytes),
            _ => throw new ArgumentOutOfRangeException(nameof(linkCase), linkCase, null),
        };
    }
}
