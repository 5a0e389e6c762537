namespace WireLens.Analysis.Http;

/// <summary>The HTTP version a cleartext connection speaks, as far as the captured bytes show it.</summary>
public enum HttpProtocol
{
    /// <summary>No request line or HTTP/2 preface has been seen (yet).</summary>
    None,

    /// <summary>The first request line said HTTP/1.0.</summary>
    Http10,

    /// <summary>The first request line said HTTP/1.1 (or a later HTTP/1 minor version, RFC 9112 section 2.3).</summary>
    Http11,

    /// <summary>HTTP/2 over cleartext: prior-knowledge preface (RFC 9113 section 3.3) or an accepted Upgrade: h2c (RFC 7540 section 3.2).</summary>
    H2c,
}
