using System.Globalization;

namespace WireLens.Load.Tools;

/// <summary>Checks every adapter makes the same way, and the number formats of tool flags (invariant culture).</summary>
public static class OptionRules
{
    /// <summary>
    /// What no tool accepts: a target other than http/https, both <c>-n</c> and <c>-d</c>, and counts, durations or
    /// rates that are not positive. False with a one-line problem.
    /// </summary>
    public static bool TryCheckCommon(LoadOptions options, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        problem = options switch
        {
            { Target.IsAbsoluteUri: false } => $"--target must be an absolute http or https URL: {options.Target}",
            _ when options.Target.Scheme is not ("http" or "https") => $"--target must be an http or https URL: {options.Target}",
            { Requests: not null, Duration: not null } => "-n and -d are exclusive: give a request count or a duration",
            { Connections: < 1 } => "-c must be at least 1",
            { Requests: < 1 } => "-n must be at least 1",
            { Duration: { } d } when d <= TimeSpan.Zero => "-d must be positive",
            { Rate: { } r } when !(r > 0) || double.IsInfinity(r) => "--rate must be a positive number of requests per second",
            _ => string.Empty,
        };
        return problem.Length == 0;
    }

    /// <summary>Whether the target is https.</summary>
    public static bool IsHttps(LoadOptions options) => options.Target.Scheme == "https";

    /// <summary>The target as tools take it: absolute, escaped, with a path (<c>http://h:8080/</c>).</summary>
    public static string Url(LoadOptions options) => options.Target.AbsoluteUri;

    /// <summary>Whether <paramref name="duration"/> is a whole number of seconds.</summary>
    public static bool IsWholeSeconds(TimeSpan duration) => duration.Ticks % TimeSpan.TicksPerSecond == 0;

    /// <summary>Whole seconds as digits (<c>10</c>).</summary>
    public static string WholeSeconds(TimeSpan duration) => ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration in seconds with a unit, as Go and h2load take it: <c>10s</c>, <c>1500ms</c>.</summary>
    public static string SecondsOrMilliseconds(TimeSpan duration) =>
        IsWholeSeconds(duration)
            ? WholeSeconds(duration) + "s"
            : ((long)Math.Ceiling(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>An integer in invariant digits.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number in invariant digits, as short as round-trips (<c>2.5</c>, <c>100</c>).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Sets <paramref name="plan"/> to null and <paramref name="problem"/> to <paramref name="reason"/>; returns false.</summary>
    public static bool Refuse(string reason, out LoadPlan? plan, out string problem)
    {
        plan = null;
        problem = reason;
        return false;
    }
}
