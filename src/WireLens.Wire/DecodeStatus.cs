namespace WireLens.Wire;

/// <summary>Outcome of <see cref="PacketDecoder.Decode"/> for one captured frame.</summary>
public enum DecodeStatus
{
    /// <summary>A TCP segment was decoded; the <see cref="TcpPacketView"/> is valid.</summary>
    Tcp = 0,

    /// <summary>The link layer carries something other than IPv4 or IPv6 (ARP, LLDP, 802.3 LLC, ...).</summary>
    NotIp,

    /// <summary>An IP packet whose upper layer is not TCP (UDP, ICMP, ESP, no next header, ...).</summary>
    NotTcp,

    /// <summary>An IP fragment that does not hold the whole TCP segment; reassembly is not attempted.</summary>
    Fragment,

    /// <summary>The capture ends inside the link, IP or TCP header (snaplen or a damaged file).</summary>
    Truncated,

    /// <summary>A header contradicts itself: a length field smaller than its minimum or beyond the IP length.</summary>
    Malformed,

    /// <summary>The capture's link type is not one of those <see cref="PacketDecoder"/> understands.</summary>
    UnsupportedLinkType,
}
