using System.Buffers.Binary;
using System.Globalization;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>
/// pcapng: blocks of (type, total length, body, total length again), in sections that each set their own byte order
/// and interfaces. https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-03.html
/// </summary>
public sealed partial class CaptureFileReader
{
    /// <summary>The largest pcapng block accepted (16 MiB, as Wireshark); larger lengths are treated as damage.</summary>
    public const int MaxPcapNgBlockLength = 16 * 1024 * 1024;

    private const uint SectionHeaderBlock = 0x0A0D0D0A;
    private const uint InterfaceDescriptionBlock = 1;
    private const uint ObsoletePacketBlock = 2;
    private const uint SimplePacketBlock = 3;
    private const uint EnhancedPacketBlock = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int BlockHeaderLength = 12; // type, length, trailing length: the smallest possible block
    private const ushort OptionEnd = 0;
    private const ushort OptionTimestampResolution = 9;
    private const ushort OptionTimestampOffset = 14;

    // All interfaces of the file; the current section's are those from _sectionFirstInterface on.
    private readonly List<PcapNgInterface> _interfaces = [];
    private int _sectionFirstInterface;

    private enum BlockResult
    {
        Packet,
        Skipped,
        Stopped,
    }

    private CaptureOpenStatus CheckPcapNgFileHeader(out string error)
    {
        FillResult fill = Fill(BlockHeaderLength);
        if (fill != FillResult.Filled)
        {
            error = fill == FillResult.Failed
                ? $"{DisplayName}: {_fillError} in the pcapng section header"
                : $"{DisplayName} ends after {_end} bytes, inside the pcapng section header";
            return CaptureOpenStatus.Damaged;
        }

        if (!TrySetSectionByteOrder(_buffer.AsSpan(8, 4)))
        {
            error = $"{DisplayName} has a pcapng section header with the byte-order magic {Hex(_buffer.AsSpan(8, 4))}";
            return CaptureOpenStatus.Damaged;
        }

        error = string.Empty;
        return CaptureOpenStatus.Opened;
    }

    private bool TrySetSectionByteOrder(ReadOnlySpan<byte> magic)
    {
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        if (value == ByteOrderMagic)
        {
            _bigEndian = false;
            return true;
        }

        if (value == BinaryPrimitives.ReverseEndianness(ByteOrderMagic))
        {
            _bigEndian = true;
            return true;
        }

        return false;
    }

    private CaptureReadStatus ReadPcapNgRecord(out CaptureRecord record)
    {
        record = default;
        while (true)
        {
            if (_end - _position < BlockHeaderLength)
            {
                FillResult fill = Fill(BlockHeaderLength);
                if (fill != FillResult.Filled)
                {
                    return StopAtFill(fill, BlockHeaderLength);
                }
            }

            long start = _bufferOffset + _position;
            ReadOnlySpan<byte> head = _buffer.AsSpan(_position, BlockHeaderLength);

            // The section header's type reads the same in both byte orders; its byte-order magic says how to read the rest.
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (type == SectionHeaderBlock)
            {
                if (!TrySetSectionByteOrder(head[8..]))
                {
                    return StopAtRecord(CaptureDamageKind.Malformed, start, $"section header block has the byte-order magic {Hex(head[8..])}");
                }
            }
            else
            {
                type = ReadUInt32(head);
            }

            uint length = ReadUInt32(head[4..]);
            string? lengthProblem = CheckBlockLength(type, length);
            if (lengthProblem is not null)
            {
                return StopAtRecord(CaptureDamageKind.BadLength, start, lengthProblem);
            }

            if (_end - _position < (int)length)
            {
                FillResult fill = Fill((int)length);
                if (fill != FillResult.Filled)
                {
                    return StopAtFill(fill, (int)length);
                }
            }

            ReadOnlySpan<byte> block = _buffer.AsSpan(_position, (int)length);
            uint trailing = ReadUInt32(block[^4..]);
            if (trailing != length)
            {
                return StopAtRecord(
                    CaptureDamageKind.BadLength,
                    start,
                    $"{BlockName(type)} has the trailing length {trailing}, not its leading length {length}");
            }

            BlockResult result = type switch
            {
                EnhancedPacketBlock => ReadEnhancedPacket(block, start, isObsolete: false, out record),
                ObsoletePacketBlock => ReadEnhancedPacket(block, start, isObsolete: true, out record),
                SimplePacketBlock => ReadSimplePacket(block, start, out record),
                SectionHeaderBlock => ReadSectionHeader(block, start),
                InterfaceDescriptionBlock => ReadInterfaceDescription(block, start),
                _ => BlockResult.Skipped, // statistics, name resolution, secrets, custom: not needed here
            };

            if (result == BlockResult.Stopped)
            {
                return CaptureReadStatus.Stopped;
            }

            // Advancing does not touch the buffer, so a delivered record's Data stays valid until the next call.
            _position += (int)length;
            if (result == BlockResult.Packet)
            {
                return CaptureReadStatus.Packet;
            }
        }
    }

