using WireLens.Wire.Ip;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// A direction-independent TCP 4-tuple: endpoint A is the lower (address, port) pair, so both
/// directions of one connection map to the same key (gopacket's symmetric Flow idea).
/// </summary>
/// <remarks>
/// Stored as five 64-bit words (40 bytes): both addresses' halves, then the ports and IP versions packed in one word.
/// Two <see cref="IpAddress"/> fields and two ports took 64 bytes with their padding; the key is copied and compared
/// once per packet and kept in every tombstone.
/// </remarks>
public readonly struct FlowKey : IEquatable<FlowKey>
{
    private readonly ulong _aHigh;
    private readonly ulong _aLow;
    private readonly ulong _bHigh;
    private readonly ulong _bLow;
    private readonly ulong _portsAndVersions; // PortA, PortB, VersionA, VersionB from the low bits up

    public FlowKey(IpAddress addressA, ushort portA, IpAddress addressB, ushort portB)
    {
        _aHigh = addressA.High;
        _aLow = addressA.Low;
        _bHigh = addressB.High;
        _bLow = addressB.Low;
        _portsAndVersions = portA | (ulong)portB << 16 | (ulong)addressA.Version << 32 | (ulong)addressB.Version << 40;
    }

    public IpAddress AddressA => new(_aHigh, _aLow, (byte)(_portsAndVersions >> 32));

    public ushort PortA => (ushort)_portsAndVersions;

    public IpAddress AddressB => new(_bHigh, _bLow, (byte)(_portsAndVersions >> 40));

    public ushort PortB => (ushort)(_portsAndVersions >> 16);

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

    public static bool operator ==(FlowKey left, FlowKey right) => left.Equals(right);

    public static bool operator !=(FlowKey left, FlowKey right) => !left.Equals(right);

    public bool Equals(FlowKey other) =>
        _aLow == other._aLow && _bLow == other._bLow && _portsAndVersions == other._portsAndVersions
        && _aHigh == other._aHigh && _bHigh == other._bHigh;

    public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

    public override int GetHashCode()
    {
        ulong h = (_aLow * 0x9E3779B97F4A7C15UL) ^ (_bLow * 0xC2B2AE3D27D4EB4FUL)
            ^ (_aHigh * 0x165667B19E3779F9UL) ^ (_bHigh * 0x85EBCA77C2B2AE63UL)
            ^ ((_portsAndVersions & 0xFFFF_FFFF) * 0x27D4EB2F165667C5UL);
        return (int)(h ^ (h >> 32));
    }

    public override string ToString() => $"{AddressA}:{PortA} <-> {AddressB}:{PortB}";
}
