namespace WireLens.Analysis.Http;

/// <summary>
/// Memory bounds of the HTTP analyzer: the only bytes it ever buffers are one partial line, one partial frame header and,
/// on an h2c connection, the header block of the client's first request (pooled, released once decoded).
/// </summary>
public static class HttpLimits
{
    /// <summary>
    /// Largest start line + header section (or chunk-size line, or trailer section) accepted, in bytes including line ends.
    /// RFC 9112 leaves the limit to implementations (section 2.3 / RFC 9110 section 5.4); 64 KiB is above the defaults of
    /// nginx (8 KiB buffers), Kestrel (32 KiB) and Apache (8 KiB per line), so real traffic never reaches it.
    /// </summary>
    public const int MaxHeaderSectionBytes = 64 * 1024;

    /// <summary>
    /// Largest HTTP/2 header block (HEADERS + CONTINUATION fragments) of the first request buffered to read its
    /// User-Agent and authority; a larger one is not decoded. RFC 9113 section 6.5.2 leaves SETTINGS_MAX_HEADER_LIST_SIZE
    /// unlimited by default; load tools send a few hundred bytes.
    /// </summary>
    public const int MaxH2HeaderBlockBytes = 16 * 1024;

    /// <summary>Requests whose method or upgrade matters to response framing (HEAD, CONNECT, Upgrade) remembered while unanswered.</summary>
    public const int MaxPendingSpecialRequests = 32;
}
