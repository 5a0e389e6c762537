namespace WireLens.Analysis.Connections;

/// <summary>Which side of a connection did something.</summary>
public enum Side : byte
{
    None,
    Client,
    Server,
    Both,
}

/// <summary>How a connection ended, in the precedence the report uses (refused first, open last).</summary>
public enum CloseKind : byte
{
    /// <summary>The SYN was answered by an RST; no handshake.</summary>
    Refused,
    /// <summary>Both FINs were sent before either side acknowledged the other's.</summary>
    Simultaneous,
    ClientFin,
    ServerFin,
    ClientRst,
    ServerRst,
    /// <summary>Neither FIN nor RST seen before the capture ended or the connection was flushed.</summary>
    Open,
}

/// <summary>Zeek's conn_state values (base/protocols/conn/main.zeek).</summary>
public enum ZeekConnState : byte
{
    S0,
    S1,
    SF,
    REJ,
    S2,
    S3,
    RSTO,
    RSTR,
    RSTOS0,
    RSTRH,
    SH,
    SHR,
    OTH,
}

/// <summary>Application protocol seen on a cleartext connection.</summary>
public enum HttpProtocolKind : byte
{
    None,
    Http10,
    Http11,
    H2c,
}

/// <summary>Why a connection record was emitted.</summary>
public enum FlushReason : byte
{
    /// <summary>Closed (FIN/FIN or RST) and lingered past the close.</summary>
    Closed,
    /// <summary>A new SYN with another initial sequence number started a new stream on the same 4-tuple.</summary>
    Replaced,
    /// <summary>No packet for the idle timeout (packet time).</summary>
    Idle,
    /// <summary>The capture ended.</summary>
    EndOfCapture,
    /// <summary>Evicted because the connection table reached its bound.</summary>
    Evicted,
}
