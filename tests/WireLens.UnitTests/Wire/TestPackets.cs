using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using PacketDotNet.Utils;

namespace WireLens.UnitTests.Wire;

/// <summary>Builds test packets with PacketDotNet (the oracle) and adds link headers it cannot build.</summary>
internal static class TestPackets
{
    public static readonly IPAddress ClientV4 = IPAddress.Parse("192.168.1.10");
    public static readonly IPAddress ServerV4 = IPAddress.Parse("10.0.0.80");
    public static readonly IPAddress ClientV6 = IPAddress.Parse("2001:db8::10");
    public static readonly IPAddress ServerV6 = IPAddress.Parse("2001:db8:1::80");

    // MSS 1460, SACK permitted, timestamps 0x01020304 / 0, NOP, window scale 7: what Linux sends in a SYN.
    public static readonly byte[] SynOptions =
    [
        0x02, 0x04, 0x05, 0xB4,                         // MSS, len 4, 1460
        0x04, 0x02,                                     // SACK permitted, len 2
        0x08, 0x0A, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, // timestamps, len 10, TSval, TSecr
        0x01,                                           // NOP
        0x03, 0x03, 0x07,                               // window scale, len 3, shift 7
    ];

    // NOP, NOP, timestamps: what Linux sends on every segment after the handshake.
    public static readonly byte[] TimestampOptions =
    [
        0x01, 0x01,                                     // NOP, NOP
        0x08, 0x0A, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x0F, 0xFF, // timestamps, TSval 4096, TSecr 4095
    ];

    public static readonly byte[] HttpRequest = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray();

    /// <summary>A TCP segment; options must be a multiple of 4 bytes.</summary>
    public static TcpPacket Tcp(
        ushort flags,
        byte[] options,
        byte[] payload,
        uint sequence = 0x1122_3344,
        uint acknowledgment = 0x5566_7788,
        ushort window = 64_240)
    {
        var header = new byte[20 + options.Length];
        header[12] = (byte)((header.Length / 4) << 4);
        options.CopyTo(header, 20);
        return new TcpPacket(new ByteArraySegment(header))
        {
            SourcePort = 51_234,
            DestinationPort = 8080,
            SequenceNumber = sequence,
            AcknowledgmentNumber = acknowledgment,
            Flags = flags,
            WindowSize = window,
            PayloadData = payload,
        };
    }

    public static IPv4Packet Ipv4(TcpPacket tcp)
    {
        var ip = new IPv4Packet(ClientV4, ServerV4)
        {
            Protocol = ProtocolType.Tcp,
            TimeToLive = 64,
            PayloadPacket = tcp,
        };
        ip.UpdateCalculatedValues();
        return ip;
    }

    public static IPv6Packet Ipv6(TcpPacket tcp)
    {
        var ip = new IPv6Packet(ClientV6, ServerV6)
        {
            NextHeader = ProtocolType.Tcp,
            HopLimit = 64,
            PayloadPacket = tcp,
        };
        ip.UpdateCalculatedValues();
        return ip;
    }

    public static byte[] Ethernet(IPPacket ip)
    {
        var type = ip is IPv4Packet ? EthernetType.IPv4 : EthernetType.IPv6;
        var ethernet = new EthernetPacket(
            PhysicalAddress.Parse("02-00-00-00-00-01"), PhysicalAddress.Parse("02-00-00-00-00-02"), type)
        {
            PayloadPacket = ip,
        };
        return ethernet.Bytes;
    }

    /// <summary>Inserts VLAN tags (TPID, VLAN id) after the MAC addresses, outermost first.</summary>
    public static byte[] WithVlanTags(byte[] ethernetFrame, params (ushort Tpid, ushort VlanId)[] tags)
    {
        var frame = new List<byte>(ethernetFrame[..12]);
        foreach ((ushort tpid, ushort vlanId) in tags)
        {
            frame.AddRange([(byte)(tpid >> 8), (byte)tpid, (byte)(vlanId >> 8), (byte)vlanId]);
        }

        frame.AddRange(ethernetFrame[12..]);
        return [.. frame];
    }

    /// <summary>BSD loopback header: the address family as 4 bytes in the given byte order.</summary>
    public static byte[] WithNullHeader(uint family, bool bigEndian, byte[] ip)
    {
        var frame = new byte[4 + ip.Length];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame, family);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(frame, family);
        }

        ip.CopyTo(frame, 4);
        return frame;
    }

    public static byte[] WithSllHeader(ushort protocol, byte[] ip)
    {
        byte[] header =
        [
            0x00, 0x04,                                     // packet type 4: sent by us
            0x00, 0x01,                                     // ARPHRD_ETHER
            0x00, 0x06,                                     // address length 6
            0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // address, padded to 8
            (byte)(protocol >> 8), (byte)protocol,          // protocol (EtherType)
        ];
        return [.. header, .. ip];
    }

    public static byte[] WithSll2Header(ushort protocol, byte[] ip)
    {
        byte[] header =
        [
            (byte)(protocol >> 8), (byte)protocol,          // protocol (EtherType)
            0x00, 0x00,                                     // reserved
            0x00, 0x00, 0x00, 0x02,                         // interface index 2
            0x00, 0x01,                                     // ARPHRD_ETHER
            0x00,                                           // packet type 0: to us
            0x06,                                           // address length 6
            0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, // address, padded to 8
        ];
        return [.. header, .. ip];
    }
}
