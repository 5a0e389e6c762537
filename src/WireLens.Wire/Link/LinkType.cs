namespace WireLens.Wire.Link;

/// <summary>LINKTYPE_ values from the tcpdump.org link-layer header type registry, as stored in pcap and pcapng.</summary>
public enum LinkType : ushort
{
    /// <summary>BSD loopback: 4-byte address family in the capturing host's byte order (macOS, Windows loopback).</summary>
    Null = 0,
    Ethernet = 1,
    /// <summary>Raw IP, version from the first nibble (LINKTYPE_RAW).</summary>
    Raw = 101,
    /// <summary>OpenBSD loopback: 4-byte address family in network byte order.</summary>
    Loop = 108,
    /// <summary>Linux cooked capture v1 (SLL), the "any" device on older libpcap.</summary>
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    /// <summary>Linux cooked capture v2 (SLL2), the "any" device on libpcap 1.10+.</summary>
    LinuxSll2 = 276,
}
