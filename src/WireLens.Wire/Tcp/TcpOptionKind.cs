namespace WireLens.Wire.Tcp;

/// <summary>TCP option kinds that <see cref="TcpOptions"/> decodes (IANA "TCP Option Kind Numbers").</summary>
public enum TcpOptionKind : byte
{
    /// <summary>End of option list (RFC 9293 3.1): the rest of the option space is padding.</summary>
    EndOfOptionList = 0,
    NoOperation = 1,
    /// <summary>Maximum segment size, length 4 (RFC 9293 3.7.1).</summary>
    MaximumSegmentSize = 2,
    /// <summary>Window scale shift count, length 3 (RFC 7323 2.2).</summary>
    WindowScale = 3,
    /// <summary>SACK permitted, length 2 (RFC 2018 2).</summary>
    SackPermitted = 4,
    /// <summary>SACK blocks, length 2 + 8n (RFC 2018 3).</summary>
    Sack = 5,
    /// <summary>Timestamps TSval and TSecr, length 10 (RFC 7323 3.2).</summary>
    Timestamps = 8,
}
