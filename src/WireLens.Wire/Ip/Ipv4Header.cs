using System.Buffers;
using System.Buffers.Binary;

namespace WireLens.Wire.Ip;

/// <summary>
/// A view of an IPv4 header and the packet it bounds. The header checksum is not verified: captures on the
/// sending host see packets before checksum offload fills it in.
/// </summary>
public readonly ref struct Ipv4Header
{
    public const int MinimumLength = 20;

    private const int VersionIhlOffset = 0;
    private const int TypeOfServiceOffset = 1;
    private const int TotalLengthOffset = 2;
    private const int IdentificationOffset = 4;
    private const int FlagsFragmentOffset = 6;
    private const int TimeToLiveOffset = 8;
    private const int ProtocolOffset = 9;
    private const int ChecksumOffset = 10;
    private const int SourceOffset = 12;
    private const int DestinationOffset = 16;
    private const int AddressLength = 4;

    private const ushort DontFragmentBit = 0x4000;
    private const ushort MoreFragmentsBit = 0x2000;
    private const ushort FragmentOffsetMask = 0x1FFF;

    // Bounded by the total length when that is non-zero, so Ethernet padding never reaches the payload.
    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _headerLength;

    private Ipv4Header(ReadOnlySpan<byte> packet, int headerLength)
    {
        _packet = packet;
        _headerLength = headerLength;
    }

    public byte Version => (byte)(_packet[VersionIhlOffset] >> 4);

    /// <summary>IHL times 4, between 20 and 60.</summary>
    public int HeaderLength => _headerLength;

    /// <summary>DSCP (6 bits) and ECN (2 bits).</summary>
    public byte TypeOfService => _packet[TypeOfServiceOffset];

    /// <summary>The total length field; 0 when TCP segmentation offload left it unset on the capturing host.</summary>
    public ushort TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(TotalLengthOffset));

    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(IdentificationOffset));

    public bool DontFragment => (FlagsAndOffset & DontFragmentBit) != 0;

    public bool MoreFragments => (FlagsAndOffset & MoreFragmentsBit) != 0;

    /// <summary>The fragment offset in 8-byte units.</summary>
    public int FragmentOffset => FlagsAndOffset & FragmentOffsetMask;

    /// <summary>True for any fragment that is not a whole datagram (non-first, or first with MF set).</summary>
    public bool IsFragment => (FlagsAndOffset & (MoreFragmentsBit | FragmentOffsetMask)) != 0;

    public byte TimeToLive => _packet[TimeToLiveOffset];

    public IpProtocol Protocol => (IpProtocol)_packet[ProtocolOffset];

    public ushort HeaderChecksum => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(ChecksumOffset));

    public IpAddress Source => IpAddress.FromIPv4(_packet.Slice(SourceOffset, AddressLength));

    public IpAddress Destination => IpAddress.FromIPv4(_packet.Slice(DestinationOffset, AddressLength));

    /// <summary>The source address, then the destination address (8 bytes).</summary>
    internal ReadOnlySpan<byte> Addresses => _packet.Slice(SourceOffset, 2 * AddressLength);

    public ReadOnlySpan<byte> Options => _packet.Slice(MinimumLength, _headerLength - MinimumLength);

    /// <summary>
    /// The real payload length from the total length (or from the captured bytes when the total length is 0),
    /// which may exceed <see cref="Payload"/>.Length when the capture was cut by snaplen.
    /// </summary>
    public int PayloadLength => (TotalLength == 0 ? _packet.Length : TotalLength) - _headerLength;

    /// <summary>The captured part of the payload, never beyond the total length.</summary>
    public ReadOnlySpan<byte> Payload => _packet.Slice(_headerLength);

    private ushort FlagsAndOffset => BinaryPrimitives.ReadUInt16BigEndian(_packet.Slice(FlagsFragmentOffset));

    /// <summary>Returns false when the packet is truncated or malformed; see the overload for which.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> packet, out Ipv4Header header) =>
        TryCreate(packet, out header, out _);

    // RFC 791 section 3.1:
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |Version|  IHL  |Type of Service|          Total Length         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |         Identification        |Flags|      Fragment Offset    |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  Time to Live |    Protocol   |         Header Checksum       |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                       Source Address                          |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                    Destination Address                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                    Options                    |    Padding    |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

    /// <summary>
    /// Validates the header once. <paramref name="status"/> is <see cref="OperationStatus.Done"/>,
    /// <see cref="OperationStatus.NeedMoreData"/> when the capture ends inside the header, or
    /// <see cref="OperationStatus.InvalidData"/> for a version other than 4, an IHL below 5, or a non-zero
    /// total length smaller than the header.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> packet, out Ipv4Header header, out OperationStatus status)
    {
        header = default;
        if (packet.Length < MinimumLength)
        {
            status = OperationStatus.NeedMoreData;
            return false;
        }

        byte versionIhl = packet[VersionIhlOffset];
        int headerLength = (versionIhl & 0x0F) * 4;
        if ((versionIhl >> 4) != 4 || headerLength < MinimumLength)
        {
            status = OperationStatus.InvalidData;
            return false;
        }

        // A total length of 0 is what TSO leaves on the capturing host; tshark then trusts the captured length.
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(TotalLengthOffset));
        if (totalLength != 0 && totalLength < headerLength)
        {
            status = OperationStatus.InvalidData;
            return false;
        }

        if (packet.Length < headerLength)
        {
            status = OperationStatus.NeedMoreData;
            return false;
        }

        // Bytes after the total length are link-layer padding or trailers, not payload.
        if (totalLength != 0 && totalLength < packet.Length)
        {
            packet = packet.Slice(0, totalLength);
        }

        header = new Ipv4Header(packet, headerLength);
        status = OperationStatus.Done;
        return true;
    }
}
