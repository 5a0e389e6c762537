using System.Globalization;

namespace WireLens.Load.Target;

/// <summary>
/// How to start the embedded target (<c>wirelens target</c>, docs/target.md) as a child process. Each value maps to
/// one option of the command; null leaves the command's default. WireLens.Load does not reference WireLens.Target: the
/// child parses and checks these values itself, and a bad one is its one-line error.
/// </summary>
public sealed record EmbeddedTargetSettings
{
    /// <summary><c>--http-port</c>; 0 for any free port.</summary>
    public int HttpPort { get; init; }

    /// <summary><c>--https-port</c>; 0 for any free port.</summary>
    public int HttpsPort { get; init; }

    /// <summary><c>--h2c-port</c>; 0 for any free port.</summary>
    public int H2cPort { get; init; }

    /// <summary><c>--keepalive-timeout</c>: how long the server keeps an idle connection open.</summary>
    public TimeSpan? KeepAliveTimeout { get; init; }

    /// <summary><c>--close-after</c>: requests per connection after which the server closes it.</summary>
    public int? CloseAfterRequests { get; init; }

    /// <summary><c>--response-bytes</c>: the response body size.</summary>
    public int? ResponseBytes { get; init; }

    /// <summary><c>--delay-ms</c>: the delay before each response (whole milliseconds).</summary>
    public TimeSpan? ResponseDelay { get; init; }

    /// <summary>How long to wait for the ready line before giving up.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a stop waits for the target to exit by itself before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The arguments after <c>target</c>, ending with <c>--exit-on-stdin-eof</c>.</summary>
    public IReadOnlyList<string> CommandArguments()
    {
        var args = new List<string>
        {
            "--http-port", Text(HttpPort),
            "--https-port", Text(HttpsPort),
            "--h2c-port", Text(H2cPort),
        };
        if (KeepAliveTimeout is { } keepAlive)
        {
            args.AddRange(["--keepalive-timeout", keepAlive.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)]);
        }

        if (CloseAfterRequests is int closeAfter)
        {
            args.AddRange(["--close-after", Text(closeAfter)]);
        }

        if (ResponseBytes is int bytes)
        {
            args.AddRange(["--response-bytes", Text(bytes)]);
        }

        if (ResponseDelay is { } delay)
        {
            args.AddRange(["--delay-ms", ((long)Math.Round(delay.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)]);
        }

        args.Add("--exit-on-stdin-eof");
        return args;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