    private static string? CheckBlockLength(uint type, uint length)
    {
        int minimum = MinimumBlockLength(type);
        if (length < minimum)
        {
            return $"{BlockName(type)} length {length} is smaller than the minimum {minimum}";
        }

        if (length % 4 != 0)
        {
            return $"{BlockName(type)} length {length} is not a multiple of 4";
        }

        if (length > MaxPcapNgBlockLength)
        {
            return $"{BlockName(type)} length {length} exceeds the maximum {MaxPcapNgBlockLength}";
        }

        return null;
    }

    private static int MinimumBlockLength(uint type) => type switch
    {
        SectionHeaderBlock => 28,
        InterfaceDescriptionBlock => 20,
        ObsoletePacketBlock or EnhancedPacketBlock => 32,
        SimplePacketBlock => 16,
        _ => BlockHeaderLength,
    };

    private static string BlockName(uint type) => type switch
    {
        SectionHeaderBlock => "section header block",
        InterfaceDescriptionBlock => "interface description block",
        ObsoletePacketBlock => "packet block",
        SimplePacketBlock => "simple packet block",
        EnhancedPacketBlock => "enhanced packet block",
        _ => string.Create(CultureInfo.InvariantCulture, $"block of type 0x{type:x8}"),
    };

    // SHB body: uint32 byte-order magic; uint16 major, minor; int64 section length; options.
    private BlockResult ReadSectionHeader(ReadOnlySpan<byte> block, long start)
    {
        ushort major = ReadUInt16(block[12..]);
        ushort minor = ReadUInt16(block[14..]);
        if (major != 1)
        {
            StopAtRecord(CaptureDamageKind.Unsupported, start, $"section header block has version {major}.{minor}; only 1.x is known");
            return BlockResult.Stopped;
        }

        // Interface ids in packet blocks count from 0 again in each section.
        _sectionFirstInterface = _interfaces.Count;
        return BlockResult.Skipped;
    }

    // IDB body: uint16 link type; uint16 reserved; uint32 snap length; options (if_tsresol = 9, if_tsoffset = 14).
    private BlockResult ReadInterfaceDescription(ReadOnlySpan<byte> block, long start)
    {
        LinkType linkType = ToLinkType(ReadUInt16(block[8..]));
        uint snapLength = ReadUInt32(block[12..]);
        byte resolution = 6; // default 10^-6 s
        long offsetSeconds = 0;
        ReadOnlySpan<byte> options = block[16..^4];
        while (options.Length >= 4)
        {
            ushort code = ReadUInt16(options);
            ushort valueLength = ReadUInt16(options[2..]);
            if (code == OptionEnd || 4 + valueLength > options.Length)
            {
                break; // an option running past the block ends the list, as in Wireshark
            }

            ReadOnlySpan<byte> value = options.Slice(4, valueLength);
            if (code == OptionTimestampResolution && valueLength >= 1)
            {
                resolution = value[0];
            }
            else if (code == OptionTimestampOffset && valueLength == 8)
            {
                offsetSeconds = (long)ReadUInt64(value);
            }

            int padded = (4 + valueLength + 3) & ~3;
            options = options[Math.Min(padded, options.Length)..];
        }

        // if_tsresol: high bit clear = 10^-n, set = 2^-n s per unit.
        bool powerOfTwo = (resolution & 0x80) != 0;
        int exponent = resolution & 0x7F;
        if ((powerOfTwo && exponent > 63) || (!powerOfTwo && exponent > 19))
        {
            StopAtRecord(
                CaptureDamageKind.Unsupported,
                start,
                $"interface description block has the time resolution {(powerOfTwo ? "2" : "10")}^-{exponent}, finer than can be read");
            return BlockResult.Stopped;
        }

        ulong unitsPerSecond = powerOfTwo ? 1UL << exponent : Pow10(exponent);
        long nanosecondsPerUnit = unitsPerSecond <= 1_000_000_000 && 1_000_000_000 % unitsPerSecond == 0
            ? (long)(1_000_000_000 / unitsPerSecond)
            : 0;
        if (unitsPerSecond > 1_000_000)
        {
            TimestampDigits = 9;
        }

        _interfaces.Add(new PcapNgInterface(linkType, snapLength, unitsPerSecond, nanosecondsPerUnit, offsetSeconds));
        return BlockResult.Skipped;
    }

