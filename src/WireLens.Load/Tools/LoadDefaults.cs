namespace WireLens.Load.Tools;

/// <summary>
/// What the adapters use when an option is not given (docs/generators.md, "Defaults"): the same for every tool, so
/// that two tools run without options load alike.
/// </summary>
public static class LoadDefaults
{
    /// <summary>Connections (workers, users, clients) when <c>-c</c> is not given; the curl loop runs one at a time.</summary>
    public const int Connections = 10;

    /// <summary>For count-bounded tools given neither <c>-n</c> nor <c>-d</c>: this many requests per connection.</summary>
    public const int RequestsPerConnection = 100;

    /// <summary>The curl loop's invocations when <c>-n</c> is not given.</summary>
    public const int CurlRequests = 100;

    /// <summary>For duration-bounded tools (wrk, vegeta) given neither <c>-n</c> nor <c>-d</c>.</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A duration-bounded run is stopped (SIGINT, then killed) this long after its duration, plus a tenth of the
    /// duration: long enough for a tool to finish its last requests (hey and ab wait up to 20–30 s for a response).
    /// </summary>
    public static TimeSpan TimeLimitMargin { get; } = TimeSpan.FromSeconds(35);

    /// <summary>The time limit for a run of <paramref name="duration"/>.</summary>
    public static TimeSpan TimeLimitFor(TimeSpan duration) => duration + (duration / 10) + TimeLimitMargin;
}
