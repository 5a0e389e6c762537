namespace WireLens.Wire.Tcp;

/// <summary>TCP control bits (RFC 9293 section 3.1, RFC 3168 for ECE/CWR).</summary>
[Flags]
public enum TcpFlags : ushort
{
    None = 0,
    Fin = 0x001,
    Syn = 0x002,
    Rst = 0x004,
    Psh = 0x008,
    Ack = 0x010,
    Urg = 0x020,
    Ece = 0x040,
    Cwr = 0x080,
    /// <summary>The former ECN-nonce bit (RFC 3540, historic); carried for completeness.</summary>
    Ns = 0x100,
}
