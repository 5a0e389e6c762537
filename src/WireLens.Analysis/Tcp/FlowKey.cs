using WireLens.Wire.Ip;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// A direction-independent TCP 4-tuple: endpoint A is the lower (address, port) pair, so both
/// directions of one connection map to the same key (gopacket's symmetric Flow idea).
/// </summary>
public readonly record struct FlowKey(IpAddress AddressA, ushort PortA, IpAddress AddressB, ushort PortB)
{
    /// <summary>Builds the key for a packet; <paramref name="fromA"/> says whether the packet was sent by endpoint A.</summary>
    public static FlowKey Create(IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort, out bool fromA)
    {
        int c = source.CompareTo(destination);
        if (c == 0)
        {
            c = sourcePort.CompareTo(destinationPort);
        }

        fromA = c <= 0;
        return fromA
            ? new FlowKey(source, sourcePort, destination, destinationPort)
            : new FlowKey(destination, destinationPort, source, sourcePort);
    }

    // Hand-written: the compiler's record equality goes through EqualityComparer for each of the nested fields,
    // and this key is looked up once per packet.
    public bool Equals(FlowKey other) =>
        AddressA.Low == other.AddressA.Low && AddressB.Low == other.AddressB.Low
        && PortA == other.PortA && PortB == other.PortB
        && AddressA.High == other.AddressA.High && AddressB.High == other.AddressB.High
        && AddressA.Version == other.AddressA.Version && AddressB.Version == other.AddressB.Version;

    public override int GetHashCode()
    {
        ulong h = (AddressA.Low * 0x9E3779B97F4A7C15UL) ^ (AddressB.Low * 0xC2B2AE3D27D4EB4FUL)
            ^ (AddressA.High * 0x165667B19E3779F9UL) ^ (AddressB.High * 0x85EBCA77C2B2AE63UL)
            ^ (((ulong)PortA << 16 | PortB) * 0x27D4EB2F165667C5UL);
        return (int)(h ^ (h >> 32));
    }
}
