namespace WireLens.Target;

/// <summary>
/// How the embedded target serves (<c>wirelens target</c>). It listens on loopback only: HTTP/1.1 cleartext, HTTPS
/// with a self-signed certificate made at start (TLS 1.2 and 1.3, h1 and h2 by ALPN), and h2c with prior knowledge on
/// a port of its own. A port of 0 takes a free one.
/// </summary>
public sealed record TargetOptions
{
    /// <summary>The HTTP/1.1 cleartext port.</summary>
    public int HttpPort { get; init; }

    /// <summary>The HTTPS port (h1 and h2 by ALPN).</summary>
    public int HttpsPort { get; init; }

    /// <summary>The h2c (prior knowledge) port.</summary>
    public int H2cPort { get; init; }

    /// <summary>How long an idle keep-alive connection is kept open by the server.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>Close the connection after this many requests on it (HTTP/1.1 <c>Connection: close</c>); null for never.</summary>
    public int? CloseAfterRequests { get; init; }

    /// <summary>Response body size in bytes.</summary>
    public int ResponseBytes { get; init; } = 13;

    /// <summary>Delay before each response.</summary>
    public TimeSpan ResponseDelay { get; init; }
}
