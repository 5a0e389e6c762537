using System.Text;

namespace WireLens.Analysis.Http;

/// <summary>Comma-separated, case-insensitive token lists as used by Connection, Upgrade and Transfer-Encoding (RFC 9110 section 5.6.1).</summary>
public static class HttpHeaderTokens
{
    /// <summary>True when <paramref name="token"/> is one of the list elements of <paramref name="value"/> (ASCII case-insensitive, OWS trimmed).</summary>
    public static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        while (true)
        {
            int comma = value.IndexOf((byte)',');
            ReadOnlySpan<byte> element = comma < 0 ? value : value[..comma];
            if (Ascii.EqualsIgnoreCase(Http1Syntax.TrimOws(element), token))
            {
                return true;
            }

            if (comma < 0)
            {
                return false;
            }

            value = value[(comma + 1)..];
        }
    }

    /// <summary>The last non-empty element of a list (the final transfer coding, RFC 9112 section 6.1), or empty.</summary>
    public static ReadOnlySpan<byte> LastToken(ReadOnlySpan<byte> value)
    {
        while (true)
        {
            int comma = value.LastIndexOf((byte)',');
            ReadOnlySpan<byte> element = Http1Syntax.TrimOws(comma < 0 ? value : value[(comma + 1)..]);
            if (!element.IsEmpty || comma < 0)
            {
                return element;
            }

            value = value[..comma];
        }
    }
}
