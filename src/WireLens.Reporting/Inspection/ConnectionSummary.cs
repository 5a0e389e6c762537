using WireLens.Analysis.Connections;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// What the terminal UI's connection list keeps of one connection: a compact, immutable row (about 160 bytes with its
/// references; strings are shared through the table's pool). Missing measures are NaN or -1 rather than nullable, to
/// keep the row small. Wire strings (<see cref="Sni"/>, <see cref="Alpn"/>, <see cref="Tool"/>) are raw: escape
/// them before they reach a terminal.
/// </summary>
public readonly record struct ConnectionSummary
{
    /// <summary>tshark's tcp.stream within its capture file.</summary>
    public required long Stream { get; init; }

    /// <summary>Which capture file the connection is in: an index into <see cref="InspectionSnapshot.Captures"/>.</summary>
    public required int Capture { get; init; }

    /// <summary>The report group (run label, tool, client, server or <c>all</c>).</summary>
    public required string Group { get; init; }

    /// <summary>The attributed tool.</summary>
    public required string Tool { get; init; }

    public required IpAddress ClientIp { get; init; }

    public required ushort ClientPort { get; init; }

    public required IpAddress ServerIp { get; init; }

    public required ushort ServerPort { get; init; }

    public required Timestamp FirstTime { get; init; }

    public required Timestamp LastTime { get; init; }

    /// <summary>The connection's first frame number in its capture file (1-based).</summary>
    public required long FirstFrame { get; init; }

    /// <summary>The connection's last frame number in its capture file.</summary>
    public required long LastFrame { get; init; }

    /// <summary>tshark's initial RTT in milliseconds; NaN when the handshake was not seen.</summary>
    public required float HandshakeRttMs { get; init; }

    /// <summary>HTTP requests (exact) or TLS request bursts (estimated: <see cref="RequestsEstimated"/>); -1 when unknown.</summary>
    public required int Requests { get; init; }

    public required bool RequestsEstimated { get; init; }

    public required CloseKind Close { get; init; }

    public required Side CloseInitiator { get; init; }

    /// <summary>Which side entered TIME_WAIT (None, Client, Server, Both).</summary>
    public required Side TimeWaitSide { get; init; }

    /// <summary>SYN plus SYN/ACK retransmissions.</summary>
    public required int SynRetransmits { get; init; }

    /// <summary>Frames tshark marks as retransmissions (any kind).</summary>
    public required int Retransmissions { get; init; }

    public required HttpProtocolKind Http { get; init; }

    /// <summary>The negotiated TLS version (0x0304 ...); 0 when the connection is not TLS or no ServerHello was seen.</summary>
    public required ushort TlsVersion { get; init; }

    /// <summary>The client's stream began with a TLS handshake.</summary>
    public required bool IsTls { get; init; }

    /// <summary>True resumed, false full, null when not known (no ServerHello, not TLS).</summary>
    public required bool? TlsResumed { get; init; }

    /// <summary>ClientHello→ServerHello milliseconds; NaN when not both were seen.</summary>
    public required float ClientHelloToServerHelloMs { get; init; }

    /// <summary>The ClientHello's server name (raw wire string), or null.</summary>
    public required string? Sni { get; init; }

    /// <summary>The ALPN the server selected, <c>encrypted</c> (TLS 1.3), or null.</summary>
    public required string? Alpn { get; init; }

    public double DurationMs => LastTime.MillisecondsSince(FirstTime);
}
