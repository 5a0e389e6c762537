namespace WireLens.Wire.Tls.Fingerprints;

/// <summary>
/// The ClientHello fields that JA3 and JA4 read, independent of any parser. Lists are in wire order with GREASE
/// values kept as seen; the fingerprint functions remove GREASE themselves. An empty list means "absent".
/// </summary>
/// <remarks>
/// <see cref="AlpnFirstValue"/> holds bytes, not a string: an ALPN protocol ID is an opaque byte string
/// (RFC 7301 section 3.1) and JA4 defines its non-alphanumeric rule on bytes. Empty means no ALPN extension,
/// no protocol, or an empty first protocol, all of which JA4 prints as "00".
/// </remarks>
public readonly record struct ClientHelloFingerprintInput
{
    /// <summary>TCP ('t'), QUIC ('q') or DTLS ('d'); the default is TCP.</summary>
    public FingerprintTransport Transport { get; init; }

    /// <summary>
    /// The version JA4 uses: the highest non-GREASE supported_versions value if that extension is present,
    /// else <see cref="LegacyVersion"/>. <see cref="Ja4.SelectVersion"/> computes it.
    /// </summary>
    public ushort Ja4Version { get; init; }

    /// <summary>ClientHello.legacy_version (JA3's SSLVersion field), e.g. 0x0303 = 771.</summary>
    public ushort LegacyVersion { get; init; }

    /// <summary>True when the server_name extension (0x0000) is present.</summary>
    public bool HasServerName { get; init; }

    /// <summary>The first protocol of the ALPN extension, as raw bytes; empty when absent.</summary>
    public ReadOnlyMemory<byte> AlpnFirstValue { get; init; }

    /// <summary>cipher_suites in wire order, GREASE included.</summary>
    public ReadOnlyMemory<ushort> CipherSuites { get; init; }

    /// <summary>Extension types in wire order, GREASE included.</summary>
    public ReadOnlyMemory<ushort> Extensions { get; init; }

    /// <summary>supported_groups (formerly elliptic_curves) in wire order, GREASE included.</summary>
    public ReadOnlyMemory<ushort> SupportedGroups { get; init; }

    /// <summary>ec_point_formats in wire order.</summary>
    public ReadOnlyMemory<byte> EcPointFormats { get; init; }

    /// <summary>signature_algorithms in wire order, GREASE included.</summary>
    public ReadOnlyMemory<ushort> SignatureAlgorithms { get; init; }

    /// <summary>The fingerprint fields of a ClientHello that arrived over TCP.</summary>
    public static ClientHelloFingerprintInput FromClientHello(ClientHelloInfo hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var extensions = new ushort[hello.ExtensionTypes.Count];
        bool hasServerName = false;
        for (int i = 0; i < extensions.Length; i++)
        {
            extensions[i] = (ushort)hello.ExtensionTypes[i];
            hasServerName |= hello.ExtensionTypes[i] == TlsExtensionType.ServerName;
        }

        ushort[] supportedVersions = [.. hello.SupportedVersions];
        return new ClientHelloFingerprintInput
        {
            Transport = FingerprintTransport.Tcp,
            Ja4Version = Ja4.SelectVersion(hello.LegacyVersion, supportedVersions),
            LegacyVersion = hello.LegacyVersion,
            HasServerName = hasServerName,
            // The parser decoded protocol IDs as Latin-1, which maps every byte to one char and back.
            AlpnFirstValue = hello.AlpnProtocols.Count > 0 ? System.Text.Encoding.Latin1.GetBytes(hello.AlpnProtocols[0]) : default,
            CipherSuites = hello.CipherSuites.ToArray(),
            Extensions = extensions,
            SupportedGroups = hello.SupportedGroups.ToArray(),
            EcPointFormats = hello.EcPointFormats.ToArray(),
            SignatureAlgorithms = hello.SignatureAlgorithms.ToArray(),
        };
    }
}
