namespace WireLens.Load;

/// <summary>
/// The options every load tool is driven with (docs/generators.md maps each to the tool's own flags). Null means
/// "the tool's default" (or, for the built-in generator, the profile's).
/// </summary>
public sealed record LoadOptions
{
    /// <summary>The URL loaded (<c>--target</c>).</summary>
    public required Uri Target { get; init; }

    /// <summary><c>-c/--connections</c>: connections, workers or users, as the tool names its concurrency.</summary>
    public int? Connections { get; init; }

    /// <summary><c>-n/--requests</c>: the total number of requests; exclusive with <see cref="Duration"/>.</summary>
    public long? Requests { get; init; }

    /// <summary><c>-d/--duration</c>: how long to load; exclusive with <see cref="Requests"/>.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>--rate</c>: requests per second (open model where the tool has one, else a per-worker cap).</summary>
    public double? Rate { get; init; }

    /// <summary><c>--keepalive on|off</c>.</summary>
    public bool? KeepAlive { get; init; }

    /// <summary><c>--http2</c>: HTTP/2 (by ALPN on https, prior knowledge on http).</summary>
    public bool Http2 { get; init; }

    /// <summary><c>--insecure</c>: accept any server certificate.</summary>
    public bool Insecure { get; init; }

    /// <summary>The built-in generator's profile (<c>keepalive</c>, <c>close</c>, <c>tls-full</c>, <c>tls-resumed</c>, <c>h2</c>); ignored by other tools.</summary>
    public string? Profile { get; init; }

    /// <summary><c>--tls-resume on|off</c>: offer TLS session resumption; null for the profile's (built-in generator only).</summary>
    public bool? TlsResume { get; init; }

    /// <summary><c>--max-connections-per-server</c>: the client pool's cap; null for none (built-in generator only).</summary>
    public int? MaxConnectionsPerServer { get; init; }

    /// <summary><c>--idle-timeout</c>: how long an idle pooled connection is kept; null for the client's default (built-in generator only).</summary>
    public TimeSpan? PooledConnectionIdleTimeout { get; init; }

    /// <summary><c>--lifetime</c>: how long a pooled connection may be reused at most; null for no limit (built-in generator only).</summary>
    public TimeSpan? PooledConnectionLifetime { get; init; }

    /// <summary>Raw tool arguments given after <c>--</c>, appended as they are.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
