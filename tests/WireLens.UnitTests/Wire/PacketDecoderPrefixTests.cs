using PacketDotNet;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Wire;

/// <summary>
/// Every prefix of a valid frame, as snaplen would cut it: a cut inside any header is Truncated, a cut inside the
/// payload is Tcp with the real payload length and the captured part of the payload. Nothing throws.
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
    public void Decode_EveryPrefix_IsTruncatedInHeadersAndPartialInPayload(string name)
    {
        // Arrange
        (LinkType linkType, byte[] frame, byte[] payload) = Build(name);
        int headers = frame.Length - payload.Length;

        for (int length = 0; length <= frame.Length; length++)
        {
            // Act
            DecodeStatus status = PacketDecoder.Decode(linkType, frame.AsSpan(0, length), out TcpPacketView view);

            // Assert
            if (length < headers)
            {
                Assert.True(status == DecodeStatus.Truncated, $"prefix {length} of {headers} header bytes: {status}");
                continue;
            }

            Assert.True(status == DecodeStatus.Tcp, $"prefix {length}: {status}");
            Assert.Equal(payload.Length, view.PayloadLength);
            Assert.Equal(payload[..(length - headers)], view.Payload.ToArray());
            Assert.Equal(length < frame.Length, view.PayloadTruncated);
        }
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
