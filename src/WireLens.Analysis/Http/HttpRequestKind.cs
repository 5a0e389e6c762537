namespace WireLens.Analysis.Http;

/// <summary>What about a request changes how its response is framed (RFC 9112 section 6.3, items 1-2; RFC 7540 section 3.2).</summary>
[Flags]
internal enum HttpRequestKind : byte
{
    /// <summary>An ordinary request: the response is framed by its own headers.</summary>
    None = 0,

    /// <summary>HEAD: the response has no content whatever its Content-Length says.</summary>
    Head = 1,

    /// <summary>CONNECT: a 2xx response turns the connection into a tunnel.</summary>
    Connect = 2,

    /// <summary>Upgrade: h2c: a 101 response switches both directions to HTTP/2 frames.</summary>
    UpgradeH2c = 4,

    /// <summary>Upgrade to another protocol (WebSocket ...): a 101 response makes the rest opaque.</summary>
    UpgradeOther = 8,
}
