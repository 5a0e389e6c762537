using System.Buffers;
using System.Buffers.Binary;

namespace WireLens.Wire.Ip;

/// <summary>
/// A view of the fixed 40-byte IPv6 header and the packet it bounds. Extension headers are walked by
/// <see cref="Ipv6ExtensionHeaders"/>.
/// </summary>
public readonly ref struct Ipv6Header
{
    public const int Length = 40;

    private const int VersionOffset = 0;
    private const int PayloadLengthOffset = 4;
    private const int NextHeaderOffset = 6;
    private const int HopLimitOffset = 7;
    private const int SourceOffset = 8;
    private const int DestinationOffset = 24;
    private const int AddressLength = 16;

    // Bounded by the payload length when that is non-zero, so link-layer padding never reaches the payload.
    private readonly ReadOnlySpan<byte> _packet;

    private Ipv6Header(ReadOnlySpan<byte> packet) => _packet = packet;

    public byte Version => (byte)(_packet[VersionOffset] >> 4);

    public byte TrafficClass => (byte)(BinaryPrimitives.ReadUInt16BigEndian(_packet) >> 4);

    public int FlowLabel => (int)(BinaryPrimitives.ReadUInt32BigEndian(_packet) & 0x000F_FFFF);

    /// <summary>The payload length field: 0 for a jumbogram (RFC 2675) or a TSO packet on the capturing host.</summary>
    public ushort PayloadLengthField => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(PayloadLengthOffset));

    /// <summary>
    /// The real payload length (extension headers included): the field, or the captured length when the field is 0.
    /// May exceed <see cref="Payload"/>.Length when the capture was cut by snaplen.
    /// </summary>
    public int PayloadLength => PayloadLengthField == 0 ? _packet.Length - Length : PayloadLengthField;

    /// <summary>True when <see cref="PayloadLength"/> comes from the captured bytes rather than the header.</summary>
    public bool IsPayloadLengthFromCapture => PayloadLengthField == 0;

    public IpProtocol NextHeader => (IpProtocol)_packet[NextHeaderOffset];

    public byte HopLimit => _packet[HopLimitOffset];

    public IpAddress Source => IpAddress.FromIPv6(_packet.Slice(SourceOffset, AddressLength));

    public IpAddress Destination => IpAddress.FromIPv6(_packet.Slice(DestinationOffset, AddressLength));

    /// <summary>The source address, then the destination address (32 bytes).</summary>
    internal ReadOnlySpan<byte> Addresses => _packet.Slice(SourceOffset, 2 * AddressLength);

    /// <summary>The captured part of the payload (extension headers included), never beyond the payload length.</summary>
    public ReadOnlySpan<byte> Payload => _packet.Slice(Length);

    /// <summary>Returns false when the packet is truncated or malformed; see the overload for which.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> packet, out Ipv6Header header) =>
        TryCreate(packet, out header, out _);

    // RFC 8200 section 3:
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |Version| Traffic Class |           Flow Label                  |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |         Payload Length        |  Next Header  |   Hop Limit   |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                     Source Address (128 bits)                 |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  Destination Address (128 bits)               |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

    /// <summary>
    /// Validates the fixed header once. <paramref name="status"/> is <see cref="OperationStatus.Done"/>,
    /// <see cref="OperationStatus.NeedMoreData"/> when the capture ends inside the 40 bytes, or
    /// <see cref="OperationStatus.InvalidData"/> when the version is not 6.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> packet, out Ipv6Header header, out OperationStatus status)
    {
        header = default;
        if (packet.Length < Length)
        {
            status = OperationStatus.NeedMoreData;
            return false;
        }

        if ((packet[VersionOffset] >> 4) != 6)
        {
            status = OperationStatus.InvalidData;
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(PayloadLengthOffset));
        if (payloadLength != 0 && Length + payloadLength < packet.Length)
        {
            packet = packet.Slice(0, Length + payloadLength);
        }

        header = new Ipv6Header(packet);
        status = OperationStatus.Done;
        return true;
    }
}
