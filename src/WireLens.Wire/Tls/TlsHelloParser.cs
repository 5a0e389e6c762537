namespace WireLens.Wire.Tls;

/// <summary>
/// Decodes ClientHello and ServerHello bodies (the handshake message without its 4-byte header). A body is complete
/// by definition, so any shortfall is <see cref="TlsParseStatus.Malformed"/> with a reason naming the field; nothing
/// throws on bad input. Each extension is parsed only inside its declared length.
/// </summary>
public static partial class TlsHelloParser
{
    private const int VersionSize = 2;
    private const int RandomSize = 32;
    private const int MaxSessionIdLength = 32;

    // SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest.
    // https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
    private static ReadOnlySpan<byte> HelloRetryRequestRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    // struct {
    //     ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
    //     Random random;
    //     opaque legacy_session_id<0..32>;
    //     CipherSuite cipher_suites<2..2^16-2>;
    //     opaque legacy_compression_methods<1..2^8-1>;
    //     Extension extensions<8..2^16-1>;
    // } ClientHello;
    // https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2
    // Before TLS 1.2 the extensions block may be absent (RFC 5246 section 7.4.1.2), so a body that ends right after
    // the compression methods is accepted.

    /// <summary>Decodes a ClientHello body. <paramref name="info"/> is non-null only on <c>Done</c>.</summary>
    public static TlsParseStatus TryParseClientHello(ReadOnlySpan<byte> body, out ClientHelloInfo? info, out TlsMalformedReason reason)
    {
        info = null;
        var reader = new TlsSpanReader(body);
        if (!reader.TryReadUInt16(out ushort legacyVersion) || !reader.TryReadBytes(RandomSize, out ReadOnlySpan<byte> random))
        {
            return Malformed(TlsMalformedReason.HelloFixedFields, out reason);
        }

        if (!reader.TryReadVector8(out ReadOnlySpan<byte> sessionId) || sessionId.Length > MaxSessionIdLength)
        {
            return Malformed(TlsMalformedReason.SessionIdLength, out reason);
        }

        if (!reader.TryReadVector16(out ReadOnlySpan<byte> suites) || suites.IsEmpty
            || !TryReadUInt16List(suites, out ushort[] cipherSuites))
        {
            return Malformed(TlsMalformedReason.CipherSuitesLength, out reason);
        }

        if (!reader.TryReadVector8(out ReadOnlySpan<byte> compression) || compression.IsEmpty)
        {
            return Malformed(TlsMalformedReason.CompressionMethodsLength, out reason);
        }

        var builder = new ClientExtensions();
        bool hasExtensions = !reader.End;
        if (hasExtensions)
        {
            if (!reader.TryReadVector16(out ReadOnlySpan<byte> extensions) || !reader.End)
            {
                return Malformed(TlsMalformedReason.ExtensionsLength, out reason);
            }

            reason = ParseClientExtensions(extensions, ref builder);
            if (reason != TlsMalformedReason.None)
            {
                return TlsParseStatus.Malformed;
            }
        }

        info = builder.ToInfo() with
        {
            LegacyVersion = legacyVersion,
            Random = random.ToArray(),
            SessionIdLength = sessionId.Length,
            SessionId = sessionId.ToArray(),
            CipherSuites = cipherSuites,
            CompressionMethods = compression.ToArray(),
            HasExtensionsBlock = hasExtensions,
        };
        reason = TlsMalformedReason.None;
        return TlsParseStatus.Done;
    }

    // struct {
    //     ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
    //     Random random;
    //     opaque legacy_session_id_echo<0..32>;
    //     CipherSuite cipher_suite;
    //     uint8 legacy_compression_method = 0;
    //     Extension extensions<6..2^16-1>;
    // } ServerHello;
    // https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
    // A TLS 1.2 (or older) ServerHello may end after the compression method (RFC 5246 section 7.4.1.3).

    /// <summary>Decodes a ServerHello (or HelloRetryRequest) body. <paramref name="info"/> is non-null only on <c>Done</c>.</summary>
    public static TlsParseStatus TryParseServerHello(ReadOnlySpan<byte> body, out ServerHelloInfo? info, out TlsMalformedReason reason)
    {
        info = null;
        var reader = new TlsSpanReader(body);
        if (!reader.TryReadUInt16(out ushort legacyVersion) || !reader.TryReadBytes(RandomSize, out ReadOnlySpan<byte> random))
        {
            return Malformed(TlsMalformedReason.HelloFixedFields, out reason);
        }

        if (!reader.TryReadVector8(out ReadOnlySpan<byte> sessionId) || sessionId.Length > MaxSessionIdLength)
        {
            return Malformed(TlsMalformedReason.SessionIdLength, out reason);
        }

        if (!reader.TryReadUInt16(out ushort cipherSuite) || !reader.TryReadUInt8(out byte compression))
        {
            return Malformed(TlsMalformedReason.CipherSuiteOrCompression, out reason);
        }

        bool isHelloRetryRequest = random.SequenceEqual(HelloRetryRequestRandom);
        var builder = new ServerExtensions();
        if (!reader.End)
        {
            if (!reader.TryReadVector16(out ReadOnlySpan<byte> extensions) || !reader.End)
            {
                return Malformed(TlsMalformedReason.ExtensionsLength, out reason);
            }

            reason = ParseServerExtensions(extensions, isHelloRetryRequest, ref builder);
            if (reason != TlsMalformedReason.None)
            {
                return TlsParseStatus.Malformed;
            }
        }

        info = builder.ToInfo() with
        {
            LegacyVersion = legacyVersion,
            Random = random.ToArray(),
            IsHelloRetryRequest = isHelloRetryRequest,
            SessionIdLength = sessionId.Length,
            SessionId = sessionId.ToArray(),
            CipherSuite = cipherSuite,
            CompressionMethod = compression,
        };
        reason = TlsMalformedReason.None;
        return TlsParseStatus.Done;
    }

    private static TlsParseStatus Malformed(TlsMalformedReason why, out TlsMalformedReason reason)
    {
        reason = why;
        return TlsParseStatus.Malformed;
    }

    // A vector of uint16 values (cipher suites, groups, signature schemes, versions) must have an even length.
    private static bool TryReadUInt16List(ReadOnlySpan<byte> vector, out ushort[] values)
    {
        if ((vector.Length & 1) != 0)
        {
            values = [];
            return false;
        }

        values = new ushort[vector.Length / 2];
        var reader = new TlsSpanReader(vector);
        for (int i = 0; i < values.Length; i++)
        {
            reader.TryReadUInt16(out values[i]);
        }

        return true;
    }

    // RFC 8446 section 4.2: "There MUST NOT be more than one extension of the same type in a given extension block."
    private static bool Contains(List<TlsExtensionType> seen, TlsExtensionType type)
    {
        foreach (TlsExtensionType t in seen)
        {
            if (t == type)
            {
                return true;
            }
        }

        return false;
    }
}
