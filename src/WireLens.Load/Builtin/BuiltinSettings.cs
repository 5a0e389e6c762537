namespace WireLens.Load.Builtin;

/// <summary>
/// Everything the built-in generator is run with, after the profile and the explicit options were combined
/// (<see cref="BuiltinProfiles.TryResolve"/>). Exactly one of <see cref="Requests"/> and <see cref="Duration"/> is set.
/// </summary>
public sealed record BuiltinSettings
{
    /// <summary>The concurrency used when none is given (wrk's default).</summary>
    public const int DefaultConcurrency = 10;

    /// <summary>The duration used when neither a request count nor a duration is given (wrk's default).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>The URL loaded with GET.</summary>
    public required Uri Target { get; init; }

    /// <summary>The profile the settings started from (<see cref="BuiltinProfiles"/>), which names the run.</summary>
    public string Profile { get; init; } = BuiltinProfiles.KeepAlive;

    /// <summary>
    /// Closed loop: the number of workers, each sending its next request when its previous one has finished. Open model
    /// (<see cref="Rate"/>): the most requests in flight. With HTTP/2: the number of connections (one pool each).
    /// </summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>HTTP/2 only: requests in flight on each connection at once (h2load's <c>-m</c>).</summary>
    public int StreamsPerConnection { get; init; } = 1;

    /// <summary>Exactly this many requests are sent (closed loop), or scheduled (open model).</summary>
    public long? Requests { get; init; }

    /// <summary>No request is started (closed loop) or scheduled (open model) after this time from the start.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Open model: requests per second, started on a fixed schedule whatever the responses do; null for a closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>false sends <c>Connection: close</c> with every HTTP/1.1 request: one connection per request.</summary>
    public bool KeepAlive { get; init; } = true;

    /// <summary>HTTP/2 exactly: by ALPN on https, by prior knowledge (h2c) on http.</summary>
    public bool Http2 { get; init; }

    /// <summary>Offer TLS session resumption (SslClientAuthenticationOptions.AllowTlsResume).</summary>
    public bool TlsResume { get; init; } = true;

    /// <summary>Accept any server certificate.</summary>
    public bool Insecure { get; init; }

    /// <summary>SocketsHttpHandler.MaxConnectionsPerServer; null for no cap.</summary>
    public int? MaxConnectionsPerServer { get; init; }

    /// <summary>SocketsHttpHandler.PooledConnectionIdleTimeout; null for .NET's default (1 minute).</summary>
    public TimeSpan? PooledConnectionIdleTimeout { get; init; }

    /// <summary>SocketsHttpHandler.PooledConnectionLifetime; null for no limit.</summary>
    public TimeSpan? PooledConnectionLifetime { get; init; }

    /// <summary>SocketsHttpHandler.ConnectTimeout: TCP connect and TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From sending a request to the end of its response body, connecting included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Open model: a request started this much after its scheduled time is counted late.</summary>
    public TimeSpan LateThreshold { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The run's label in reports and manifests: <c>builtin:PROFILE</c>.</summary>
    public string Label => BuiltinProfiles.LabelOf(Profile);

    /// <summary>The number of HTTP/2 connections (one pool each), or 1 pool for HTTP/1.1.</summary>
    public int Pools => Http2 ? Concurrency : 1;

    /// <summary>Workers of a closed loop, or the in-flight bound of the open model.</summary>
    public int InFlight => Http2 ? Concurrency * StreamsPerConnection : Concurrency;

    /// <summary>
    /// The connections one pool may hold (SocketsHttpHandler.MaxConnectionsPerServer): <see cref="MaxConnectionsPerServer"/>
    /// when given, else the requests one pool can have in flight. Uncapped, the pool opens a connection for a request
    /// that finds none idle even when one is about to come back (a worker's next request racing the return of its
    /// last connection), so `-c 4` could open a fifth connection on a busy machine.
    /// </summary>
    public int PoolConnectionLimit => MaxConnectionsPerServer ?? ((InFlight + Pools - 1) / Pools);

    /// <summary>
    /// The target names a host rather than an IP address. .NET on Linux caches TLS sessions by server name (SNI), which
    /// an IP address does not give, so only such a target can be resumed.
    /// </summary>
    public bool TargetHasHostName => Target.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6);

    /// <summary>Null when the settings can be run, else why not, in one line.</summary>
    public string? Problem()
    {
        if (Target.Scheme is not ("http" or "https"))
        {
            return $"--target must be an http:// or https:// URL, not {Target.Scheme}://";
        }

        if ((Requests is null) == (Duration is null))
        {
            return "give either -n/--requests or -d/--duration";
        }

        if (Requests is <= 0)
        {
            return "-n/--requests must be at least 1";
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            return "-d/--duration must be a positive number of seconds";
        }

        if (Concurrency < 1 || StreamsPerConnection < 1)
        {
            return "-c/--connections and --streams must be at least 1";
        }

        if ((long)Concurrency * StreamsPerConnection > 100_000)
        {
            return "-c/--connections times --streams must be at most 100000";
        }

        if (Rate is { } r && (!double.IsFinite(r) || r <= 0 || r > 1_000_000))
        {
            return "--rate must be a number of requests per second above 0 and at most 1000000";
        }

        if (MaxConnectionsPerServer is < 1)
        {
            return "--max-connections-per-server must be at least 1";
        }

        if (Http2 && !KeepAlive)
        {
            return "--keepalive off needs HTTP/1.1: HTTP/2 has no Connection: close (use profile close or tls-full without --http2)";
        }

        if (StreamsPerConnection > 1 && !Http2)
        {
            return "--streams needs --http2 (an HTTP/1.1 connection carries one request at a time)";
        }

        if (Profile is BuiltinProfiles.TlsFull or BuiltinProfiles.TlsResumed && Target.Scheme != "https")
        {
            return $"profile {Profile} needs an https:// target";
        }

        if (Profile == BuiltinProfiles.TlsResumed && !TargetHasHostName)
        {
            return "profile tls-resumed needs a host name in --target (https://localhost:PORT/): .NET resumes TLS sessions per server name (SNI), and an IP address sends none";
        }

        return null;
    }
}
