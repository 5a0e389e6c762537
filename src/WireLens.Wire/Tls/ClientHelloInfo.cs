namespace WireLens.Wire.Tls;

/// <summary>
/// The facts decoded from one ClientHello (RFC 8446 section 4.1.2, RFC 5246 section 7.4.1.2). Lists keep wire order
/// and GREASE values (RFC 8701) as seen, so fingerprints (JA3/JA4) can be computed from them.
/// </summary>
public sealed record ClientHelloInfo
{
    public ushort LegacyVersion { get; init; }

    /// <summary>The 32-byte random.</summary>
    public ReadOnlyMemory<byte> Random { get; init; }

    public int SessionIdLength { get; init; }

    /// <summary>The legacy_session_id bytes (0 to 32).</summary>
    public ReadOnlyMemory<byte> SessionId { get; init; }

    /// <summary>True for a 32-byte legacy_session_id: resumption in TLS 1.2 or middlebox compatibility mode in TLS 1.3.</summary>
    public bool HasFullSessionId => SessionIdLength == 32;

    public IReadOnlyList<ushort> CipherSuites { get; init; } = [];

    public IReadOnlyList<byte> CompressionMethods { get; init; } = [];

    /// <summary>True when the hello carries an extensions block at all (it may be absent before TLS 1.2).</summary>
    public bool HasExtensionsBlock { get; init; }

    /// <summary>Extension types in wire order.</summary>
    public IReadOnlyList<TlsExtensionType> ExtensionTypes { get; init; } = [];

    /// <summary>The first host_name of server_name (RFC 6066 section 3), decoded as Latin-1; null when absent.</summary>
    public string? ServerName { get; init; }

    public IReadOnlyList<string> AlpnProtocols { get; init; } = [];

    public IReadOnlyList<ushort> SupportedVersions { get; init; } = [];

    public IReadOnlyList<ushort> SupportedGroups { get; init; } = [];

    /// <summary>The groups of the key_share entries, in order.</summary>
    public IReadOnlyList<ushort> KeyShareGroups { get; init; } = [];

    public IReadOnlyList<ushort> SignatureAlgorithms { get; init; } = [];

    public IReadOnlyList<byte> PskKeyExchangeModes { get; init; } = [];

    public IReadOnlyList<byte> EcPointFormats { get; init; } = [];

    /// <summary>Number of PskIdentity entries in pre_shared_key; 0 when absent.</summary>
    public int PreSharedKeyIdentityCount { get; init; }

    public bool HasSessionTicket { get; init; }

    /// <summary>True when session_ticket carries a ticket (a TLS 1.2 resumption attempt, RFC 5077).</summary>
    public bool HasNonEmptySessionTicket { get; init; }

    public bool HasEarlyData { get; init; }

    public bool HasEncryptedClientHello { get; init; }

    public bool HasExtendedMasterSecret { get; init; }

    public bool HasRenegotiationInfo { get; init; }
}
