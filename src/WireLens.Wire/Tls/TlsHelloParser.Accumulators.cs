namespace WireLens.Wire.Tls;

// The mutable state filled while an extensions block is walked; turned into the immutable info record at the end.
public static partial class TlsHelloParser
{
    // Accumulates ClientHello extension facts while the block is walked.
    private struct ClientExtensions
    {
        public List<TlsExtensionType> Types;
        public string? ServerName;
        public List<string> AlpnProtocols;
        public ushort[] SupportedVersions;
        public ushort[] SupportedGroups;
        public List<ushort> KeyShareGroups;
        public ushort[] SignatureAlgorithms;
        public byte[] PskKeyExchangeModes;
        public byte[] EcPointFormats;
        public int PreSharedKeyIdentityCount;
        public bool HasSessionTicket;
        public bool HasNonEmptySessionTicket;
        public bool HasEarlyData;
        public bool HasEncryptedClientHello;
        public bool HasExtendedMasterSecret;
        public bool HasRenegotiationInfo;

        public ClientExtensions()
        {
            Types = [];
            AlpnProtocols = [];
            SupportedVersions = [];
            SupportedGroups = [];
            KeyShareGroups = [];
            SignatureAlgorithms = [];
            PskKeyExchangeModes = [];
            EcPointFormats = [];
        }

        public readonly ClientHelloInfo ToInfo() => new()
        {
            ExtensionTypes = Types,
            ServerName = ServerName,
            AlpnProtocols = AlpnProtocols,
            SupportedVersions = SupportedVersions,
            SupportedGroups = SupportedGroups,
            KeyShareGroups = KeyShareGroups,
            SignatureAlgorithms = SignatureAlgorithms,
            PskKeyExchangeModes = PskKeyExchangeModes,
            EcPointFormats = EcPointFormats,
            PreSharedKeyIdentityCount = PreSharedKeyIdentityCount,
            HasSessionTicket = HasSessionTicket,
            HasNonEmptySessionTicket = HasNonEmptySessionTicket,
            HasEarlyData = HasEarlyData,
            HasEncryptedClientHello = HasEncryptedClientHello,
            HasExtendedMasterSecret = HasExtendedMasterSecret,
            HasRenegotiationInfo = HasRenegotiationInfo,
        };
    }

    // Accumulates ServerHello extension facts while the block is walked.
    private struct ServerExtensions
    {
        public List<TlsExtensionType> Types;
        public ushort? SelectedVersion;
        public ushort? KeyShareGroup;
        public ushort? SelectedPskIdentity;
        public string? AlpnProtocol;
        public bool HasExtendedMasterSecret;
        public bool HasSessionTicket;
        public bool HasRenegotiationInfo;

        public ServerExtensions()
        {
            Types = [];
        }

        public readonly ServerHelloInfo ToInfo() => new()
        {
            ExtensionTypes = Types,
            SelectedVersion = SelectedVersion,
            KeyShareGroup = KeyShareGroup,
            SelectedPskIdentity = SelectedPskIdentity,
            AlpnProtocol = AlpnProtocol,
            HasExtendedMasterSecret = HasExtendedMasterSecret,
            HasSessionTicket = HasSessionTicket,
            HasRenegotiationInfo = HasRenegotiationInfo,
        };
    }
}
