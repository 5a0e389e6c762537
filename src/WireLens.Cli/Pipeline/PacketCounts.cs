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
    /// <summary>
    /// Packets the snapshot length cut: before the end of the fixed TCP header (not analysed, counted only here) or
    /// inside the TCP options or payload (analysed from their headers, counted in <see cref="Tcp"/> too).
    /// </summary>
    public long Truncated { get; set; }
    public long Malformed { get; set; }
    public long UnsupportedLinkType { get; set; }
    public HashSet<LinkType> LinkTypes { get; } = [];
}
