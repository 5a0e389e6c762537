using System.Net;
using System.Net.Sockets;

namespace WireLens.Cli.Live;

/// <summary>The target of a load run: checking a given URL, choosing the embedded target's endpoint, the capture defaults.</summary>
public static class LoadTargets
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Which endpoint of the embedded target a run uses: <c>https</c> for TLS and h2 profiles, <c>h2c</c> for --http2, else <c>http</c>.</summary>
    public static string EmbeddedScheme(string? scheme, string? profile, bool http2) =>
        scheme ?? (profile is "tls-full" or "tls-resumed" or "h2" ? "https" : http2 ? "h2c" : "http");

    /// <summary>An absolute http or https URL, or a one-line problem.</summary>
    public static Uri? TryParse(string text, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = string.Empty;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
        {
            problem = $"--target must be an http:// or https:// URL, not \"{text}\"";
            return null;
        }

        return url;
    }

    /// <summary>Null when a TCP connection to the URL's host and port opens within 3 s; else why not, in one line.</summary>
    public static string? Unreachable(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var cts = new CancellationTokenSource(s_connectTimeout);
        using var client = new TcpClient(AddressFamily.InterNetworkV6) { Client = { DualMode = true } };
        try
        {
            client.ConnectAsync(url.DnsSafeHost, url.Port, cts.Token).AsTask().GetAwaiter().GetResult();
            return null;
        }
        catch (SocketException e)
        {
            return $"target unreachable: {url.GetLeftPart(UriPartial.Authority)}: {e.Message}";
        }
        catch (OperationCanceledException)
        {
            return $"target unreachable: {url.GetLeftPart(UriPartial.Authority)}: no answer within {s_connectTimeout.TotalSeconds:0} s";
        }
    }

    /// <summary>Whether the URL's host is this machine's loopback (then <c>lo</c> is the interface to capture on).</summary>
    public static bool IsLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(url.DnsSafeHost, out IPAddress? ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>The capture interface when none is given: <c>lo</c> for a loopback target, else <c>any</c>.</summary>
    public static string DefaultInterface(Uri url) => IsLoopback(url) ? "lo" : "any";

    /// <summary>The capture filter when none is given: the target's TCP port.</summary>
    public static string DefaultFilter(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"tcp port {url.Port}";
    }
}
