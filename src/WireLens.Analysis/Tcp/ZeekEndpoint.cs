namespace WireLens.Analysis.Tcp;

/// <summary>One endpoint as Zeek's TCP analyzer sees it: its state and what its conn_state rules need.</summary>
/// <remarks>A mutable struct held in its connection's object, passed by reference (see <see cref="SequenceFlowState"/>).</remarks>
public struct ZeekEndpoint
{
    public ZeekEndpoint()
    {
    }

    public EndpointState State { get; set; } = EndpointState.Inactive;

    /// <summary>Highest sequence number one past any segment this endpoint sent (Zeek's last_seq).</summary>
    public uint LastSeq { get; set; }

    public bool LastSeqKnown { get; set; }

    /// <summary>Payload bytes sent (Zeek's endpoint size, used by the REJ rule).</summary>
    public long Size { get; set; }

    public void Reset()
    {
        State = EndpointState.Inactive;
        LastSeq = 0;
        LastSeqKnown = false;
        Size = 0;
    }
}
