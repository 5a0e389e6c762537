using System.Text;

namespace WireLens.Analysis.Http;

/// <summary>
/// The header fields of one HTTP/1 message that decide its framing and the connection's fate
/// (Content-Length, Transfer-Encoding, Connection, Upgrade), collected line by line without allocating.
/// </summary>
internal struct HttpMessageFraming
{
    public long ContentLength { get; private set; }

    public bool HasContentLength { get; private set; }

    public bool HasTransferEncoding { get; private set; }

    /// <summary>chunked is the final transfer coding (RFC 9112 section 6.3 item 4 needs it to be final).</summary>
    public bool IsChunked { get; private set; }

    public bool ConnectionClose { get; private set; }

    /// <summary>The Connection header lists "keep-alive" (HTTP/1.0's way of asking for a persistent connection).</summary>
    public bool ConnectionKeepAlive { get; private set; }

    public bool HasUpgrade { get; private set; }

    public bool UpgradeH2c { get; private set; }

    public void Reset() => this = default;

    /// <summary>Applies one field line; false when a framing field is invalid (RFC 9112 section 6.3 item 5).</summary>
    public bool Apply(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        // Four names matter, of four different lengths: every other line costs one comparison of lengths.
        switch (name.Length)
        {
            case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                // Several Content-Length lines must agree, like a list in one line does.
                if (!Http1Syntax.TryParseContentLength(value, out long length) || (HasContentLength && length != ContentLength))
                {
                    return false;
                }

                HasContentLength = true;
                ContentLength = length;
                break;

            case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                // Lines of a list field combine in order (RFC 9110 section 5.3): the last line holds the final coding.
                ReadOnlySpan<byte> last = HttpHeaderTokens.LastToken(value);
                if (!last.IsEmpty)
                {
                    HasTransferEncoding = true;
                    IsChunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
                }

                break;

            case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                // RFC 9112 section 9.6: "close" among the connection options ends the connection after this response.
                ConnectionClose |= HttpHeaderTokens.ContainsToken(value, "close"u8);
                ConnectionKeepAlive |= HttpHeaderTokens.ContainsToken(value, "keep-alive"u8);
                break;

            case 7 when Ascii.EqualsIgnoreCase(name, "Upgrade"u8):
                // RFC 9110 section 7.8; RFC 7540 section 3.2 names the cleartext HTTP/2 token "h2c".
                HasUpgrade = true;
                UpgradeH2c |= HttpHeaderTokens.ContainsToken(value, "h2c"u8);
                break;
        }

        return true;
    }
}
