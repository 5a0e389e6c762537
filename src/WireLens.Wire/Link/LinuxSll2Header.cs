using System.Buffers.Binary;

namespace WireLens.Wire.Link;

/// <summary>A view of the 20-byte Linux cooked capture v2 header (<see cref="LinkType.LinuxSll2"/>).</summary>
public readonly ref struct LinuxSll2Header
{
    public const int Length = 20;

    private const int ProtocolOffset = 0;
    private const int InterfaceIndexOffset = 4;
    private const int ArphrdTypeOffset = 8;
    private const int PacketTypeOffset = 10;
    private const int AddressLengthOffset = 11;
    private const int AddressOffset = 12;
    private const int AddressFieldLength = 8;

    private readonly ReadOnlySpan<byte> _frame;

    private LinuxSll2Header(ReadOnlySpan<byte> frame) => _frame = frame;

    /// <summary>The EtherType of the payload.</summary>
    public EtherType Protocol => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(ProtocolOffset));

    /// <summary>The capturing interface's index (the "any" device captures several).</summary>
    public uint InterfaceIndex => BinaryPrimitives.ReadUInt32BigEndian(_frame.Slice(InterfaceIndexOffset));

    public ushort ArphrdType => BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(ArphrdTypeOffset));

    /// <summary>0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.</summary>
    public byte PacketType => _frame[PacketTypeOffset];

    public ReadOnlySpan<byte> Address =>
        _frame.Slice(AddressOffset, Math.Min((int)_frame[AddressLengthOffset], AddressFieldLength));

    public ReadOnlySpan<byte> Payload => _frame.Slice(Length);

    // tcpdump.org LINKTYPE_LINUX_SLL2:
    //  +------------+------------+-------------------+---------------+---------+----------+----------------------+
    //  | protocol 2 | reserved 2 | interface index 4 | ARPHRD type 2 | pkttype | addr len | address (8, padded)  |
    //  +------------+------------+-------------------+---------------+---------+----------+----------------------+

    /// <summary>Returns false when the frame is shorter than 20 bytes.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> frame, out LinuxSll2Header header)
    {
        if (frame.Length < Length)
        {
            header = default;
            return false;
        }

        header = new LinuxSll2Header(frame);
        return true;
    }
}
