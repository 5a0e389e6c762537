using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>The classic pcap format: file header and 16-byte record headers.</summary>
public sealed partial class CaptureFileReader
{
    /// <summary>The largest captured length accepted in a pcap record, as libpcap and Wireshark (262,144).</summary>
    public const uint MaxPcapCapturedLength = 0x40000;

    private const int PcapFileHeaderLength = 24;
    private const int PcapRecordHeaderLength = 16;

    private bool _bigEndian;
    private bool _pcapNanosecond;
    private LinkType _pcapLinkType;

    // https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html section 4
    //   uint32 magic; uint16 major, minor; uint32 reserved1, reserved2; uint32 snaplen;
    //   uint32 linktype_and_fcs  (bits 0-15 link type, 16-25 reserved, 26-27 unused, 28-31 FCS)
    private CaptureOpenStatus ReadPcapFileHeader(uint magic, out string error)
    {
        _bigEndian = magic is PcapMicroBig or PcapNanoBig;
        _pcapNanosecond = magic is PcapNanoLittle or PcapNanoBig;
        TimestampDigits = _pcapNanosecond ? 9 : 6;
        FillResult fill = Fill(PcapFileHeaderLength);
        if (fill == FillResult.Failed)
        {
            error = $"{DisplayName}: {_fillError} in the pcap file header";
            return CaptureOpenStatus.Damaged;
        }

        if (fill == FillResult.EndOfData)
        {
            error = $"{DisplayName} ends after {_end} bytes, inside the {PcapFileHeaderLength}-byte pcap file header";
            return CaptureOpenStatus.Damaged;
        }

        ReadOnlySpan<byte> header = _buffer.AsSpan(0, PcapFileHeaderLength);
        ushort major = ReadUInt16(header[4..]);
        ushort minor = ReadUInt16(header[6..]);
        if (major != 2)
        {
            error = $"{DisplayName} is pcap version {major}.{minor}; only 2.x is known";
            return CaptureOpenStatus.Damaged;
        }

        _pcapLinkType = ToLinkType(ReadUInt32(header[20..]) & 0xFFFF);
        _position = PcapFileHeaderLength;
        error = string.Empty;
        return CaptureOpenStatus.Opened;
    }

    // Record header: uint32 ts_sec; uint32 ts_usec_or_nsec; uint32 caplen; uint32 len; then caplen bytes.
    private CaptureReadStatus ReadPcapRecord(out CaptureRecord record)
    {
        record = default;
        if (_end - _position < PcapRecordHeaderLength)
        {
            FillResult fill = Fill(PcapRecordHeaderLength);
            if (fill != FillResult.Filled)
            {
                return StopAtFill(fill, PcapRecordHeaderLength);
            }
        }

        ReadOnlySpan<byte> header = _buffer.AsSpan(_position, PcapRecordHeaderLength);
        uint seconds = ReadUInt32(header);
        uint fraction = ReadUInt32(header[4..]);
        uint captured = ReadUInt32(header[8..]);
        uint original = ReadUInt32(header[12..]);
        if (captured > MaxPcapCapturedLength)
        {
            // Without a sane length the next record cannot be found: stop, as libpcap and Wireshark do.
            return StopAtRecord(
                CaptureDamageKind.BadLength,
                _bufferOffset + _position,
                $"captured length {captured} exceeds the maximum {MaxPcapCapturedLength}");
        }

        int total = PcapRecordHeaderLength + (int)captured;
        if (_end - _position < total)
        {
            FillResult fill = Fill(total);
            if (fill != FillResult.Filled)
            {
                return StopAtFill(fill, total);
            }
        }

        long offset = _bufferOffset + _position;
        if (captured > original)
        {
            NoteCapturedExceedsOriginal(offset, captured, original);
        }

        long nanoseconds = _pcapNanosecond ? fraction : fraction * 1000L;
        record = new CaptureRecord(
            ++_recordsRead,
            new Timestamp((seconds * 1_000_000_000L) + nanoseconds),
            _pcapLinkType,
            0,
            original,
            _buffer.AsSpan(_position + PcapRecordHeaderLength, (int)captured),
            offset);
        _position += total;
        return CaptureReadStatus.Packet;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadUInt32(ReadOnlySpan<byte> bytes)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        return _bigEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort ReadUInt16(ReadOnlySpan<byte> bytes)
    {
        ushort value = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        return _bigEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadUInt64(ReadOnlySpan<byte> bytes)
    {
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return _bigEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }
}
