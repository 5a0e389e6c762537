using System.Text;

namespace WireLens.Wire.Tls;

public static partial class TlsHelloParser
{
    private const byte HostNameType = 0;

    // struct {
    //     ExtensionType extension_type;
    //     opaque extension_data<0..2^16-1>;
    // } Extension;
    // https://www.rfc-editor.org/rfc/rfc8446#section-4.2
    private static TlsMalformedReason ParseClientExtensions(ReadOnlySpan<byte> block, ref ClientExtensions result)
    {
        var reader = new TlsSpanReader(block);
        while (!reader.End)
        {
            if (!reader.TryReadUInt16(out ushort rawType) || !reader.TryReadVector16(out ReadOnlySpan<byte> data))
            {
                return TlsMalformedReason.ExtensionLength;
            }

            var type = (TlsExtensionType)rawType;
            if (Contains(result.Types, type))
            {
                return TlsMalformedReason.DuplicateExtension;
            }

            result.Types.Add(type);
            TlsMalformedReason reason = ParseClientExtension(type, data, ref result);
            if (reason != TlsMalformedReason.None)
            {
                return reason;
            }
        }

        return TlsMalformedReason.None;
    }

    private static TlsMalformedReason ParseClientExtension(TlsExtensionType type, ReadOnlySpan<byte> data, ref ClientExtensions result)
    {
        var reader = new TlsSpanReader(data);
        switch (type)
        {
            case TlsExtensionType.ServerName:
                return ParseServerName(data, ref result);

            case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                return ParseAlpnList(data, result.AlpnProtocols) ? TlsMalformedReason.None : TlsMalformedReason.AlpnLength;

            // ProtocolVersion versions<2..254>;  (RFC 8446 section 4.2.1, ClientHello form)
            case TlsExtensionType.SupportedVersions:
                return reader.TryReadVector8(out ReadOnlySpan<byte> versions) && reader.End && !versions.IsEmpty
                    && TryReadUInt16List(versions, out result.SupportedVersions)
                    ? TlsMalformedReason.None : TlsMalformedReason.SupportedVersionsLength;

            // NamedGroup named_group_list<2..2^16-1>;  (RFC 8446 section 4.2.7)
            case TlsExtensionType.SupportedGroups:
                return reader.TryReadVector16(out ReadOnlySpan<byte> groups) && reader.End
                    && TryReadUInt16List(groups, out result.SupportedGroups)
                    ? TlsMalformedReason.None : TlsMalformedReason.SupportedGroupsLength;

            // SignatureScheme supported_signature_algorithms<2..2^16-2>;  (RFC 8446 section 4.2.3)
            case TlsExtensionType.SignatureAlgorithms:
                return reader.TryReadVector16(out ReadOnlySpan<byte> schemes) && reader.End
                    && TryReadUInt16List(schemes, out result.SignatureAlgorithms)
                    ? TlsMalformedReason.None : TlsMalformedReason.SignatureAlgorithmsLength;

            case TlsExtensionType.KeyShare:
                return ParseClientKeyShare(data, result.KeyShareGroups);

            // PskKeyExchangeMode ke_modes<1..255>;  (RFC 8446 section 4.2.9)
            case TlsExtensionType.PskKeyExchangeModes:
                if (!reader.TryReadVector8(out ReadOnlySpan<byte> modes) || !reader.End)
                {
                    return TlsMalformedReason.PskKeyExchangeModesLength;
                }

                result.PskKeyExchangeModes = modes.ToArray();
                return TlsMalformedReason.None;

            // ECPointFormat ec_point_format_list<1..2^8-1>;  (RFC 8422 section 5.1.2)
            case TlsExtensionType.EcPointFormats:
                if (!reader.TryReadVector8(out ReadOnlySpan<byte> formats) || !reader.End)
                {
                    return TlsMalformedReason.EcPointFormatsLength;
                }

                result.EcPointFormats = formats.ToArray();
                return TlsMalformedReason.None;

            case TlsExtensionType.PreSharedKey:
                return ParsePreSharedKey(data, out result.PreSharedKeyIdentityCount);

            // opaque SessionTicket<0..2^16-1> fills the whole extension (RFC 5077 section 3.2).
            case TlsExtensionType.SessionTicket:
                result.HasSessionTicket = true;
                result.HasNonEmptySessionTicket = !data.IsEmpty;
                return TlsMalformedReason.None;

            case TlsExtensionType.EarlyData:
                result.HasEarlyData = true;
                return TlsMalformedReason.None;

            case TlsExtensionType.EncryptedClientHello:
                result.HasEncryptedClientHello = true;
                return TlsMalformedReason.None;

            case TlsExtensionType.ExtendedMasterSecret:
                result.HasExtendedMasterSecret = true;
                return TlsMalformedReason.None;

            case TlsExtensionType.RenegotiationInfo:
                result.HasRenegotiationInfo = true;
                return TlsMalformedReason.None;

            default:
                return TlsMalformedReason.None;
        }
    }

