namespace WireLens.Wire.Tls;

/// <summary>The facts decoded from one ServerHello or HelloRetryRequest (RFC 8446 section 4.1.3, RFC 5246 section 7.4.1.3).</summary>
public sealed record ServerHelloInfo
{
    public ushort LegacyVersion { get; init; }

    /// <summary>The 32-byte random.</summary>
    public ReadOnlyMemory<byte> Random { get; init; }

    /// <summary>True when the random is SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3).</summary>
    public bool IsHelloRetryRequest { get; init; }

    public int SessionIdLength { get; init; }

    /// <summary>The legacy_session_id_echo bytes (0 to 32).</summary>
    public ReadOnlyMemory<byte> SessionId { get; init; }

    public ushort CipherSuite { get; init; }

    public byte CompressionMethod { get; init; }

    /// <summary>Extension types in wire order.</summary>
    public IReadOnlyList<TlsExtensionType> ExtensionTypes { get; init; } = [];

    /// <summary>supported_versions.selected_version; null when the extension is absent.</summary>
    public ushort? SelectedVersion { get; init; }

    /// <summary>The key_share group: the server's share, or in a HelloRetryRequest the group it asks for.</summary>
    public ushort? KeyShareGroup { get; init; }

    /// <summary>pre_shared_key.selected_identity; null when absent.</summary>
    public ushort? SelectedPskIdentity { get; init; }

    /// <summary>The ALPN protocol the server selected (TLS 1.2; TLS 1.3 sends it encrypted); null when absent.</summary>
    public string? AlpnProtocol { get; init; }

    public bool HasExtendedMasterSecret { get; init; }

    public bool HasSessionTicket { get; init; }

    public bool HasRenegotiationInfo { get; init; }

    /// <summary>The version in use: supported_versions when present (RFC 8446 section 4.2.1), else legacy_version.</summary>
    public ushort NegotiatedVersion => SelectedVersion ?? LegacyVersion;
}
