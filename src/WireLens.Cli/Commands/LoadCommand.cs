using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using WireLens.Load;
using WireLens.Load.Builtin;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens load --target URL ...`: the built-in load generator (docs/builtin.md). Prints a human summary and, last,
/// one machine line (<c>wirelens-load-summary {json}</c>). Exit 0 when it ran (failed requests are data), 1 on bad
/// arguments or a target that never answered, 130 when interrupted (after the summary).
/// </summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "The URL to GET (http:// or https://).", Required = true };
        var profile = new Option<string?>("--profile") { Description = $"keepalive (default), close, tls-full, tls-resumed or h2." };
        var connections = new Option<string?>("--connections", "-c") { Description = $"Closed loop: workers; open model: most requests in flight; HTTP/2: connections (default {BuiltinSettings.DefaultConcurrency})." };
        var requests = new Option<string?>("--requests", "-n") { Description = "Send exactly this many requests." };
        var duration = new Option<string?>("--duration", "-d") { Description = "Send requests for this many seconds (default 10 when -n is not given)." };
        var rate = new Option<string?>("--rate") { Description = "Open model: start this many requests per second on a fixed schedule." };
        var keepAlive = new Option<string?>("--keepalive") { Description = "on or off (off: Connection: close, one connection per request)." };
        var http2 = new Option<bool>("--http2") { Description = "HTTP/2: h2 by ALPN on https, h2c by prior knowledge on http." };
        var streams = new Option<string?>("--streams") { Description = "HTTP/2: requests in flight per connection (default 1)." };
        var insecure = new Option<bool>("--insecure") { Description = "Accept any server certificate." };
        var tlsResume = new Option<string?>("--tls-resume") { Description = "on or off: offer TLS session resumption (default: the profile's)." };
        var maxPerServer = new Option<string?>("--max-connections-per-server") { Description = "Cap the client's connection pool (SocketsHttpHandler.MaxConnectionsPerServer)." };
        var idle = new Option<string?>("--idle-timeout") { Description = "Seconds an idle pooled connection is kept (PooledConnectionIdleTimeout; default 60)." };
        var lifetime = new Option<string?>("--lifetime") { Description = "Seconds a pooled connection may be reused at most (PooledConnectionLifetime; default no limit)." };
        var connectTimeout = new Option<string?>("--connect-timeout") { Description = "Seconds for TCP connect and TLS handshake (default 10)." };
        var timeout = new Option<string?>("--timeout") { Description = "Seconds for a whole request, body included (default 30)." };

        var command = new Command("load", "Load a URL with the built-in generator and print what it measured.")
        {
            target, profile, connections, requests, duration, rate, keepAlive, http2, streams, insecure, tlsResume,
            maxPerServer, idle, lifetime, connectTimeout, timeout,
        };
        command.SetAction(parse => RunWithSignals(
            new LoadArguments(parse.GetValue(target)!)
            {
                Profile = parse.GetValue(profile),
                Connections = parse.GetValue(connections),
                Requests = parse.GetValue(requests),
                Duration = parse.GetValue(duration),
                Rate = parse.GetValue(rate),
                KeepAlive = parse.GetValue(keepAlive),
                Http2 = parse.GetValue(http2),
                Streams = parse.GetValue(streams),
                Insecure = parse.GetValue(insecure),
                TlsResume = parse.GetValue(tlsResume),
                MaxConnectionsPerServer = parse.GetValue(maxPerServer),
                IdleTimeout = parse.GetValue(idle),
                Lifetime = parse.GetValue(lifetime),
                ConnectTimeout = parse.GetValue(connectTimeout),
                Timeout = parse.GetValue(timeout),
            },
            Console.Out,
            Console.Error));
        return command;
    }

    /// <summary>
    /// Runs with SIGINT and SIGTERM turned into a cancellation: the requests in flight are cancelled, the summary is
    /// printed and the exit code is 130.
    /// </summary>
    public static int RunWithSignals(LoadArguments args, TextWriter stdout, TextWriter stderr)
    {
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return RunAsync(args, stdout, stderr, stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Validates <paramref name="args"/>, runs the load and writes both summaries; returns the exit code.</summary>
    public static async Task<int> RunAsync(LoadArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!TryCreateSettings(args, out BuiltinSettings? settings, out string problem))
        {
            return Cli.Error(stderr, problem, ExitCodes.NoResults);
        }

        using var generator = new BuiltinGenerator(settings!);
        BuiltinSummary summary = await generator.RunAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> firstErrors = generator.FirstErrors;
        BuiltinSummaryText.Write(stdout, settings!, summary, firstErrors);
        stdout.WriteLine(BuiltinSummaryLine.Format(summary));
        stdout.Flush();
        if (summary.Interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (summary.Requests == 0 && summary.ConnectErrors > 0)
        {
            return Cli.Error(stderr, $"cannot reach {settings!.Target}: {firstErrors.GetValueOrDefault("connect", "connection failed")}", ExitCodes.NoResults);
        }

        return ExitCodes.Success;
    }

    /// <summary>The settings the arguments ask for, or a one-line <paramref name="problem"/>.</summary>
    public static bool TryCreateSettings(LoadArguments args, out BuiltinSettings? settings, out string problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        settings = null;
        if (!Uri.TryCreate(args.Target, UriKind.Absolute, out Uri? target) || target.Scheme is not ("http" or "https") || target.Host.Length == 0)
        {
            problem = $"--target must be an absolute http:// or https:// URL, not '{args.Target}'";
            return false;
        }

        var p = new ValueParser();
        var options = new LoadOptions
        {
            Target = target,
            Profile = args.Profile,
            Connections = p.Int("-c/--connections", args.Connections, 1),
            Requests = p.Long("-n/--requests", args.Requests),
            Duration = p.Seconds("-d/--duration", args.Duration),
            Rate = p.Number("--rate", args.Rate),
            KeepAlive = p.OnOff("--keepalive", args.KeepAlive),
            Http2 = args.Http2,
            Insecure = args.Insecure,
            TlsResume = p.OnOff("--tls-resume", args.TlsResume),
            MaxConnectionsPerServer = p.Int("--max-connections-per-server", args.MaxConnectionsPerServer, 1),
            PooledConnectionIdleTimeout = p.Seconds("--idle-timeout", args.IdleTimeout),
            PooledConnectionLifetime = p.Seconds("--lifetime", args.Lifetime),
        };
        int? streams = p.Int("--streams", args.Streams, 1);
        TimeSpan? connectTimeout = p.Seconds("--connect-timeout", args.ConnectTimeout);
        TimeSpan? timeout = p.Seconds("--timeout", args.Timeout);
        if (p.Problem is not null)
        {
            problem = p.Problem;
            return false;
        }

        if (args.Requests is not null && args.Duration is not null)
        {
            problem = "give -n/--requests or -d/--duration, not both";
            return false;
        }

        if (!BuiltinProfiles.TryResolve(options, out BuiltinSettings? resolved, out problem))
        {
            return false;
        }

        settings = resolved! with
        {
            StreamsPerConnection = streams ?? resolved.StreamsPerConnection,
            ConnectTimeout = connectTimeout ?? resolved.ConnectTimeout,
            RequestTimeout = timeout ?? resolved.RequestTimeout,
        };
        if (settings.Problem() is { } late)
        {
            settings = null;
            problem = late;
            return false;
        }

        return true;
    }

    /// <summary>Reads option values; the first bad one is kept as the problem.</summary>
    private sealed class ValueParser
    {
        public string? Problem { get; private set; }

        public int? Int(string name, string? text, int min)
        {
            long? value = Long(name, text);
            if (value is { } v && (v < min || v > int.MaxValue))
            {
                Fail($"{name} must be a whole number from {min} to {int.MaxValue}, not '{text}'");
                return null;
            }

            return (int?)value;
        }

        public long? Long(string name, string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                Fail($"{name} must be a whole number, not '{text}'");
                return null;
            }

            return value;
        }

        public double? Number(string name, string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                Fail($"{name} must be a number, not '{text}'");
                return null;
            }

            return value;
        }

        public TimeSpan? Seconds(string name, string? text)
        {
            double? value = Number(name, text);
            if (value is { } v && (v <= 0 || v > 31_536_000))
            {
                Fail($"{name} must be a positive number of seconds (at most a year), not '{text}'");
                return null;
            }

            return value is { } s ? TimeSpan.FromSeconds(s) : null;
        }

        public bool? OnOff(string name, string? text) => text switch
        {
            null => null,
            "on" => true,
            "off" => false,
            _ => Fail<bool?>($"{name} must be on or off, not '{text}'"),
        };

        private T? Fail<T>(string problem)
        {
            Fail(problem);
            return default;
        }

        private void Fail(string problem) => Problem ??= problem;
    }
}

/// <summary>The arguments of `wirelens load`, as typed (parsed and checked by <see cref="LoadCommand.TryCreateSettings"/>).</summary>
public sealed record LoadArguments(string Target)
{
    public string? Profile { get; init; }

    public string? Connections { get; init; }

    public string? Requests { get; init; }

    public string? Duration { get; init; }

    public string? Rate { get; init; }

    public string? KeepAlive { get; init; }

    public bool Http2 { get; init; }

    public string? Streams { get; init; }

    public bool Insecure { get; init; }

    public string? TlsResume { get; init; }

    public string? MaxConnectionsPerServer { get; init; }

    public string? IdleTimeout { get; init; }

    public string? Lifetime { get; init; }

    public string? ConnectTimeout { get; init; }

    public string? Timeout { get; init; }
}
