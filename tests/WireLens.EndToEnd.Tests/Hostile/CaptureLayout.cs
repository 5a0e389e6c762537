using System.Buffers.Binary;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// One unit of a capture file as laid out on disk: the pcap file header or one record, or one pcapng block.
/// <paramref name="Type"/> is the pcapng block type (0 for pcap units); packet units carry their captured and
/// original lengths.
/// </summary>
public readonly record struct CaptureUnit(long Offset, int Length, uint Type, bool IsPacket, uint CapturedLength, uint OriginalLength)
{
    /// <summary>The byte just after the unit: a boundary at which a prefix of the file ends cleanly.</summary>
    public long End => Offset + Length;
}

/// <summary>
/// Reads the layout of little-endian pcap and pcapng files written by tcpdump, editcap and mergecap, independently
/// of WireLens's reader, so a test can cut or edit a real capture at exact places and know what each prefix holds.
/// </summary>
public static class CaptureLayout
{
    /// <summary>pcapng Section Header Block type.</summary>
    public const uint SectionHeader = 0x0A0D0D0A;

    /// <summary>pcapng Interface Description Block type.</summary>
    public const uint InterfaceDescription = 1;

    /// <summary>pcapng Enhanced Packet Block type.</summary>
    public const uint EnhancedPacket = 6;

    private const int PcapFileHeaderLength = 24;
    private const int PcapRecordHeaderLength = 16;

    /// <summary>Whether the file starts with the pcapng section header type.</summary>
    public static bool IsPcapNg(ReadOnlySpan<byte> file) =>
        file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) == SectionHeader;

    /// <summary>Every unit of <paramref name="file"/>, in file order; fails the test unless they tile the file exactly.</summary>
    public static List<CaptureUnit> Units(byte[] file)
    {
        List<CaptureUnit> units = IsPcapNg(file) ? PcapNgBlocks(file) : PcapRecords(file);
        Assert.Equal(file.Length, units[^1].End);
        return units;
    }

    private static List<CaptureUnit> PcapRecords(byte[] file)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        Assert.True(magic is 0xa1b2c3d4 or 0xa1b23c4d, $"not a little-endian pcap file (magic 0x{magic:x8})");
        var units = new List<CaptureUnit> { new(0, PcapFileHeaderLength, 0, false, 0, 0) };
        long offset = PcapFileHeaderLength;
        while (offset < file.Length)
        {
            ReadOnlySpan<byte> header = file.AsSpan((int)offset, PcapRecordHeaderLength);
            uint captured = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            uint original = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            units.Add(new CaptureUnit(offset, PcapRecordHeaderLength + (int)captured, 0, true, captured, original));
            offset += PcapRecordHeaderLength + captured;
        }

        return units;
    }

    private static List<CaptureUnit> PcapNgBlocks(byte[] file)
    {
        var units = new List<CaptureUnit>();
        long offset = 0;
        while (offset < file.Length)
        {
            ReadOnlySpan<byte> block = file.AsSpan((int)offset);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(block);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(block[4..]);
            if (type == SectionHeader)
            {
                Assert.Equal(0x1A2B3C4Du, BinaryPrimitives.ReadUInt32LittleEndian(block[8..]));
            }

            bool packet = type == EnhancedPacket;
            units.Add(new CaptureUnit(
                offset,
                length,
                type,
                packet,
                packet ? BinaryPrimitives.ReadUInt32LittleEndian(block[20..]) : 0,
                packet ? BinaryPrimitives.ReadUInt32LittleEndian(block[24..]) : 0));
            offset += length;
        }

        return units;
    }

    /// <summary>
    /// A little-endian pcapng block of any <paramref name="type"/> around <paramref name="body"/>, padded to 32 bits:
    /// type, total length, body, total length again.
    /// </summary>
    public static byte[] Block(uint type, ReadOnlySpan<byte> body)
    {
        int padded = (body.Length + 3) & ~3;
        int length = 12 + padded;
        byte[] block = new byte[length];
        BinaryPrimitives.WriteUInt32LittleEndian(block, type);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)length);
        body.CopyTo(block.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(length - 4), (uint)length);
        return block;
    }

    /// <summary>A pcapng Custom Block (type 0x00000BAD copyable, 0x40000BAD not) with a Private Enterprise Number and data.</summary>
    public static byte[] CustomBlock(uint type, uint privateEnterpriseNumber, ReadOnlySpan<byte> data)
    {
        byte[] body = new byte[4 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(body, privateEnterpriseNumber);
        data.CopyTo(body.AsSpan(4));
        return Block(type, body);
    }
}
