using System.Buffers.Binary;
using WireLens.Capture.Files;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// A SYN flood: SYNs from random source addresses and ports (fixed seed, every 4-tuple distinct) to 10.0.0.2:80, one
/// every microsecond from <see cref="SegmentTable.Base"/>, none answered.
/// </summary>
internal static class SynFlood
{
    public const ushort ServerPort = 80;

    /// <summary>One SYN: its source, initial sequence number, time and frame number.</summary>
    public readonly record struct Syn(IpAddress Source, ushort SourcePort, uint Isn, Timestamp Time, long Frame);

    public static IEnumerable<Syn> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<(uint, ushort)>(count);
        for (int i = 0; i < count; i++)
        {
            uint source;
            ushort port;
            do
            {
                source = (uint)random.Next(0x0B00_0000, 0x7F00_0000); // 11.0.0.0-126.255.255.255: never the server
                port = (ushort)random.Next(1024, 65536);
            }
            while (!seen.Add((source, port)));

            yield return new Syn(new IpAddress(0, source, 4), port, (uint)random.Next(), new Timestamp(SegmentTable.Base.UnixNanoseconds + (i * 1_000L)), i + 1);
        }
    }

    /// <summary>Writes the flood as a pcap of raw IPv4 packets (link type 101), 40 bytes each with valid checksums.</summary>
    public static void WritePcap(string path, int count, int seed)
    {
        using var file = new FileStream(path, FileMode.Create);
        using CaptureFileWriter writer = CaptureFileWriter.Create(file, LinkType.Raw, nanosecond: false);
        Span<byte> packet = stackalloc byte[40];
        foreach (Syn syn in Generate(count, seed))
        {
            Build(packet, (uint)syn.Source.Low, syn.SourcePort, syn.Isn);
            writer.Write(syn.Time, packet, (uint)packet.Length);
        }
    }

    // RFC 791 section 3.1 header (20 bytes, no options) then RFC 9293 section 3.1 header (20 bytes, SYN, no options).
    private static void Build(Span<byte> p, uint source, ushort sourcePort, uint isn)
    {
        const uint Server = 0x0A00_0002;
        p.Clear();
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], 40);
        p[8] = 64;
        p[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(p[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(p[16..], Server);
        BinaryPrimitives.WriteUInt16BigEndian(p[10..], Checksum(p[..20], 0));

        Span<byte> tcp = p[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], ServerPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], isn);
        tcp[12] = 5 << 4;
        tcp[13] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);

        // Pseudo-header: source, destination, zero, protocol 6, TCP length 20.
        uint pseudo = (source >> 16) + (source & 0xFFFF) + (Server >> 16) + (Server & 0xFFFF) + 6 + 20;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp, pseudo));
    }

    private static ushort Checksum(ReadOnlySpan<byte> bytes, uint sum)
    {
        for (int i = 0; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
