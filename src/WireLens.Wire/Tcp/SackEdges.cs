using System.Runtime.CompilerServices;

namespace WireLens.Wire.Tcp;

/// <summary>Storage for up to four SACK blocks (left, right) inside <see cref="TcpOptions"/> without an array.</summary>
[InlineArray(TcpOptions.MaxSackBlocks * 2)]
internal struct SackEdges
{
    private uint _element0;
}
