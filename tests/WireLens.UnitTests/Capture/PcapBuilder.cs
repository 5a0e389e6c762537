using System.Buffers;
using System.Buffers.Binary;

namespace WireLens.UnitTests.Capture;

/// <summary>Builds classic pcap bytes in either byte order and time unit, with lengths that can be set wrong on purpose.</summary>
internal sealed class PcapBuilder
{
    private readonly ArrayBufferWriter<byte> _out = new();
    private readonly bool _bigEndian;

    public PcapBuilder(bool bigEndian = false, bool nanosecond = false, uint network = 1, uint snapLength = 262144)
    {
        _bigEndian = bigEndian;
        U32(nanosecond ? 0xA1B23C4Du : 0xA1B2C3D4u); // magic, written in the file's byte order
        U16(2); // version major
        U16(4); // version minor
        U32(0); // reserved (thiszone)
        U32(0); // reserved (sigfigs)
        U32(snapLength);
        U32(network); // link type in bits 0-15, FCS information above
    }

    /// <summary>Bytes written so far: the offset the next record will have.</summary>
    public long Length => _out.WrittenCount;

    public PcapBuilder Record(uint seconds, uint fraction, byte[] data, uint? originalLength = null, uint? capturedLength = null)
    {
        U32(seconds);
        U32(fraction);
        U32(capturedLength ?? (uint)data.Length);
        U32(originalLength ?? (uint)data.Length);
        _out.Write<byte>(data);
        return this;
    }

    public byte[] ToArray() => _out.WrittenSpan.ToArray();

    private void U32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        _out.Write<byte>(bytes);
    }

    private void U16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        _out.Write<byte>(bytes);
    }
}
