using System.Buffers;
namespace WireLens.Analysis.Http;

/// <summary>
/// Stateless checks of complete HTTP/1 lines (line end already removed). Every method validates and never throws;
/// the stateful parts (buffering, framing) live in the stream parsers.
/// </summary>
internal static class Http1Syntax
{
    private const byte Sp = (byte)' ';
    private const byte Htab = (byte)'\t';
    private const byte Cr = (byte)'\r';

    // "HTTP/" DIGIT "." DIGIT is exactly 8 bytes (RFC 9112 section 2.3).
    private const int VersionLength = 8;

    private static ReadOnlySpan<byte> HttpSlash => "HTTP/"u8;

    /// <summary>RFC 9110 section 5.6.2: tchar = "!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA.</summary>
    public static bool IsTokenChar(byte b) => TokenBytes[b] != 0;

    public static bool IsToken(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        // Vectorised: header names are checked on every request and response.
        return span.IndexOfAnyExcept(s_tokenChars) < 0;
    }

    /// <summary>RFC 9110 section 5.6.2 tchar: the bytes <see cref="TokenBytes"/> marks.</summary>
    private static readonly SearchValues<byte> s_tokenChars = SearchValues.Create(TokenCharList());

    private static byte[] TokenCharList()
    {
        var chars = new List<byte>();
        for (int b = 0; b < TokenBytes.Length; b++)
        {
            if (TokenBytes[b] != 0)
            {
                chars.Add((byte)b);
            }
        }

        return [.. chars];
    }

    /// <summary>RFC 9110 section 5.6.3: OWS = *( SP / HTAB ), removed at both ends.</summary>
    public static ReadOnlySpan<byte> TrimOws(ReadOnlySpan<byte> span)
    {
        int start = 0;
        while (start < span.Length && (span[start] == Sp || span[start] == Htab))
        {
            start++;
        }

        int end = span.Length;
        while (end > start && (span[end - 1] == Sp || span[end - 1] == Htab))
        {
            end--;
        }

        return span[start..end];
    }

    // RFC 9112 section 3:
    //   request-line   = method SP request-target SP HTTP-version
    //   method         = token
    //   HTTP-version   = HTTP-name "/" DIGIT "." DIGIT
    // The target is not interpreted; it must be non-empty visible bytes (no SP, no CTL; obs-text tolerated).
    public static bool TryParseRequestLine(
        ReadOnlySpan<byte> line,
        out ReadOnlySpan<byte> method,
        out HttpProtocol version,
        out HttpParseErrorReason reason)
    {
        version = HttpProtocol.None;
        reason = HttpParseErrorReason.InvalidRequestLine;
        int methodEnd = line.IndexOf(Sp);
        method = methodEnd < 0 ? default : line[..methodEnd];
        if (methodEnd <= 0 || !IsToken(method))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = line[(methodEnd + 1)..];
        int targetEnd = rest.IndexOf(Sp);
        if (targetEnd <= 0)
        {
            return false;
        }

        foreach (byte b in rest[..targetEnd])
        {
            if (b < 0x21 || b == 0x7F)
            {
                return false;
            }
        }

        ReadOnlySpan<byte> versionText = rest[(targetEnd + 1)..];
        if (!TryParseVersion(versionText, out int major, out int minor) || versionText.Length != VersionLength)
        {
            return false;
        }

        return TryMapVersion(major, minor, out version, out reason);
    }

