using PacketDotNet;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Wire;

public class Ipv4HeaderTests
{
    // IPv4 header with 8 bytes of options, carrying a TCP segment built by PacketDotNet.
    private static byte[] Ipv4WithOptions(byte[] tcp)
    {
        int total = 28 + tcp.Length;
        byte[] header =
        [
            0x47,                                   // version 4, IHL 7 (28 bytes)
            0x00,                                   // DSCP / ECN
            (byte)(total >> 8), (byte)total,        // total length
            0xAB, 0xCD,                             // identification
            0x40, 0x00,                             // DF, fragment offset 0
            0x40,                                   // TTL 64
            0x06,                                   // protocol TCP
            0x00, 0x00,                             // checksum (not verified)
            192, 168, 1, 10,                        // source
            10, 0, 0, 80,                           // destination
            0x94, 0x04, 0x00, 0x00,                 // option: router alert, length 4, value 0
            0x01, 0x01, 0x01, 0x00,                 // option: NOP, NOP, NOP, end of list
        ];
        return [.. header, .. tcp];
    }

    [Fact]
    public void TryCreate_HeaderWithOptions_ExposesFields()
    {
        byte[] packet = Ipv4WithOptions(TestPackets.Tcp(0x018, [], [9, 9]).Bytes);

        Assert.True(Ipv4Header.TryCreate(packet, out Ipv4Header ip));

        Assert.Equal(4, ip.Version);
        Assert.Equal(28, ip.HeaderLength);
        Assert.Equal(packet.Length, ip.TotalLength);
        Assert.Equal(0xABCD, ip.Identification);
        Assert.True(ip.DontFragment);
        Assert.False(ip.MoreFragments);
        Assert.Equal(0, ip.FragmentOffset);
        Assert.False(ip.IsFragment);
        Assert.Equal(64, ip.TimeToLive);
        Assert.Equal(IpProtocol.Tcp, ip.Protocol);
        Assert.Equal("192.168.1.10", ip.Source.ToString());
        Assert.Equal("10.0.0.80", ip.Destination.ToString());
        Assert.Equal([0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00], ip.Options.ToArray());
        Assert.Equal(22, ip.PayloadLength);
        Assert.Equal(22, ip.Payload.Length);
    }

    [Theory]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.Ipv4)]
    public void Decode_Ipv4WithOptions_MatchesOracle(LinkType linkType)
    {
        TcpPacket tcp = TestPackets.Tcp(0x018, TestPackets.TimestampOptions, TestPackets.HttpRequest);
        byte[] packet = Ipv4WithOptions(tcp.Bytes);

        DecodeStatus status = PacketDecoder.Decode(linkType, packet, out TcpPacketView view);

        Assert.Equal(DecodeStatus.Tcp, status);
        OracleAssert.Matches(TestPackets.Ipv4(tcp), tcp, view);
    }
}
