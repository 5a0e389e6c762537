using System.Buffers.Binary;

namespace WireLens.Wire.Link;

/// <summary>
/// A view of an Ethernet II header, including any stacked 802.1Q / 802.1ad VLAN tags.
/// The frame check sequence is not part of pcap data; trailer padding stays in <see cref="Payload"/>
/// and is cut off later by the IP length.
/// </summary>
public readonly ref struct EthernetHeader
{
    /// <summary>Destination MAC (6) + source MAC (6) + EtherType (2).</summary>
    public const int MinimumLength = 14;

    private const int DestinationOffset = 0;
    private const int SourceOffset = 6;
    private const int MacLength = 6;
    private const int TypeOffset = 12;
    private const int TciMask = 0x0FFF;

    private readonly ReadOnlySpan<byte> _frame;
    private readonly int _headerLength;
    private readonly ushort _etherType;

    private EthernetHeader(ReadOnlySpan<byte> frame, int headerLength, ushort etherType)
    {
        _frame = frame;
        _headerLength = headerLength;
        _etherType = etherType;
    }

    public ReadOnlySpan<byte> Destination => _frame.Slice(DestinationOffset, MacLength);

    public ReadOnlySpan<byte> Source => _frame.Slice(SourceOffset, MacLength);

    /// <summary>The EtherType after all VLAN tags; values up to 1500 are 802.3 lengths.</summary>
    public EtherType EtherType => (EtherType)_etherType;

    public int VlanTagCount => (_headerLength - MinimumLength) / VlanTags.TagLength;

    /// <summary>Header length including VLAN tags.</summary>
    public int HeaderLength => _headerLength;

    /// <summary>Everything after the header, including any trailer padding.</summary>
    public ReadOnlySpan<byte> Payload => _frame.Slice(_headerLength);

    /// <summary>The 12-bit VLAN id of tag <paramref name="index"/> (0 = outermost).</summary>
    public int GetVlanId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, VlanTagCount);
        return BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(MinimumLength + (index * VlanTags.TagLength))) & TciMask;
    }

    // IEEE 802.3 clause 3.1.1 (Ethernet II framing as captured by libpcap, no preamble, no FCS):
    //  +-------------------+-------------------+-----------+----------------------+
    //  | destination MAC 6 | source MAC 6      | type 2    | payload (+ padding)  |
    //  +-------------------+-------------------+-----------+----------------------+
    // With 802.1Q/802.1ad the type is a TPID followed by a 2-byte TCI and the next type (see VlanTags).

    /// <summary>Returns false when the frame ends inside the header or one of its VLAN tags.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> frame, out EthernetHeader header)
    {
        if (frame.Length < MinimumLength)
        {
            header = default;
            return false;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(TypeOffset));
        if (!VlanTags.TrySkip(frame.Slice(MinimumLength), ref type, out int tagBytes))
        {
            header = default;
            return false;
        }

        header = new EthernetHeader(frame, MinimumLength + tagBytes, type);
        return true;
    }
}
