namespace WireLens.Analysis.Http;

/// <summary>Memory bounds of the HTTP analyzer: the only bytes it ever buffers are one partial line and one partial frame header.</summary>
public static class HttpLimits
{
    /// <summary>
    /// Largest start line + header section (or chunk-size line, or trailer section) accepted, in bytes including line ends.
    /// RFC 9112 leaves the limit to implementations (section 2.3 / RFC 9110 section 5.4); 64 KiB is above the defaults of
    /// nginx (8 KiB buffers), Kestrel (32 KiB) and Apache (8 KiB per line), so real traffic never reaches it.
    /// </summary>
    public const int MaxHeaderSectionBytes = 64 * 1024;

    /// <summary>Requests whose method or upgrade matters to response framing (HEAD, CONNECT, Upgrade) remembered while unanswered.</summary>
    public const int MaxPendingSpecialRequests = 32;
}
