using System.Buffers.Binary;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>
/// Writes a little-endian pcap file (microsecond or nanosecond magic) to a stream, through its own buffer.
/// Data longer than the snap length is cut to it. <see cref="Dispose"/> flushes but leaves the stream open.
/// The writer writes what it is given, including a captured length larger than the original length, so tests can build damaged files.
/// </summary>
public sealed class CaptureFileWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private const int RecordHeaderLength = 16;

    private readonly Stream _stream;
    private readonly bool _nanosecond;
    private readonly int _snapLength;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    private CaptureFileWriter(Stream stream, bool nanosecond, int snapLength)
    {
        _stream = stream;
        _nanosecond = nanosecond;
        _snapLength = snapLength;
    }

    /// <summary>Packets written so far.</summary>
    public long RecordsWritten { get; private set; }

    /// <summary>Starts a pcap file on <paramref name="stream"/>: writes the 24-byte file header.</summary>
    public static CaptureFileWriter Create(Stream stream, LinkType linkType, bool nanosecond, int snaplen = 262144)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(snaplen, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snaplen, (int)CaptureFileReader.MaxPcapCapturedLength);
        var writer = new CaptureFileWriter(stream, nanosecond, snaplen);
        Span<byte> header = writer._buffer.AsSpan(0, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(header, nanosecond ? 0xA1B23C4Du : 0xA1B2C3D4u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snaplen);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (ushort)linkType);
        writer._used = header.Length;
        return writer;
    }

    /// <summary>Appends one packet; <paramref name="data"/> beyond the snap length is not written.</summary>
    public void Write(Timestamp timestamp, ReadOnlySpan<byte> data, uint originalLength)
    {
        if (data.Length > _snapLength)
        {
            data = data[.._snapLength];
        }

        // Floor division so that times before 1970 still get a fraction in [0, 1 s).
        long seconds = Math.DivRem(timestamp.UnixNanoseconds, 1_000_000_000, out long nanoseconds);
        if (nanoseconds < 0)
        {
            seconds--;
            nanoseconds += 1_000_000_000;
        }

        if (_used + RecordHeaderLength > _buffer.Length)
        {
            WriteBuffered();
        }

        Span<byte> header = _buffer.AsSpan(_used, RecordHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(_nanosecond ? nanoseconds : nanoseconds / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], originalLength);
        _used += RecordHeaderLength;
        if (_used + data.Length > _buffer.Length)
        {
            WriteBuffered();
            if (data.Length > _buffer.Length)
            {
                _stream.Write(data);
                RecordsWritten++;
                return;
            }
        }

        data.CopyTo(_buffer.AsSpan(_used));
        _used += data.Length;
        RecordsWritten++;
    }

    /// <summary>Writes the buffered bytes to the stream and flushes it.</summary>
    public void Flush()
    {
        WriteBuffered();
        _stream.Flush();
    }

    public void Dispose() => Flush();

    private void WriteBuffered()
    {
        if (_used > 0)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