    // RFC 9112 section 4:
    //   status-line = HTTP-version SP status-code SP [ reason-phrase ]
    //   status-code = 3DIGIT
    // A missing SP after the code ("HTTP/1.1 200") is tolerated: section 4 asks recipients to accept an empty reason.
    public static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int statusCode, out HttpParseErrorReason reason)
    {
        statusCode = 0;
        reason = HttpParseErrorReason.InvalidStatusLine;
        if (line.Length < VersionLength + 4 || !TryParseVersion(line[..VersionLength], out int major, out _)
            || line[VersionLength] != Sp)
        {
            return false;
        }

        if (major != 1)
        {
            reason = HttpParseErrorReason.UnsupportedVersion;
            return false;
        }

        ReadOnlySpan<byte> code = line.Slice(VersionLength + 1, 3);
        foreach (byte b in code)
        {
            if ((uint)(b - '0') > 9)
            {
                return false;
            }
        }

        if (line.Length > VersionLength + 4 && line[VersionLength + 4] != Sp)
        {
            return false;
        }

        statusCode = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        return true;
    }

    // RFC 9112 section 5:
    //   field-line = field-name ":" OWS field-value OWS
    // Section 5.1: no whitespace is allowed between the field name and the colon (request smuggling vector).
    // RFC 9110 section 5.5: a field value never contains CR, LF or NUL.
    public static bool TryParseFieldLine(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        // The name and its colon in one pass over the name's bytes, a table lookup each (names are a few bytes long:
        // cheaper than searching for the colon and then checking the name with vector searches). The colon is not a
        // tchar, so the name ends at the first byte that is not one, which must be the colon.
        ReadOnlySpan<byte> tokenBytes = TokenBytes;
        int colon = 0;
        while (colon < line.Length && tokenBytes[line[colon]] != 0)
        {
            colon++;
        }

        name = line[..colon];
        value = default;
        if (colon == 0 || colon == line.Length || line[colon] != (byte)':')
        {
            return false;
        }

        value = TrimOws(line[(colon + 1)..]);
        return value.IndexOfAny(Cr, (byte)0) < 0;
    }

    /// <summary>
    /// 1 for each RFC 9110 section 5.6.2 tchar ("!" / "#" / "$" / "%" / "&amp;" / "'" / "*" / "+" / "-" / "." / "^" /
    /// "_" / "`" / "|" / "~" / DIGIT / ALPHA), 0 for every other byte: the one definition of the set here.
    /// </summary>
    private static ReadOnlySpan<byte> TokenBytes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x00
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x10
        0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, // 0x20
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, // 0x30
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 0x40
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, // 0x50
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 0x60
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, // 0x70
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x80
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0x90
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0xA0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0xB0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0xC0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0xD0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0xE0
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0xF0
    ];

    /// <summary>
    /// RFC 9112 section 6.3 item 5 / RFC 9110 section 8.6: Content-Length = 1*DIGIT; a list of identical values
    /// ("42, 42", from merged duplicate lines) is accepted as that value, anything else is invalid.
    /// </summary>
    public static bool TryParseContentLength(ReadOnlySpan<byte> value, out long length)
    {
        length = -1;
        while (true)
        {
            int comma = value.IndexOf((byte)',');
            ReadOnlySpan<byte> element = TrimOws(comma < 0 ? value : value[..comma]);

            // 18 digits cannot overflow a long.
            if (element.IsEmpty || element.Length > 18)
            {
                return false;
            }

            long parsed = 0;
            foreach (byte b in element)
            {
                if ((uint)(b - '0') > 9)
                {
                    return false;
                }

                parsed = (parsed * 10) + (b - '0');
            }

            if (length >= 0 && parsed != length)
            {
                return false;
            }

            length = parsed;
            if (comma < 0)
            {
                return true;
            }

            value = value[(comma + 1)..];
        }
    }

    // RFC 9112 section 7.1:
    //   chunk-size = 1*HEXDIG
    //   chunk-ext  = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
    // Extensions are skipped unread (section 7.1.1: recipients ignore unrecognized extensions).
    public static bool TryParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        size = 0;
        int digits = 0;
        while (digits < line.Length && IsHexDigit(line[digits]))
        {
            // 15 hex digits cannot overflow a long.
            if (digits == 15)
            {
                return false;
            }

            size = (size << 4) | (long)HexValue(line[digits]);
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        ReadOnlySpan<byte> rest = TrimOws(line[digits..]);
        return rest.IsEmpty || rest[0] == (byte)';';
    }

    private static bool TryParseVersion(ReadOnlySpan<byte> text, out int major, out int minor)
    {
        major = 0;
        minor = 0;
        if (text.Length < VersionLength || !text.StartsWith(HttpSlash)
            || (uint)(text[5] - '0') > 9 || text[6] != (byte)'.' || (uint)(text[7] - '0') > 9)
        {
            return false;
        }

        major = text[5] - '0';
        minor = text[7] - '0';
        return true;
    }

    // RFC 9112 section 2.3: a recipient treats a higher minor version of HTTP/1 as the highest minor it supports.
    private static bool TryMapVersion(int major, int minor, out HttpProtocol version, out HttpParseErrorReason reason)
    {
        reason = HttpParseErrorReason.UnsupportedVersion;
        version = (major, minor) switch
        {
            (1, 0) => HttpProtocol.Http10,
            (1, _) => HttpProtocol.Http11,
            _ => HttpProtocol.None,
        };
        return version != HttpProtocol.None;
    }

    private static bool IsHexDigit(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    private static int HexValue(byte b) => (uint)(b - '0') <= 9 ? b - '0' : (b | 0x20) - 'a' + 10;
}
