using System.CommandLine;
using System.Globalization;
using WireLens.Load;

namespace WireLens.Cli.Commands;

/// <summary>The load options <c>run</c> and <c>compare</c> share (docs/generators.md maps them to each tool's flags).</summary>
public sealed class LoadOptionSet
{
    public Option<string?> Target { get; } = new("--target") { Description = "The URL to load (default: WireLens's embedded target on loopback)." };
    public Option<string?> Scheme { get; } = new("--scheme")
    {
        Description = "Which endpoint of the embedded target: http, https or h2c (default: https for TLS profiles, h2c for --http2, else http).",
    };
    public Option<int?> Connections { get; } = new("--connections", "-c") { Description = "Connections (or workers, users) the tool keeps." };
    public Option<long?> Requests { get; } = new("--requests", "-n") { Description = "Requests in all (exclusive with --duration)." };
    public Option<double?> Duration { get; } = new("--duration", "-d") { Description = "Seconds to load for (exclusive with --requests)." };
    public Option<double?> Rate { get; } = new("--rate") { Description = "Requests per second." };
    public Option<string?> KeepAlive { get; } = new("--keepalive") { Description = "on or off." };
    public Option<bool> Http2 { get; } = new("--http2") { Description = "HTTP/2 (ALPN on https, prior knowledge on http)." };
    public Option<bool> Insecure { get; } = new("--insecure", "-k") { Description = "Accept any server certificate." };
    public Option<string?> Profile { get; } = new("--profile") { Description = "Built-in generator profile: keepalive, close, tls-full, tls-resumed, h2." };
    public Option<string?> TlsResume { get; } = new("--tls-resume") { Description = "Built-in generator: offer TLS session resumption, on or off." };
    public Option<int?> MaxConnectionsPerServer { get; } = new("--max-connections-per-server") { Description = "Built-in generator: the pool's connection cap." };
    public Option<double?> PoolIdleTimeout { get; } = new("--pool-idle-timeout") { Description = "Built-in generator: seconds an idle pooled connection is kept." };
    public Option<double?> PoolLifetime { get; } = new("--pool-lifetime") { Description = "Built-in generator: seconds a pooled connection may be reused at most." };
    public Argument<string[]> ToolArguments { get; } = new("tool-arguments")
    {
        Description = "Raw arguments for the tool, after --.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (Option o in new Option[]
        {
            Target, Scheme, Connections, Requests, Duration, Rate, KeepAlive, Http2, Insecure, Profile, TlsResume,
            MaxConnectionsPerServer, PoolIdleTimeout, PoolLifetime,
        })
        {
            command.Options.Add(o);
        }

        command.Arguments.Add(ToolArguments);
    }

    /// <summary>
    /// Checks the load options before anything starts (against a placeholder URL: the target is known later) and picks
    /// the embedded target's endpoint; false with a one-line <paramref name="problem"/>.
    /// </summary>
    public bool TryCheck(ParseResult parse, out string scheme, out string problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        scheme = Live.LoadTargets.EmbeddedScheme(parse.GetValue(Scheme), parse.GetValue(Profile), parse.GetValue(Http2));
        if (scheme is not ("http" or "https" or "h2c"))
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"--scheme must be http, https or h2c, not \"{scheme}\"");
            return false;
        }

        return TryRead(parse, new Uri("http://127.0.0.1/"), out _, out problem);
    }

    /// <summary>The options for <paramref name="url"/>, once <see cref="TryCheck"/> passed.</summary>
    public LoadOptions For(ParseResult parse, Uri url) =>
        TryRead(parse, url, out LoadOptions? options, out string problem) ? options! : throw new InvalidOperationException(problem);

    /// <summary>The options with <paramref name="target"/> as the URL; false with a one-line <paramref name="problem"/>.</summary>
    public bool TryRead(ParseResult parse, Uri target, out LoadOptions? options, out string problem)
    {
        ArgumentNullException.ThrowIfNull(parse);
        options = null;
        problem = string.Empty;
        if (!TryOnOff(parse.GetValue(KeepAlive), "--keepalive", out bool? keepAlive, out problem)
            || !TryOnOff(parse.GetValue(TlsResume), "--tls-resume", out bool? tlsResume, out problem))
        {
            return false;
        }

        double? duration = parse.GetValue(Duration);
        long? requests = parse.GetValue(Requests);
        if (duration is not null && requests is not null)
        {
            problem = "give --requests or --duration, not both";
            return false;
        }

        if (duration is <= 0 or > 86_400 || (duration is { } d && double.IsNaN(d)))
        {
            problem = "--duration must be from 0 to 86400 seconds";
            return false;
        }

        if (requests is < 1 || parse.GetValue(Connections) is < 1 || parse.GetValue(Rate) is <= 0)
        {
            problem = "--requests, --connections and --rate must be positive";
            return false;
        }

        options = new LoadOptions
        {
            Target = target,
            Connections = parse.GetValue(Connections),
            Requests = requests,
            Duration = duration is { } s ? TimeSpan.FromSeconds(s) : null,
            Rate = parse.GetValue(Rate),
            KeepAlive = keepAlive,
            Http2 = parse.GetValue(Http2),
            Insecure = parse.GetValue(Insecure),
            Profile = parse.GetValue(Profile),
            TlsResume = tlsResume,
            MaxConnectionsPerServer = parse.GetValue(MaxConnectionsPerServer),
            PooledConnectionIdleTimeout = parse.GetValue(PoolIdleTimeout) is { } idle ? TimeSpan.FromSeconds(idle) : null,
            PooledConnectionLifetime = parse.GetValue(PoolLifetime) is { } life ? TimeSpan.FromSeconds(life) : null,
            ExtraArguments = parse.GetValue(ToolArguments) ?? [],
        };
        return true;
    }

    private static bool TryOnOff(string? value, string name, out bool? on, out string problem)
    {
        problem = string.Empty;
        on = value?.ToLowerInvariant() switch
        {
            null => null,
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => null,
        };
        if (value is not null && on is null)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"{name} must be on or off, not \"{value}\"");
            return false;
        }

        return true;
    }
}
