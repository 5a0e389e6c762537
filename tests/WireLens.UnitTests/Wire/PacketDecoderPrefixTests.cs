using PacketDotNet;
using WireLens.Wire;
using WireLens.Wire.Link;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Wire;

/// <summary>
/// Every prefix of a valid frame, as snaplen would cut it: a cut before the end of the fixed 20-byte TCP header is
/// Truncated; a cut inside the TCP options is Tcp from the fixed header, with the options before the cut, no payload
/// and the real payload length; a cut inside the payload is Tcp with the real payload length and the captured part of
/// the payload. Nothing throws.
/// </summary>
public class PacketDecoderPrefixTests
{
    public static TheoryData<string> Cases =>
    [
        "Ethernet IPv4 SYN with options",
        "Ethernet 802.1ad+802.1Q IPv6 data",
        "SLL2 IPv4 data",
        "SLL IPv6 data",
        "Null IPv6 hop-by-hop + atomic fragment",
        "Raw IPv4 with IP options",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_EveryPrefix_IsTruncatedInFixedHeadersAndPartialInOptionsAndPayload(string name)
    {
        // Arrange
        (LinkType linkType, byte[] frame, byte[] payload) = Build(name);
        int headers = frame.Length - payload.Length;
        Assert.Equal(DecodeStatus.Tcp, PacketDecoder.Decode(linkType, frame, out TcpPacketView whole));
        int optionsLength = whole.Tcp.HeaderLength - TcpHeader.MinimumLength;
        int fixedHeaders = headers - optionsLength;

        for (int length = 0; length <= frame.Length; length++)
        {
            // Act
            DecodeStatus status = PacketDecoder.Decode(linkType, frame.AsSpan(0, length), out TcpPacketView view);

            // Assert
            if (length < fixedHeaders)
            {
                Assert.True(status == DecodeStatus.Truncated, $"prefix {length} of {fixedHeaders} fixed header bytes: {status}");
                continue;
            }

            Assert.True(status == DecodeStatus.Tcp, $"prefix {length}: {status}");
            Assert.Equal(payload.Length, view.PayloadLength);
            Assert.Equal(whole.Sequence, view.Sequence);
            Assert.Equal(whole.Flags, view.Flags);
            Assert.Equal(length < headers, view.HeaderTruncated);
            Assert.Equal(frame[fixedHeaders..Math.Min(length, headers)], view.Tcp.Options.ToArray());
            Assert.Equal(payload[..Math.Max(0, length - headers)], view.Payload.ToArray());
            Assert.Equal(length < frame.Length && payload.Length > 0, view.PayloadTruncated);
        }
    }

    [Fact]
    public void Decode_SynCutInsideItsTimestampsOption_KeepsTheOptionsBeforeTheCut()
    {
        // Arrange: Ethernet (14) + IPv4 (20) + TCP (20 + MSS 4, SACK permitted 2, timestamps 10, NOP, window scale 3)
        // cut at 64 bytes, as `tcpdump -s 64` writes it: the timestamps option is cut after 4 of its 10 bytes.
        byte[] frame = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(0x002, TestPackets.SynOptions, [])));

        // Act
        DecodeStatus status = PacketDecoder.Decode(LinkType.Ethernet, frame.AsSpan(0, 64), out TcpPacketView view);

        // Assert
        Assert.Equal(DecodeStatus.Tcp, status);
        Assert.True(view.HeaderTruncated);
        Assert.False(view.PayloadTruncated);
        Assert.Equal(TcpFlags.Syn, view.Flags);
        Assert.Equal(0, view.PayloadLength);
        Assert.Equal(10, view.Tcp.Options.Length);
        Assert.True(view.Options.HasMss);
        Assert.True(view.Options.SackPermitted);
        Assert.False(view.Options.HasTimestamps);
        Assert.True(view.Options.Malformed);
    }

    private static (LinkType LinkType, byte[] Frame, byte[] Payload) Build(string name)
    {
        byte[] data = TestPackets.HttpRequest;
        switch (name)
        {
            case "Ethernet IPv4 SYN with options":
                return (LinkType.Ethernet, TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(0x002, TestPackets.SynOptions, []))), []);

            case "Ethernet 802.1ad+802.1Q IPv6 data":
                byte[] tagged = TestPackets.WithVlanTags(
                    TestPackets.Ethernet(TestPackets.Ipv6(TestPackets.Tcp(0x018, TestPackets.TimestampOptions, data))), (0x88A8, 10), (0x8100, 20));
                return (LinkType.Ethernet, tagged, data);

            case "SLL2 IPv4 data":
                return (LinkType.LinuxSll2, TestPackets.WithSll2Header(0x0800, TestPackets.Ipv4(TestPackets.Tcp(0x018, [], data)).Bytes), data);

            case "SLL IPv6 data":
                return (LinkType.LinuxSll, TestPackets.WithSllHeader(0x86DD, TestPackets.Ipv6(TestPackets.Tcp(0x018, [], data)).Bytes), data);

            case "Null IPv6 hop-by-hop + atomic fragment":
                {
                    byte[] ip = TestPackets.Ipv6(TestPackets.Tcp(0x018, TestPackets.TimestampOptions, data)).Bytes;
                    byte[] extensions =
                    [
                        44, 0, 0x01, 0x04, 0, 0, 0, 0,      // hop-by-hop: next fragment, length 0, PadN
                        6, 0, 0x00, 0x00, 0, 0, 0, 1,       // fragment: next TCP, offset 0, M = 0, id 1
                    ];
                    int payloadLength = ip.Length - 40 + extensions.Length;
                    byte[] withExtensions = [.. ip[..40], .. extensions, .. ip[40..]];
                    withExtensions[4] = (byte)(payloadLength >> 8);
                    withExtensions[5] = (byte)payloadLength;
                    withExtensions[6] = 0;                  // next header: hop-by-hop
                    return (LinkType.Null, TestPackets.WithNullHeader(30, bigEndian: false, withExtensions), data);
                }

            case "Raw IPv4 with IP options":
                {
                    byte[] ip = TestPackets.Ipv4(TestPackets.Tcp(0x018, [], data)).Bytes;
                    byte[] withOptions = [.. ip[..20], 0x01, 0x01, 0x01, 0x00, .. ip[20..]]; // NOP x3, end of list
                    int total = withOptions.Length;
                    withOptions[0] = 0x46;                  // IHL 6
                    withOptions[2] = (byte)(total >> 8);
                    withOptions[3] = (byte)total;
                    return (LinkType.Raw, withOptions, data);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }
}
