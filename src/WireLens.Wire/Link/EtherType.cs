namespace WireLens.Wire.Link;

/// <summary>
/// The EtherType values the decoder acts on (IEEE 802 numbers registry). Other values pass through unchanged;
/// values up to 1500 are 802.3 lengths, not types.
/// </summary>
public enum EtherType : ushort
{
    None = 0,
    Ipv4 = 0x0800,
    /// <summary>IEEE 802.1Q customer VLAN tag (C-TAG).</summary>
    Vlan = 0x8100,
    Ipv6 = 0x86DD,
    /// <summary>IEEE 802.1ad service VLAN tag (S-TAG, "Q-in-Q").</summary>
    QinQ = 0x88A8,
    /// <summary>Pre-standard Q-in-Q tag protocol identifier still used by some switches.</summary>
    QinQLegacy = 0x9100,
}
