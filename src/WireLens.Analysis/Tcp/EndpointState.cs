namespace WireLens.Analysis.Tcp;

/// <summary>
/// What a passive observer can know of one endpoint (Zeek's TCP_Endpoint EndpointState).
/// </summary>
public enum EndpointState
{
    Inactive,
    SynSent,
    SynAckSent,
    Partial,
    Established,
    Closed,
    Reset,
}
