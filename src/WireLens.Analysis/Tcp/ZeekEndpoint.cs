namespace WireLens.Analysis.Tcp;

/// <summary>One endpoint as Zeek's TCP analyzer sees it: its state and what its conn_state rules need.</summary>
public sealed class ZeekEndpoint
{
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
