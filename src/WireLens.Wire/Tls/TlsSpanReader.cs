using System.Buffers.Binary;

namespace WireLens.Wire.Tls;

/// <summary>
/// Cursor over a complete TLS structure. Every read is checked; a read past the end returns <c>false</c> and leaves
/// the cursor where it was, which inside a complete body always means "malformed", never "wait for more".
/// </summary>
internal ref struct TlsSpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public TlsSpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    public readonly bool End => _position == _data.Length;

    public bool TryReadUInt8(out byte value)
    {
        if ((uint)_position < (uint)_data.Length)
        {
            value = _data[_position++];
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining >= 2)
        {
            value = BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(_position, 2));
            _position += 2;
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        if ((uint)count <= (uint)Remaining)
        {
            value = _data.Slice(_position, count);
            _position += count;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Reads an opaque vector with a 1-byte length prefix (<c>opaque x&lt;0..2^8-1&gt;</c>).</summary>
    public bool TryReadVector8(out ReadOnlySpan<byte> value)
    {
        int saved = _position;
        if (TryReadUInt8(out byte length) && TryReadBytes(length, out value))
        {
            return true;
        }

        _position = saved;
        value = default;
        return false;
    }

    /// <summary>Reads an opaque vector with a 2-byte length prefix (<c>opaque x&lt;0..2^16-1&gt;</c>).</summary>
    public bool TryReadVector16(out ReadOnlySpan<byte> value)
    {
        int saved = _position;
        if (TryReadUInt16(out ushort length) && TryReadBytes(length, out value))
        {
            return true;
        }

        _position = saved;
        value = default;
        return false;
    }
}
