using System.Globalization;

namespace WireLens.Target;

/// <summary>
/// How the embedded target serves (<c>wirelens target</c>). It listens on loopback only: HTTP/1.1 cleartext, HTTPS
/// with a self-signed certificate made at start (TLS 1.2 and 1.3, h1 and h2 by ALPN), and h2c with prior knowledge on
/// a port of its own. A port of 0 takes a free one.
/// </summary>
public sealed record TargetOptions
{
    /// <summary>The largest response body, by option or by <c>?size=</c> (64 MiB).</summary>
    public const int MaxResponseBytes = 64 * 1024 * 1024;

    /// <summary>The longest response delay, by option or by <c>?delay_ms=</c>.</summary>
    public static readonly TimeSpan MaxResponseDelay = TimeSpan.FromSeconds(60);

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

    /// <summary>Checks every value; <paramref name="problem"/> says in one line what is wrong (naming the CLI option).</summary>
    public bool TryValidate(out string problem)
    {
        problem = string.Empty;
        foreach ((string name, int port) in new[] { ("--http-port", HttpPort), ("--https-port", HttpsPort), ("--h2c-port", H2cPort) })
        {
            if (port is < 0 or > 65535)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{name} must be 0 (any free port) to 65535, not {port}");
                return false;
            }
        }

        bool samePort = (HttpPort != 0 && (HttpPort == HttpsPort || HttpPort == H2cPort)) || (HttpsPort != 0 && HttpsPort == H2cPort);
        if (samePort)
        {
            problem = "--http-port, --https-port and --h2c-port must differ (each serves one way)";
            return false;
        }

        if (KeepAliveTimeout <= TimeSpan.Zero)
        {
            problem = "--keepalive-timeout must be a positive number of seconds";
            return false;
        }

        if (CloseAfterRequests is < 1)
        {
            problem = "--close-after must be at least 1";
            return false;
        }

        if (ResponseBytes is < 0 or > MaxResponseBytes)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"--response-bytes must be 0 to {MaxResponseBytes}");
            return false;
        }

        if (ResponseDelay < TimeSpan.Zero || ResponseDelay > MaxResponseDelay)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"--delay-ms must be 0 to {MaxResponseDelay.TotalMilliseconds:0}");
            return false;
        }

        return true;
    }
}
