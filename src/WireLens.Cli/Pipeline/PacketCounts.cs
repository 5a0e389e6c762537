using WireLens.Wire.Link;

namespace WireLens.Cli.Pipeline;

/// <summary>What the decode loop saw, packet by packet, over one capture.</summary>
public sealed class PacketCounts
{
    public long Packets { get; set; }
    public long FilteredOut { get; set; }
    public long Tcp { get; set; }
    public long NotIp { get; set; }
    public long NotTcp { get; set; }
    public long Fragments { get; set; }
    public long Truncated { get; set; }
    public long Malformed { get; set; }
    public long UnsupportedLinkType { get; set; }
    public HashSet<LinkType> LinkTypes { get; } = [];
}
