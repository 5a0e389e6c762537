namespace WireLens.Wire.Ip;

/// <summary>IANA protocol numbers used in the IPv4 protocol field and the IPv6 next-header chain.</summary>
public enum IpProtocol : byte
{
    /// <summary>IPv6 hop-by-hop options (RFC 8200 4.3).</summary>
    HopByHop = 0,
    Icmp = 1,
    Tcp = 6,
    Udp = 17,
    /// <summary>IPv6 routing header (RFC 8200 4.4).</summary>
    Routing = 43,
    /// <summary>IPv6 fragment header (RFC 8200 4.5).</summary>
    Fragment = 44,
    /// <summary>Encapsulating security payload (RFC 4303): the rest is encrypted.</summary>
    Esp = 50,
    /// <summary>Authentication header (RFC 4302): length in 4-byte units minus 2.</summary>
    Ah = 51,
    IcmpV6 = 58,
    /// <summary>IPv6 "no next header" (RFC 8200 4.7).</summary>
    NoNextHeader = 59,
    /// <summary>IPv6 destination options (RFC 8200 4.6).</summary>
    DestinationOptions = 60,
}