    // EPB body: uint32 interface id; uint32 ts high; uint32 ts low; uint32 captured; uint32 original; data; options.
    // Obsolete PB: uint16 interface id; uint16 drops count; then the same fields.
    private BlockResult ReadEnhancedPacket(ReadOnlySpan<byte> block, long start, bool isObsolete, out CaptureRecord record)
    {
        record = default;
        uint interfaceId = isObsolete ? ReadUInt16(block[8..]) : ReadUInt32(block[8..]);
        ulong units = ((ulong)ReadUInt32(block[12..]) << 32) | ReadUInt32(block[16..]);
        uint captured = ReadUInt32(block[20..]);
        uint original = ReadUInt32(block[24..]);
        const int DataOffset = 28;
        if (captured > (uint)(block.Length - DataOffset - 4))
        {
            StopAtRecord(
                CaptureDamageKind.BadLength,
                start,
                $"{BlockName(isObsolete ? ObsoletePacketBlock : EnhancedPacketBlock)} captured length {captured} does not fit in its block length {block.Length}");
            return BlockResult.Stopped;
        }

        int sectionInterfaces = _interfaces.Count - _sectionFirstInterface;
        if (interfaceId >= (uint)sectionInterfaces)
        {
            NoteUnknownInterface(start, isObsolete ? ObsoletePacketBlock : EnhancedPacketBlock, interfaceId, sectionInterfaces);
            return BlockResult.Skipped;
        }

        int globalId = _sectionFirstInterface + (int)interfaceId;
        PcapNgInterface description = _interfaces[globalId];
        if (captured > original)
        {
            NoteCapturedExceedsOriginal(start, captured, original);
        }

        record = new CaptureRecord(
            ++_recordsRead,
            ToTimestamp(description, units),
            description.LinkType,
            globalId,
            original,
            block.Slice(DataOffset, (int)captured),
            start);
        return BlockResult.Packet;
    }

    // SPB body: uint32 original length; data. It belongs to the section's first interface and has no time stamp
    // (delivered as 0, the epoch). Captured = min(original, snap length (0 = none), space in the block).
    private BlockResult ReadSimplePacket(ReadOnlySpan<byte> block, long start, out CaptureRecord record)
    {
        record = default;
        int sectionInterfaces = _interfaces.Count - _sectionFirstInterface;
        if (sectionInterfaces == 0)
        {
            NoteUnknownInterface(start, SimplePacketBlock, 0, 0);
            return BlockResult.Skipped;
        }

        const int DataOffset = 12;
        PcapNgInterface description = _interfaces[_sectionFirstInterface];
        uint original = ReadUInt32(block[8..]);
        uint captured = Math.Min(original, (uint)(block.Length - DataOffset - 4));
        if (description.SnapLength != 0)
        {
            captured = Math.Min(captured, description.SnapLength);
        }

        record = new CaptureRecord(
            ++_recordsRead,
            default,
            description.LinkType,
            _sectionFirstInterface,
            original,
            block.Slice(DataOffset, (int)captured),
            start);
        return BlockResult.Packet;
    }

    private void NoteUnknownInterface(long start, uint type, uint interfaceId, int sectionInterfaces) =>
        NoteRecoverable(
            CaptureDamageKind.UnknownInterface,
            start,
            $"{BlockName(type)} names interface {interfaceId}, but its section describes {sectionInterfaces}; skipped");

    private static Timestamp ToTimestamp(in PcapNgInterface description, ulong units)
    {
        ulong seconds;
        long nanoseconds;
        if (description.UnitsPerSecond == 1_000_000)
        {
            // The common case, with a constant divisor the JIT turns into a multiplication.
            seconds = units / 1_000_000;
            nanoseconds = (long)(units % 1_000_000) * 1000;
        }
        else if (description.NanosecondsPerUnit != 0)
        {
            seconds = units / description.UnitsPerSecond;
            nanoseconds = (long)(units % description.UnitsPerSecond) * description.NanosecondsPerUnit;
        }
        else
        {
            // Finer than 1 ns, or a power of 2: truncate the fraction to whole nanoseconds, as Wireshark does.
            seconds = units / description.UnitsPerSecond;
            nanoseconds = (long)((UInt128)(units % description.UnitsPerSecond) * 1_000_000_000 / description.UnitsPerSecond);
        }

        return new Timestamp((((long)seconds + description.OffsetSeconds) * 1_000_000_000) + nanoseconds);
    }

    private static ulong Pow10(int exponent)
    {
        ulong value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
