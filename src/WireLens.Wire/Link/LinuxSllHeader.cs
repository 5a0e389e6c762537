using System.Buffers.Binary;

namespace WireLens.Wire.Link;

/// <summary>A view of the 16-byte Linux cooked capture v1 header (<see cref="LinkType.LinuxSll"/>).</summary>
public readonly ref struct LinuxSllHeader
{
    public const int Length = 16;

    private const int PacketTypeOffset = 0;
    private const int ArphrdTypeOffset = 2;
    private const int AddressLengthOffset = 4;
    private const int AddressOffset = 6;
    private const int AddressFieldLength = 8;
    private const int ProtocolOffset = 14;

    private readonly ReadOnlySpan<byte> _frame;

    private LinuxSllHeader(ReadOnlySpan<byte> frame) => _frame = frame;

    /// <summary>0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us.</summary>
    public ushort PacketType => BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(PacketTypeOffset));

    /// <summary>The ARPHRD_ device type (1 Ethernet, 772 loopback, ...).</summary>
    public ushort ArphrdType => BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(ArphrdTypeOffset));

    /// <summary>The link-layer source address, at most the 8 bytes the header has room for.</summary>
    public ReadOnlySpan<byte> Address =>
        _frame.Slice(AddressOffset, Math.Min((int)BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(AddressLengthOffset)), AddressFieldLength));

    /// <summary>The EtherType of the payload (for ARPHRD types that carry Ethernet protocols).</summary>
    public EtherType Protocol => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_frame.Slice(ProtocolOffset));

    public ReadOnlySpan<byte> Payload => _frame.Slice(Length);

    // tcpdump.org LINKTYPE_LINUX_SLL:
    //  +---------------+---------------+---------------+-------------------------------+---------------+
    //  | packet type 2 | ARPHRD type 2 | addr length 2 | link-layer address (8, padded) | protocol 2    |
    //  +---------------+---------------+---------------+-------------------------------+---------------+

    /// <summary>Returns false when the frame is shorter than 16 bytes.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> frame, out LinuxSllHeader header)
    {
        if (frame.Length < Length)
        {
            header = default;
            return false;
        }

        header = new LinuxSllHeader(frame);
        return true;
    }
}
