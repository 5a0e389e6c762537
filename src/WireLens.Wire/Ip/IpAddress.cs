using System.Buffers.Binary;
using System.Net;

namespace WireLens.Wire.Ip;

/// <summary>
/// An IPv4 or IPv6 address as a 128-bit value, so packet decoding allocates nothing.
/// IPv4 addresses are stored in the low 32 bits with <see cref="Version"/> 4.
/// </summary>
public readonly record struct IpAddress(ulong High, ulong Low, byte Version) : IComparable<IpAddress>
{
    public static IpAddress FromIPv4(ReadOnlySpan<byte> fourBytes) =>
        new(0, BinaryPrimitives.ReadUInt32BigEndian(fourBytes), 4);

    public static IpAddress FromIPv6(ReadOnlySpan<byte> sixteenBytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes), BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes[8..]), 6);

    public static IpAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        return written == 4 ? FromIPv4(bytes) : FromIPv6(bytes);
    }

    /// <summary>127.0.0.0/8, ::1, or an IPv4-mapped 127.0.0.0/8 (::ffff:127.x.y.z).</summary>
    public bool IsLoopback => Version == 4
        ? (Low >> 24) == 127
        : High == 0 && (Low == 1 || (Low >> 32) == 0xFFFF && ((Low >> 24) & 0xFF) == 127);

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Version == 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Low);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes);
    }

    public int CompareTo(IpAddress other)
    {
        int c = Version.CompareTo(other.Version);
        if (c != 0)
        {
            return c;
        }

        c = High.CompareTo(other.High);
        return c != 0 ? c : Low.CompareTo(other.Low);
    }

    public static bool operator <(IpAddress a, IpAddress b) => a.CompareTo(b) < 0;
    public static bool operator >(IpAddress a, IpAddress b) => a.CompareTo(b) > 0;
    public static bool operator <=(IpAddress a, IpAddress b) => a.CompareTo(b) <= 0;
    public static bool operator >=(IpAddress a, IpAddress b) => a.CompareTo(b) >= 0;

    public override string ToString() => ToIPAddress().ToString();
}
