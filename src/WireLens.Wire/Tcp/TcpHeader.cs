using System.Buffers;
using System.Buffers.Binary;

namespace WireLens.Wire.Tcp;

/// <summary>A view of a TCP header and the captured bytes of the segment after it.</summary>
public readonly ref struct TcpHeader
{
    public const int MinimumLength = 20;

    private const int SourcePortOffset = 0;
    private const int DestinationPortOffset = 2;
    private const int SequenceOffset = 4;
    private const int AcknowledgmentOffset = 8;
    private const int DataOffsetOffset = 12;
    private const int FlagsOffset = 13;
    private const int WindowOffset = 14;
    private const int ChecksumOffset = 16;
    private const int UrgentPointerOffset = 18;

    /// <summary>The former NS bit is the lowest bit of the data offset byte (RFC 3540, historic).</summary>
    private const int NsBit = 0x01;

    private readonly ReadOnlySpan<byte> _segment;
    private readonly int _headerLength;

    private TcpHeader(ReadOnlySpan<byte> segment, int headerLength)
    {
        _segment = segment;
        _headerLength = headerLength;
    }

    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(SourcePortOffset));

    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(DestinationPortOffset));

    public uint Sequence => BinaryPrimitives.ReadUInt32BigEndian(_segment.Slice(SequenceOffset));

    public uint Acknowledgment => BinaryPrimitives.ReadUInt32BigEndian(_segment.Slice(AcknowledgmentOffset));

    /// <summary>The data offset field times 4: 20 to 60.</summary>
    public int HeaderLength => _headerLength;

    /// <summary>The eight control bits plus the NS bit.</summary>
    public TcpFlags Flags => (TcpFlags)(((_segment[DataOffsetOffset] & NsBit) << 8) | _segment[FlagsOffset]);

    /// <summary>The window field as sent, not scaled.</summary>
    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(WindowOffset));

    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(ChecksumOffset));

    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_segment.Slice(UrgentPointerOffset));

    /// <summary>
    /// The raw option bytes (0 to 40), see <see cref="TcpOptions.Parse(ReadOnlySpan{byte})"/>; when the capture ends inside them
    /// (<see cref="OptionsTruncated"/>), the part that was captured.
    /// </summary>
    public ReadOnlySpan<byte> Options => _segment.Slice(MinimumLength, CapturedHeaderLength - MinimumLength);

    /// <summary>The captured bytes after the header; the IP layer knows how long the payload really is.</summary>
    public ReadOnlySpan<byte> Payload => _segment.Slice(CapturedHeaderLength);

    /// <summary>True when the capture ends inside the options (a view made by <see cref="TryCreateCut"/>).</summary>
    public bool OptionsTruncated => _segment.Length < _headerLength;

    private int CapturedHeaderLength => Math.Min(_headerLength, _segment.Length);

    /// <summary>Returns false when the segment is truncated or malformed; see the overload for which.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> segment, out TcpHeader header) =>
        TryCreate(segment, out header, out _);

    // RFC 9293 section 3.1 (NS from RFC 3540 in the last reserved bit):
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |          Source Port          |       Destination Port        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                        Sequence Number                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                    Acknowledgment Number                      |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  Data |     |N|C|E|U|A|P|R|S|F|                               |
    // | Offset| Rsv |S|W|C|R|C|S|S|Y|I|            Window             |
    // |       |     | |R|E|G|K|H|T|N|N|                               |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |           Checksum            |         Urgent Pointer        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                           [Options]                           |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

    /// <summary>
    /// Validates the header once. <paramref name="status"/> is <see cref="OperationStatus.Done"/>,
    /// <see cref="OperationStatus.NeedMoreData"/> when the captured bytes end inside the header, or
    /// <see cref="OperationStatus.InvalidData"/> when the data offset is below 5.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> segment, out TcpHeader header, out OperationStatus status)
    {
        status = Validate(segment, out int headerLength);
        if (status != OperationStatus.Done)
        {
            header = default;
            return false;
        }

        header = new TcpHeader(segment, headerLength);
        return true;
    }

    /// <summary>
    /// Like <see cref="TryCreate(ReadOnlySpan{byte}, out TcpHeader)"/>, but also accepts a header whose options the
    /// snapshot length cut: the fixed 20 bytes must be captured and the data offset valid. <see cref="Options"/> is
    /// then the captured part of the options and <see cref="Payload"/> is empty. For captures such as `tcpdump -s 64`,
    /// where Ethernet + IPv4 + a TCP header with timestamps is 66 bytes: every field the connection analysis reads but
    /// the SACK blocks is in the fixed header (tshark gives such segments their stream, length and flags, but no
    /// sequence analysis).
    /// </summary>
    public static bool TryCreateCut(ReadOnlySpan<byte> segment, out TcpHeader header)
    {
        OperationStatus status = Validate(segment, out int headerLength);
        bool fixedHeaderCaptured = status == OperationStatus.Done || (status == OperationStatus.NeedMoreData && headerLength > 0);
        header = fixedHeaderCaptured ? new TcpHeader(segment, headerLength) : default;
        return fixedHeaderCaptured;
    }

    /// <summary>
    /// The checks both constructors share: <see cref="OperationStatus.NeedMoreData"/> with <paramref name="headerLength"/>
    /// 0 when the fixed 20 bytes are not all captured, <see cref="OperationStatus.InvalidData"/> when the data offset is
    /// below 5, <see cref="OperationStatus.NeedMoreData"/> with the header length when the capture ends inside the
    /// options, else <see cref="OperationStatus.Done"/>.
    /// </summary>
    private static OperationStatus Validate(ReadOnlySpan<byte> segment, out int headerLength)
    {
        headerLength = 0;
        if (segment.Length < MinimumLength)
        {
            return OperationStatus.NeedMoreData;
        }

        int length = (segment[DataOffsetOffset] >> 4) * 4;
        if (length < MinimumLength)
        {
            return OperationStatus.InvalidData;
        }

        headerLength = length;
        return segment.Length < length ? OperationStatus.NeedMoreData : OperationStatus.Done;
    }
}
