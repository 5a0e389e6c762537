namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>What tshark says about the TLS handshake of one tcp.stream, with Zeek's resumption verdict derived from it.</summary>
public sealed class OracleTlsConnection
{
    public const ushort Tls12 = 0x0303;
    public const ushort Tls13 = 0x0304;

    /// <summary>pre_shared_key (RFC 8446 section 4.2.11).</summary>
    public const int PreSharedKeyExtension = 41;

    public required long Stream { get; init; }

    /// <summary>"address:port" of the endpoint that sent the ClientHello.</summary>
    public required string Client { get; init; }

    public List<OracleClientHello> ClientHellos { get; } = [];

    /// <summary>ServerHellos in order, HelloRetryRequests included.</summary>
    public List<OracleServerHello> ServerHellos { get; } = [];

    /// <summary>The server sent a Certificate message in clear.</summary>
    public bool ServerCertificateSeen { get; set; }

    /// <summary>When the handshake was done by docs/analysis.md's rule, read from tshark's records (see <see cref="TsharkTlsOracle"/>).</summary>
    public long? DoneTimeNs { get; set; }

    /// <summary>Parsing state: TLS 1.2, the client's ChangeCipherSpec ended a frame, its Finished is in a later one.</summary>
    internal bool ClientChangeCipherSpecSeen { get; set; }

    /// <summary>Alert records in order: "level:description" in clear, "encrypted" when tshark could not read them.</summary>
    public List<string> Alerts { get; } = [];

    public OracleClientHello? FirstClientHello => ClientHellos.Count > 0 ? ClientHellos[0] : null;

    /// <summary>The first ServerHello that is not a HelloRetryRequest.</summary>
    public OracleServerHello? ServerHello => ServerHellos.FirstOrDefault(s => !s.IsHelloRetryRequest);

    /// <summary>The server answered the first ClientHello with a HelloRetryRequest.</summary>
    public bool HelloRetryRequest => ServerHellos.Count > 0 && ServerHellos[0].IsHelloRetryRequest;

    public ushort? Version => ServerHello?.Version;

    /// <summary>
    /// Zeek's verdict (base/protocols/ssl/main.zeek): up to TLS 1.2 the server echoes the client's non-empty session
    /// id, or the client offered a non-empty session ticket and the server skipped its Certificate; in TLS 1.3 the
    /// server answered with pre_shared_key. Null without a ServerHello.
    /// </summary>
    public bool? Resumed => ServerHello is null || FirstClientHello is null
        ? null
        : Version >= Tls13 ? PskAccepted : SessionIdEchoed || TicketAccepted;

    /// <summary>TLS 1.2 and older: the ServerHello echoes the first ClientHello's non-empty session id.</summary>
    public bool SessionIdEchoed =>
        Version < Tls13 && FirstClientHello is { SessionIdLength: > 0 } ch && ServerHello is { } sh
        && string.Equals(ch.SessionId, sh.SessionId, StringComparison.OrdinalIgnoreCase);

    /// <summary>TLS 1.2 and older: the client offered a non-empty session ticket and the server sent no Certificate.</summary>
    public bool TicketAccepted =>
        Version < Tls13 && ServerHello is not null && FirstClientHello is { TicketLength: > 0 } && !ServerCertificateSeen;

    /// <summary>TLS 1.3: the ServerHello carries pre_shared_key.</summary>
    public bool PskAccepted => Version >= Tls13 && ServerHello is { } sh && sh.Extensions.Contains(PreSharedKeyExtension);
}
