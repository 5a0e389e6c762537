using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Wire;

/// <summary>Damaged input never throws and never yields a view that contradicts its own lengths.</summary>
public class PacketDecoderRobustnessTests
{
    [Theory]
    [InlineData(LinkType.Ethernet)]
    [InlineData(LinkType.Null)]
    [InlineData(LinkType.Loop)]
    [InlineData(LinkType.LinuxSll)]
    [InlineData(LinkType.LinuxSll2)]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.Ipv6)]
    public void Decode_MutatedValidFrames_NeverThrowsAndKeepsLengthsConsistent(LinkType linkType)
    {
        // Arrange: a valid frame per link type; each round flips a few random bytes and cuts at a random length
        byte[] ip6 = TestPackets.Ipv6(TestPackets.Tcp(0x018, TestPackets.SynOptions, TestPackets.HttpRequest)).Bytes;
        byte[] ip4 = TestPackets.Ipv4(TestPackets.Tcp(0x018, TestPackets.SynOptions, TestPackets.HttpRequest)).Bytes;
        byte[] valid = linkType switch
        {
            LinkType.Ethernet => TestPackets.WithVlanTags(TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(0x018, TestPackets.SynOptions, TestPackets.HttpRequest))), (0x8100, 5)),
            LinkType.Null => TestPackets.WithNullHeader(30, bigEndian: false, ip6),
            LinkType.Loop => TestPackets.WithNullHeader(2, bigEndian: true, ip4),
            LinkType.LinuxSll => TestPackets.WithSllHeader(0x0800, ip4),
            LinkType.LinuxSll2 => TestPackets.WithSll2Header(0x86DD, ip6),
            LinkType.Raw => ip4,
            _ => [.. ip6[..6], 0, .. ip6[7..]], // next header hop-by-hop: the chain walker reads TCP bytes as extensions
        };
        var random = new Random(12345);
        byte[] frame = new byte[valid.Length];

        for (int round = 0; round < 20_000; round++)
        {
            valid.CopyTo(frame, 0);
            int flips = random.Next(1, 4);
            for (int i = 0; i < flips; i++)
            {
                frame[random.Next(frame.Length)] = (byte)random.Next(256);
            }

            int length = random.Next(frame.Length + 1);

            // Act
            DecodeStatus status = PacketDecoder.Decode(linkType, frame.AsSpan(0, length), out TcpPacketView view);

            // Assert
            Assert.True(Enum.IsDefined(status));
            if (status == DecodeStatus.Tcp)
            {
                Assert.True(view.PayloadLength >= 0);
                Assert.True(view.Payload.Length <= view.PayloadLength);
                Assert.True(view.IpVersion is 4 or 6);
                Assert.True(view.Options.SackBlockCount <= 4);
            }
        }
    }
}
