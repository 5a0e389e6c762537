namespace WireLens.Analysis.Tcp;

/// <summary>
/// Per-frame verdicts with the meaning of tshark's tcp.analysis.* fields (epan/dissectors/packet-tcp.c,
/// TCP_A_* flags). A frame with <see cref="FastRetransmission"/> or <see cref="SpuriousRetransmission"/> also
/// carries tshark's tcp.analysis.retransmission expert field; <see cref="TcpAnalysisFlagsExtensions.IsRetransmission"/> says so.
/// </summary>
[Flags]
public enum TcpAnalysisFlags
{
    None = 0,
    Retransmission = 0x0001,
    LostSegment = 0x0002,
    AckedUnseen = 0x0004,
    KeepAlive = 0x0008,
    DuplicateAck = 0x0010,
    ZeroWindow = 0x0020,
    ZeroWindowProbe = 0x0040,
    ZeroWindowProbeAck = 0x0080,
    KeepAliveAck = 0x0100,
    OutOfOrder = 0x0200,
    FastRetransmission = 0x0400,
    WindowUpdate = 0x0800,
    ReusedPorts = 0x2000,
    SpuriousRetransmission = 0x4000,
}

/// <summary>Helpers over <see cref="TcpAnalysisFlags"/>.</summary>
public static class TcpAnalysisFlagsExtensions
{
    /// <summary>tshark adds the tcp.analysis.retransmission expert item for plain, fast and spurious retransmissions.</summary>
    public static bool IsRetransmission(this TcpAnalysisFlags flags) =>
        (flags & (TcpAnalysisFlags.Retransmission | TcpAnalysisFlags.FastRetransmission | TcpAnalysisFlags.SpuriousRetransmission)) != 0;
}
