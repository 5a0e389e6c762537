namespace WireLens.Load.Builtin;

/// <summary>
/// The built-in generator's named profiles (docs/builtin.md): each is a starting point that the explicit options
/// override. The profile names the run: <c>builtin:PROFILE</c>.
/// </summary>
public static class BuiltinProfiles
{
    /// <summary>HTTP/1.1 with keep-alive: one connection per worker, reused for every request.</summary>
    public const string KeepAlive = "keepalive";

    /// <summary>HTTP/1.1 with <c>Connection: close</c> on every request: one connection per request.</summary>
    public const string Close = "close";

    /// <summary>HTTPS, one connection per request, every handshake full (no resumption offered).</summary>
    public const string TlsFull = "tls-full";

    /// <summary>HTTPS, one connection per request, resuming the session of an earlier connection.</summary>
    public const string TlsResumed = "tls-resumed";

    /// <summary>HTTP/2 (h2 by ALPN on https, h2c prior knowledge on http), one connection per <c>-c</c>.</summary>
    public const string H2 = "h2";

    /// <summary>Every profile, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } = [KeepAlive, Close, TlsFull, TlsResumed, H2];

    /// <summary>The label of a run with <paramref name="profile"/> (null for the default, keepalive).</summary>
    public static string LabelOf(string? profile) => "builtin:" + (string.IsNullOrEmpty(profile) ? KeepAlive : profile);

    /// <summary>
    /// Combines <paramref name="options"/>' profile (default keepalive) with its explicit options, which win. False with a
    /// one-line <paramref name="problem"/> for an unknown profile or settings that cannot be run.
    /// </summary>
    public static bool TryResolve(LoadOptions options, out BuiltinSettings? settings, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        settings = null;
        string profile = string.IsNullOrEmpty(options.Profile) ? KeepAlive : options.Profile;
        BuiltinSettings? start = Defaults(profile, options.Target);
        if (start is null)
        {
            problem = $"unknown profile '{profile}' (known: {string.Join(", ", All)})";
            return false;
        }

        var resolved = start with
        {
            Concurrency = options.Connections ?? start.Concurrency,
            Requests = options.Requests,
            Duration = options.Requests is null && options.Duration is null ? BuiltinSettings.DefaultDuration : options.Duration,
            Rate = options.Rate,
            KeepAlive = options.KeepAlive ?? start.KeepAlive,
            Http2 = options.Http2 || start.Http2,
            TlsResume = options.TlsResume ?? start.TlsResume,
            Insecure = options.Insecure,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
        };
        if (resolved.Problem() is { } p)
        {
            problem = p;
            return false;
        }

        settings = resolved;
        problem = string.Empty;
        return true;
    }

    /// <summary>A profile's own settings for <paramref name="target"/>, or null for an unknown profile.</summary>
    public static BuiltinSettings? Defaults(string profile, Uri target) => profile switch
    {
        KeepAlive => new BuiltinSettings { Target = target, Profile = profile },
        Close => new BuiltinSettings { Target = target, Profile = profile, KeepAlive = false },
        TlsFull => new BuiltinSettings { Target = target, Profile = profile, KeepAlive = false, TlsResume = false },
        TlsResumed => new BuiltinSettings { Target = target, Profile = profile, KeepAlive = false, TlsResume = true },
        H2 => new BuiltinSettings { Target = target, Profile = profile, Http2 = true },
        _ => null,
    };
}
