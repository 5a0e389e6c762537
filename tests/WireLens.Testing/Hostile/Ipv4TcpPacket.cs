using System.Buffers.Binary;

namespace WireLens.Testing.Hostile;

/// <summary>TCP flag bits (RFC 9293 section 3.1) for <see cref="Ipv4TcpPacket.Build"/>.</summary>
[Flags]
public enum TcpBits : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
}

/// <summary>
/// Builds one IPv4 packet carrying a TCP segment (20-byte headers, no options) with valid IP and TCP checksums, the
/// way a raw-IP pcap (link type 101) holds it. No allocation: the caller owns the buffer.
/// </summary>
public static class Ipv4TcpPacket
{
    /// <summary>IPv4 plus TCP header bytes.</summary>
    public const int HeaderLength = 40;

    /// <summary>Writes the packet into <paramref name="packet"/> and returns its length (40 + payload).</summary>
    public static int Build(
        Span<byte> packet, uint source, ushort sourcePort, uint destination, ushort destinationPort, uint sequence, uint acknowledgment,
        TcpBits flags, ReadOnlySpan<byte> payload)
    {
        int length = HeaderLength + payload.Length;
        Span<byte> p = packet[..length];
        p[..HeaderLength].Clear();

        // RFC 791 section 3.1: version 4, IHL 5, total length, TTL 64, protocol 6, checksum over the header.
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)length);
        p[8] = 64;
        p[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(p[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(p[16..], destination);
        BinaryPrimitives.WriteUInt16BigEndian(p[10..], Checksum(p[..20], 0));

        // RFC 9293 section 3.1: ports, sequence, acknowledgment, data offset 5, flags, window; checksum with pseudo-header.
        Span<byte> tcp = p[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], (flags & TcpBits.Ack) != 0 ? acknowledgment : 0);
        tcp[12] = 5 << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        payload.CopyTo(tcp[20..]);
        uint pseudo = (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + 6 + (uint)tcp.Length;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, pseudo));
        return length;
    }

    /// <summary>The Internet checksum (RFC 1071) of <paramref name="bytes"/> added to <paramref name="sum"/>.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> bytes, uint sum)
    {
        int i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if (i < bytes.Length)
        {
            sum += (uint)bytes[i] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
