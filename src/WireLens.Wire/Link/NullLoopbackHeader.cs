using System.Buffers.Binary;

namespace WireLens.Wire.Link;

/// <summary>
/// A view of the 4-byte BSD loopback header used by <see cref="LinkType.Null"/> (address family in the
/// capturing host's byte order) and <see cref="LinkType.Loop"/> (network byte order). Both byte orders are
/// accepted for both link types: every known family value fits in the low 16 bits, so the order is evident.
/// </summary>
public readonly ref struct NullLoopbackHeader
{
    public const int Length = 4;

    private const int FamilyOffset = 0;

    /// <summary>AF_INET on every BSD, Linux and Windows.</summary>
    private const uint AfInet = 2;

    /// <summary>AF_INET6 values: Linux 10, NetBSD/OpenBSD 24, FreeBSD/DragonFly 28, macOS/iOS 30, Windows 23.</summary>
    private const uint AfInet6Linux = 10;
    private const uint AfInet6Windows = 23;
    private const uint AfInet6NetBsd = 24;
    private const uint AfInet6FreeBsd = 28;
    private const uint AfInet6Darwin = 30;

    private readonly ReadOnlySpan<byte> _frame;
    private readonly uint _family;

    private NullLoopbackHeader(ReadOnlySpan<byte> frame, uint family)
    {
        _frame = frame;
        _family = family;
    }

    /// <summary>The address family, already brought to host value whichever byte order it was written in.</summary>
    public uint AddressFamily => _family;

    /// <summary>4 for AF_INET, 6 for any platform's AF_INET6, 0 for anything else.</summary>
    public byte IpVersion => _family switch
    {
        AfInet => 4,
        AfInet6Linux or AfInet6Windows or AfInet6NetBsd or AfInet6FreeBsd or AfInet6Darwin => 6,
        _ => 0,
    };

    public ReadOnlySpan<byte> Payload => _frame.Slice(Length);

    // tcpdump.org LINKTYPE_NULL / LINKTYPE_LOOP:
    //  +---------------------------------+--------------------
    //  | address family (4, host / BE)   | IPv4 or IPv6 packet
    //  +---------------------------------+--------------------

    /// <summary>Returns false when the frame is shorter than 4 bytes.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> frame, out NullLoopbackHeader header)
    {
        if (frame.Length < Length)
        {
            header = default;
            return false;
        }

        // Family values are small: if the little-endian reading has bits in the high half, the writer was big-endian.
        uint family = BinaryPrimitives.ReadUInt32LittleEndian(frame.Slice(FamilyOffset));
        if ((family & 0xFFFF_0000) != 0)
        {
            family = BinaryPrimitives.ReverseEndianness(family);
        }

        header = new NullLoopbackHeader(frame, family);
        return true;
    }
}
