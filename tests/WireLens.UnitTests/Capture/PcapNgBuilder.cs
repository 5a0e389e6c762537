using System.Buffers;
using System.Buffers.Binary;

namespace WireLens.UnitTests.Capture;

/// <summary>
/// Builds pcapng bytes block by block. Each section sets its own byte order; every block can be given a wrong
/// length or trailing length on purpose for damage tests.
/// </summary>
internal sealed class PcapNgBuilder
{
    private readonly ArrayBufferWriter<byte> _out = new();
    private bool _bigEndian;

    /// <summary>Bytes written so far: the offset the next block will have.</summary>
    public long Length => _out.WrittenCount;

    /// <summary>A section header block: byte-order magic, version, section length -1 (unknown).</summary>
    public PcapNgBuilder Section(bool bigEndian = false, ushort major = 1)
    {
        _bigEndian = bigEndian;
        var body = new List<byte>();
        body.AddRange(U32(0x1A2B3C4D)); // byte-order magic
        body.AddRange(U16(major));
        body.AddRange(U16(0)); // minor
        body.AddRange(U64(ulong.MaxValue)); // section length: unknown
        return Block(0x0A0D0D0A, [.. body]);
    }

    /// <summary>An interface description block with optional if_tsresol (9) and if_tsoffset (14).</summary>
    public PcapNgBuilder Interface(ushort linkType, uint snapLength = 0, byte? timestampResolution = null, long? timestampOffset = null)
    {
        var body = new List<byte>();
        body.AddRange(U16(linkType));
        body.AddRange(U16(0)); // reserved
        body.AddRange(U32(snapLength));
        if (timestampResolution is byte resolution)
        {
            body.AddRange(U16(9));
            body.AddRange(U16(1));
            body.AddRange([resolution, 0, 0, 0]); // value padded to 4
        }

        if (timestampOffset is long offset)
        {
            body.AddRange(U16(14));
            body.AddRange(U16(8));
            body.AddRange(U64((ulong)offset));
        }

        if (timestampResolution is not null || timestampOffset is not null)
        {
            body.AddRange(U16(0)); // opt_endofopt
            body.AddRange(U16(0));
        }

        return Block(1, [.. body]);
    }

    public PcapNgBuilder Enhanced(uint interfaceId, ulong timestamp, byte[] data, uint? originalLength = null, uint? capturedLength = null)
    {
        var body = new List<byte>();
        body.AddRange(U32(interfaceId));
        body.AddRange(U32((uint)(timestamp >> 32)));
        body.AddRange(U32((uint)timestamp));
        body.AddRange(U32(capturedLength ?? (uint)data.Length));
        body.AddRange(U32(originalLength ?? (uint)data.Length));
        body.AddRange(Padded(data));
        return Block(6, [.. body]);
    }

    /// <summary>The obsolete Packet Block (type 2): 16-bit interface id and drops count.</summary>
    public PcapNgBuilder ObsoletePacket(ushort interfaceId, ulong timestamp, byte[] data, uint? originalLength = null)
    {
        var body = new List<byte>();
        body.AddRange(U16(interfaceId));
        body.AddRange(U16(0)); // drops count
        body.AddRange(U32((uint)(timestamp >> 32)));
        body.AddRange(U32((uint)timestamp));
        body.AddRange(U32((uint)data.Length));
        body.AddRange(U32(originalLength ?? (uint)data.Length));
        body.AddRange(Padded(data));
        return Block(2, [.. body]);
    }

    public PcapNgBuilder Simple(uint originalLength, byte[] data)
    {
        var body = new List<byte>();
        body.AddRange(U32(originalLength));
        body.AddRange(Padded(data));
        return Block(3, [.. body]);
    }

    /// <summary>Any block: type, total length (12 + body, or <paramref name="length"/>), body, trailing length.</summary>
    public PcapNgBuilder Block(uint type, byte[] body, uint? length = null, uint? trailingLength = null)
    {
        uint total = (uint)(12 + body.Length);
        _out.Write<byte>(U32(type));
        _out.Write<byte>(U32(length ?? total));
        _out.Write<byte>(body);
        _out.Write<byte>(U32(trailingLength ?? length ?? total));
        return this;
    }

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    private static byte[] Padded(byte[] data)
    {
        byte[] padded = new byte[(data.Length + 3) & ~3];
        data.CopyTo(padded, 0);
        return padded;
    }

    private byte[] U16(ushort value)
    {
        byte[] bytes = new byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        return bytes;
    }

    private byte[] U32(uint value)
    {
        byte[] bytes = new byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        return bytes;
    }

    private byte[] U64(ulong value)
    {
        byte[] bytes = new byte[8];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }

        return bytes;
    }
}
