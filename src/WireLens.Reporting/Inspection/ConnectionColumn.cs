namespace WireLens.Reporting.Inspection;

/// <summary>
/// The columns of the connection list, in display order (<see cref="ConnectionColumns"/> gives each one's header,
/// CSV name, width, text and order; docs/connection-list.md describes them).
/// </summary>
public enum ConnectionColumn
{
    /// <summary>tshark's tcp.stream.</summary>
    Stream,

    /// <summary>The report group.</summary>
    Group,

    /// <summary>The attributed tool.</summary>
    Tool,

    /// <summary>Client address and port.</summary>
    Client,

    /// <summary>Server address and port.</summary>
    Server,

    /// <summary>First packet, seconds since the inspection's origin.</summary>
    Start,

    /// <summary>First to last packet, milliseconds.</summary>
    DurationMs,

    /// <summary>The TCP handshake's initial RTT, milliseconds.</summary>
    HandshakeRttMs,

    /// <summary>HTTP requests, or estimated TLS request bursts.</summary>
    Requests,

    /// <summary>How the connection ended.</summary>
    Close,

    /// <summary>Which side entered TIME_WAIT.</summary>
    TimeWait,

    /// <summary>SYN plus SYN/ACK retransmissions.</summary>
    SynRetransmits,

    /// <summary>Retransmitted frames of any kind.</summary>
    Retransmissions,

    /// <summary>http/1.0, http/1.1, h2c or tls.</summary>
    Protocol,

    /// <summary>The negotiated TLS version.</summary>
    Tls,

    /// <summary>Whether the TLS handshake resumed a session.</summary>
    Resumed,

    /// <summary>ClientHello to ServerHello, milliseconds.</summary>
    ClientHelloToServerHelloMs,

    /// <summary>The ClientHello's server name.</summary>
    Sni,

    /// <summary>The ALPN protocol the server selected.</summary>
    Alpn,
}