    // struct {
    //     NameType name_type;
    //     select (name_type) { case host_name: HostName; } name;
    // } ServerName;
    // opaque HostName<1..2^16-1>;
    // struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
    // https://www.rfc-editor.org/rfc/rfc6066#section-3
    private static TlsMalformedReason ParseServerName(ReadOnlySpan<byte> data, ref ClientExtensions result)
    {
        var outer = new TlsSpanReader(data);

        // A server sends server_name empty; a client's list must fill the extension.
        if (data.IsEmpty)
        {
            return TlsMalformedReason.None;
        }

        if (!outer.TryReadVector16(out ReadOnlySpan<byte> list) || !outer.End)
        {
            return TlsMalformedReason.ServerNameLength;
        }

        var reader = new TlsSpanReader(list);
        while (!reader.End)
        {
            if (!reader.TryReadUInt8(out byte nameType) || !reader.TryReadVector16(out ReadOnlySpan<byte> name))
            {
                return TlsMalformedReason.ServerNameLength;
            }

            if (nameType == HostNameType && result.ServerName is null)
            {
                // Host names are ASCII (RFC 6066); Latin-1 maps every byte to one char, so odd bytes stay visible.
                result.ServerName = Encoding.Latin1.GetString(name);
            }
        }

        return TlsMalformedReason.None;
    }

    // opaque ProtocolName<1..2^8-1>;
    // struct { ProtocolName protocol_name_list<2..2^16-1> } ProtocolNameList;
    // https://www.rfc-editor.org/rfc/rfc7301#section-3.1
    private static bool ParseAlpnList(ReadOnlySpan<byte> data, List<string> protocols)
    {
        var outer = new TlsSpanReader(data);
        if (!outer.TryReadVector16(out ReadOnlySpan<byte> list) || !outer.End)
        {
            return false;
        }

        var reader = new TlsSpanReader(list);
        while (!reader.End)
        {
            // Empty strings MUST NOT be included (RFC 7301 section 3.1).
            if (!reader.TryReadVector8(out ReadOnlySpan<byte> name) || name.IsEmpty)
            {
                return false;
            }

            protocols.Add(Encoding.Latin1.GetString(name));
        }

        return true;
    }

    // struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
    // struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
    // https://www.rfc-editor.org/rfc/rfc8446#section-4.2.8
    private static TlsMalformedReason ParseClientKeyShare(ReadOnlySpan<byte> data, List<ushort> groups)
    {
        var outer = new TlsSpanReader(data);
        if (!outer.TryReadVector16(out ReadOnlySpan<byte> shares) || !outer.End)
        {
            return TlsMalformedReason.KeyShareLength;
        }

        var reader = new TlsSpanReader(shares);
        while (!reader.End)
        {
            if (!reader.TryReadUInt16(out ushort group) || !reader.TryReadVector16(out _))
            {
                return TlsMalformedReason.KeyShareLength;
            }

            groups.Add(group);
        }

        return TlsMalformedReason.None;
    }

    // struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
    // opaque PskBinderEntry<32..255>;
    // struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; } OfferedPsks;
    // https://www.rfc-editor.org/rfc/rfc8446#section-4.2.11
    private static TlsMalformedReason ParsePreSharedKey(ReadOnlySpan<byte> data, out int identityCount)
    {
        const int TicketAgeSize = 4;
        identityCount = 0;
        var outer = new TlsSpanReader(data);
        if (!outer.TryReadVector16(out ReadOnlySpan<byte> identities) || !outer.TryReadVector16(out ReadOnlySpan<byte> binders) || !outer.End)
        {
            return TlsMalformedReason.PreSharedKeyLength;
        }

        var reader = new TlsSpanReader(identities);
        while (!reader.End)
        {
            if (!reader.TryReadVector16(out _) || !reader.TryReadBytes(TicketAgeSize, out _))
            {
                identityCount = 0;
                return TlsMalformedReason.PreSharedKeyLength;
            }

            identityCount++;
        }

        var binderReader = new TlsSpanReader(binders);
        while (!binderReader.End)
        {
            if (!binderReader.TryReadVector8(out _))
            {
                identityCount = 0;
                return TlsMalformedReason.PreSharedKeyLength;
            }
        }

        return TlsMalformedReason.None;
    }

    private static TlsMalformedReason ParseServerExtensions(ReadOnlySpan<byte> block, bool isHelloRetryRequest, ref ServerExtensions result)
    {
        var reader = new TlsSpanReader(block);
        while (!reader.End)
        {
            if (!reader.TryReadUInt16(out ushort rawType) || !reader.TryReadVector16(out ReadOnlySpan<byte> data))
            {
                return TlsMalformedReason.ExtensionLength;
            }

            var type = (TlsExtensionType)rawType;
            if (Contains(result.Types, type))
            {
                return TlsMalformedReason.DuplicateExtension;
            }

            result.Types.Add(type);
            var ext = new TlsSpanReader(data);
            switch (type)
            {
                // ProtocolVersion selected_version;  (ServerHello and HelloRetryRequest form)
                case TlsExtensionType.SupportedVersions:
                    if (!ext.TryReadUInt16(out ushort version) || !ext.End)
                    {
                        return TlsMalformedReason.SupportedVersionsLength;
                    }

                    result.SelectedVersion = version;
                    break;

                // HelloRetryRequest: NamedGroup selected_group;  ServerHello: KeyShareEntry server_share;
                case TlsExtensionType.KeyShare:
                    if (!ext.TryReadUInt16(out ushort group)
                        || (!isHelloRetryRequest && !ext.TryReadVector16(out _))
                        || !ext.End)
                    {
                        return TlsMalformedReason.KeyShareLength;
                    }

                    result.KeyShareGroup = group;
                    break;

                // uint16 selected_identity;
                case TlsExtensionType.PreSharedKey:
                    if (!ext.TryReadUInt16(out ushort identity) || !ext.End)
                    {
                        return TlsMalformedReason.PreSharedKeyLength;
                    }

                    result.SelectedPskIdentity = identity;
                    break;

                // The server's list "MUST contain exactly one ProtocolName" (RFC 7301 section 3.1).
                case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                    List<string> selected = [];
                    if (!ParseAlpnList(data, selected) || selected.Count != 1)
                    {
                        return TlsMalformedReason.AlpnLength;
                    }

                    result.AlpnProtocol = selected[0];
                    break;

                case TlsExtensionType.ExtendedMasterSecret:
                    result.HasExtendedMasterSecret = true;
                    break;

                case TlsExtensionType.SessionTicket:
                    result.HasSessionTicket = true;
                    break;

                case TlsExtensionType.RenegotiationInfo:
                    result.HasRenegotiationInfo = true;
                    break;

                default:
                    break;
            }
        }

        return TlsMalformedReason.None;
    }
}
