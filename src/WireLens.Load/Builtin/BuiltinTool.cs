using System.Globalization;
using WireLens.Load.Processes;
using WireLens.Load.Tools;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Builtin;

/// <summary>
/// The built-in generator as a load tool: the WireLens CLI itself, run as <c>wirelens load ...</c> in a child
/// process (<see cref="SelfCommand"/>), reading back its <c>wirelens-load-summary</c> line.
/// </summary>
public sealed class BuiltinTool : ILoadTool
{
    /// <summary>Added to a run's own bound for <see cref="LoadPlan.TimeLimit"/>: process start, JIT, the last requests' timeout.</summary>
    public static readonly TimeSpan TimeLimitMargin = TimeSpan.FromSeconds(45);

    public string Name => ToolNames.Builtin;

    public string DebianPackage => string.Empty;

    /// <summary>The run's label: <c>builtin:PROFILE</c> (keepalive when no profile is given).</summary>
    public static string Label(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BuiltinProfiles.LabelOf(options.Profile);
    }

    /// <summary>The program that starts the CLI: its app host, else <c>dotnet</c> (for <c>dotnet wirelens.dll</c>); null when neither is there.</summary>
    public string? Locate()
    {
        (string fileName, IReadOnlyList<string> prefix) = SelfCommand.Resolve();
        if (prefix.Count == 0)
        {
            return File.Exists(fileName) ? fileName : null;
        }

        return prefix.All(File.Exists) ? fileName : null;
    }

    /// <summary>WireLens's own informational version; nothing is run.</summary>
    public string? ReadVersion(string executable) => BuiltinGenerator.Version;

    public bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(executable);
        plan = null;
        if (!BuiltinProfiles.TryResolve(options, out BuiltinSettings? settings, out problem))
        {
            return false;
        }

        (string selfFile, IReadOnlyList<string> prefix) = SelfCommand.Resolve();
        var args = new List<string>();
        if (string.Equals(executable, selfFile, StringComparison.Ordinal))
        {
            args.AddRange(prefix);
        }

        args.AddRange(Arguments(options));
        TimeSpan? bound = settings!.Duration ?? (settings.Rate is { } rate && settings.Requests is { } n ? TimeSpan.FromSeconds(n / rate) : null);
        plan = new LoadPlan(Name, new ProcessSpec(executable, args), settings.InFlight)
        {
            TimeLimit = bound is { } b ? b + TimeLimitMargin : null,
        };
        return true;
    }

    /// <summary>The <c>load</c> subcommand and its arguments for <paramref name="options"/>, then the extra arguments.</summary>
    public static IReadOnlyList<string> Arguments(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "load", "--target", options.Target.ToString(), "--profile", string.IsNullOrEmpty(options.Profile) ? BuiltinProfiles.KeepAlive : options.Profile };
        IFormatProvider c = CultureInfo.InvariantCulture;
        if (options.Connections is { } conns)
        {
            args.AddRange(["-c", conns.ToString(c)]);
        }

        if (options.Requests is { } n)
        {
            args.AddRange(["-n", n.ToString(c)]);
        }

        if (options.Duration is { } d)
        {
            args.AddRange(["-d", Seconds(d)]);
        }

        if (options.Rate is { } r)
        {
            args.AddRange(["--rate", r.ToString("R", c)]);
        }

        if (options.KeepAlive is { } keepAlive)
        {
            args.AddRange(["--keepalive", keepAlive ? "on" : "off"]);
        }

        if (options.Http2)
        {
            args.Add("--http2");
        }

        if (options.Insecure)
        {
            args.Add("--insecure");
        }

        if (options.TlsResume is { } resume)
        {
            args.AddRange(["--tls-resume", resume ? "on" : "off"]);
        }

        if (options.MaxConnectionsPerServer is { } max)
        {
            args.AddRange(["--max-connections-per-server", max.ToString(c)]);
        }

        if (options.PooledConnectionIdleTimeout is { } idle)
        {
            args.AddRange(["--idle-timeout", Seconds(idle)]);
        }

        if (options.PooledConnectionLifetime is { } lifetime)
        {
            args.AddRange(["--lifetime", Seconds(lifetime)]);
        }

        args.AddRange(options.ExtraArguments);
        return args;
    }

    public ToolSummary? ParseSummary(LoadOutput output) =>
        output is null ? null : BuiltinSummaryLine.TryParse(output.Stdout) is { } summary ? BuiltinSummaryLine.ToToolSummary(summary) : null;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
}
