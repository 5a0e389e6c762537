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
}
