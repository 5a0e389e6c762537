using WireLens.Wire;

namespace WireLens.Analysis.Tls;

/// <summary>What the resuming client offered in its (first) ClientHello.</summary>
[Flags]
public enum TlsResumptionOffer
{
    None = 0,

    /// <summary>A non-empty legacy_session_id that is not TLS 1.3's 32-byte compatibility id.</summary>
    SessionId = 1,

    /// <summary>A non-empty session_ticket extension (RFC 5077).</summary>
    Ticket = 2,

    /// <summary>A pre_shared_key extension with at least one identity (RFC 8446 section 4.2.11).</summary>
    Psk = 4,
}

/// <summary>
/// The TLS handshake of one TCP connection, read from its reassembled byte streams (docs/analysis.md, "TLS").
/// Present on a connection whose client stream begins with a TLS handshake record; null otherwise.
/// </summary>
public sealed record TlsFacts
{
    /// <summary>The negotiated version (supported_versions of the ServerHello, else its legacy_version); null without a ServerHello.</summary>
    public ushort? Version { get; init; }

    /// <summary>The cipher suite of the ServerHello.</summary>
    public ushort? CipherSuite { get; init; }

    /// <summary>server_name of the first ClientHello (untrusted wire text, decoded as Latin-1).</summary>
    public string? ServerName { get; init; }

    /// <summary>ALPN protocols of the first ClientHello, in order (untrusted wire text).</summary>
    public IReadOnlyList<string> AlpnOffered { get; init; } = [];

    /// <summary>The ALPN protocol of the ServerHello (visible up to TLS 1.2).</summary>
    public string? AlpnSelected { get; init; }

    /// <summary>TLS 1.3 with ALPN offered: the server's choice travels encrypted (EncryptedExtensions).</summary>
    public bool AlpnSelectedEncrypted { get; init; }

    public TlsResumptionOffer ResumptionOffered { get; init; }

    /// <summary>Zeek's verdict; null without a ServerHello.</summary>
    public bool? Resumed { get; init; }

    /// <summary>The server answered the first ClientHello with a HelloRetryRequest.</summary>
    public bool HelloRetryRequest { get; init; }

    /// <summary>The key_share group of the ServerHello (TLS 1.3).</summary>
    public ushort? KeyShareGroup { get; init; }

    /// <summary>The first segment of the first ClientHello.</summary>
    public Timestamp? ClientHelloTime { get; init; }

    /// <summary>The first segment of the ServerHello that is not a HelloRetryRequest.</summary>
    public Timestamp? ServerHelloTime { get; init; }

    /// <summary>When the handshake was done: see docs/analysis.md for the TLS 1.2 and TLS 1.3 rules.</summary>
    public Timestamp? DoneTime { get; init; }

    public double? ClientHelloToServerHelloMs =>
        ClientHelloTime is { } ch && ServerHelloTime is { } sh ? sh.MillisecondsSince(ch) : null;

    public double? HandshakeMs => ClientHelloTime is { } ch && DoneTime is { } done ? done.MillisecondsSince(ch) : null;

    /// <summary>Alerts in the order seen: <c>level:description</c> in clear, <c>encrypted</c> after ChangeCipherSpec (TLS 1.2 and older).</summary>
    public IReadOnlyList<string> Alerts { get; init; } = [];

    /// <summary>JA4 of the first ClientHello.</summary>
    public string? Ja4 { get; init; }

    /// <summary>JA3 (MD5 hex) of the first ClientHello.</summary>
    public string? Ja3 { get; init; }

    /// <summary>Why TLS decoding stopped early: "&lt;reason&gt; at client stream offset N"; null when it did not.</summary>
    public string? Error { get; init; }

    /// <summary>Client application-data record bursts after the handshake, each ended by a server answer: an estimate of requests.</summary>
    public int? RequestsEstimated { get; init; }

    /// <summary>ClientHellos seen (2 after a HelloRetryRequest).</summary>
    public int ClientHelloCount { get; init; }

    /// <summary>legacy_session_id length of the first ClientHello and of the ServerHello.</summary>
    public int ClientSessionIdLength { get; init; }

    public int ServerSessionIdLength { get; init; }

    /// <summary>The server sent a Certificate message in clear (TLS 1.2 and older; in TLS 1.3 it is encrypted).</summary>
    public bool ServerCertificateSeen { get; init; }

    /// <summary>pre_shared_key.selected_identity of the ServerHello.</summary>
    public ushort? SelectedPskIdentity { get; init; }
}
