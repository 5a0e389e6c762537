using WireLens.Wire;

namespace WireLens.Analysis.Tcp;

/// <summary>
/// The per-direction state tshark's sequence analysis keeps (tcp_flow_t + tcp_analyze_seq_flow_info_t in
/// epan/dissectors/packet-tcp.c). Sequence values are raw (absolute) numbers, as tshark analyses them;
/// zero in <see cref="NextSeq"/>, <see cref="MaxSeqToBeAcked"/> and <see cref="LastAck"/> means "not seen yet",
/// exactly as in tshark.
/// </summary>
/// <remarks>
/// A mutable struct held in its connection's object (passed by reference, never copied): a connection's state is one
/// object rather than one per direction and part, which the tracker reaches with fewer cache misses once it has gone
/// cold, and which promotes fewer objects while the connection pool warms up.
/// </remarks>
public struct SequenceFlowState
{
    public SequenceFlowState()
    {
    }

    public bool BaseSeqSet { get; set; }
    public uint BaseSeq { get; set; }
    public uint NextSeq { get; set; }
    public Timestamp NextSeqTime { get; set; }
    public uint MaxSeqToBeAcked { get; set; }
    public uint LastAck { get; set; }
    public Timestamp LastAckTime { get; set; }

    /// <summary>Last raw (unscaled) window; tshark starts it at G_MAXUINT32.</summary>
    public uint Window { get; set; } = uint.MaxValue;

    /// <summary>Duplicate-ACK counter; -1 marks "ACKed unseen segment" already reported (tshark's neutralisation).</summary>
    public int DupAckNum { get; set; }

    public TcpAnalysisFlags LastSegmentFlags { get; set; }

    /// <summary>Back to a direction nothing was seen of (as tshark's init_tcp_conversation_data leaves it).</summary>
    public void Reset()
    {
        BaseSeqSet = false;
        BaseSeq = 0;
        NextSeq = 0;
        NextSeqTime = default;
        MaxSeqToBeAcked = 0;
        LastAck = 0;
        LastAckTime = default;
        Window = uint.MaxValue;
        DupAckNum = 0;
        LastSegmentFlags = TcpAnalysisFlags.None;
    }
}
