using System.Globalization;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.EndToEnd.Tests.Tls;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// The runs of captures/fingerprints/make-fingerprints.sh, one per capture name (`tool[-variant]`), each bounded in
/// count and time: the same invocations, so that a live run of the installed tool sends the ClientHellos its capture
/// shows. Keep both in step; a capture with no run here fails the coverage test.
/// </summary>
internal static class FingerprintRuns
{
    /// <summary>The host name the tools resolve (to 127.0.0.1 or ::1, nginx listens on both) and send as SNI.</summary>
    public const string HostName = "localhost";

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>The Debian package of each tool, for the skip (or CI failure) message when it is missing.</summary>
    public static string PackageOf(string tool) => tool switch
    {
        "ab" => "apache2-utils",
        "h2load" => "nghttp2-client",
        _ => tool,
    };

    /// <summary>
    /// The nginx a variant runs against: the script's main server (TLS 1.2 and 1.3, ALPN h2 and http/1.1), or for
    /// `-resume` variants and openssl s_client its closing server, one request per connection (keepalive_requests 1:
    /// HTTP/1.1 closes, HTTP/2 sends GOAWAY), so that a second URL needs a second connection.
    /// </summary>
    public static NginxOptions ServerFor(string variant) => new()
    {
        Tls = true,
        TlsHttp2 = true,
        ListenIpv6Loopback = true,
        KeepaliveRequests = variant.EndsWith("-resume", StringComparison.Ordinal) || FingerprintCaptures.ToolOf(variant) == "openssl" ? 1 : 1_000_000,
    };

    /// <summary>Runs <paramref name="variant"/> against <paramref name="server"/>; fails the test when the tool fails.</summary>
    public static void Run(string variant, NginxServer server)
    {
        string port = server.Port.ToString(CultureInfo.InvariantCulture);
        string host = $"https://{HostName}:{port}/";
        string ip = $"https://127.0.0.1:{port}/";
        switch (variant)
        {
            case "curl":
                Curl("-o", "/dev/null", host);
                break;
            case "curl-http11":
                Curl("--http1.1", "-o", "/dev/null", host);
                break;
            case "curl-ip":
                Curl("-o", "/dev/null", ip);
                break;
            case "curl-resume":
                Curl("--http1.1", "-o", "/dev/null", "-o", "/dev/null", host, host);
                break;
            case "ab":
                Tool("ab", "-q", "-n", "3", "-c", "1", host);
                break;
            case "ab-ip":
                Tool("ab", "-q", "-n", "3", "-c", "1", ip);
                break;
            case "wrk" or "wrk-resume":
                Tool("wrk", "-c", "1", "-d", "1s", "-t", "1", host);
                break;
            case "wrk-ip":
                Tool("wrk", "-c", "1", "-d", "1s", "-t", "1", ip);
                break;
            case "hey":
                Tool("hey", "-n", "3", "-c", "1", host);
                break;
            case "hey-h2":
                Tool("hey", "-n", "3", "-c", "1", "-h2", host);
                break;
            case "hey-ip":
                Tool("hey", "-n", "3", "-c", "1", ip);
                break;
            case "h2load":
                Tool("h2load", "-n", "3", "-c", "1", host);
                break;
            case "h2load-ip":
                Tool("h2load", "-n", "3", "-c", "1", ip);
                break;
            case "siege":
                Siege(host);
                break;
            case "siege-ip":
                Siege(ip);
                break;
            case "wget":
                Tool("wget", "-q", "--no-check-certificate", "--tries", "1", "--timeout", "20", "-O", "/dev/null", host);
                break;
            case "wget-ip":
                Tool("wget", "-q", "--no-check-certificate", "--tries", "1", "--timeout", "20", "-O", "/dev/null", ip);
                break;
            case "openssl":
                SClient($"{HostName}:{port}", "-servername", HostName);
                break;
            case "openssl-ip":
                SClient($"127.0.0.1:{port}");
                break;
            case "openssl-resume":
                string session = Path.Combine(TestPaths.NewTempDirectory("wl-sess"), "session.pem");
                SClient($"{HostName}:{port}", "-servername", HostName, "-sess_out", session);
                SClient($"{HostName}:{port}", "-servername", HostName, "-sess_in", session);
                break;
            case "chromium":
                Chromium.DumpDom(host);
                break;
            case "chromium-ip":
                Chromium.DumpDom(ip);
                break;
            default:
                Assert.Fail($"captures/fingerprints/{variant}.pcap has no live run in FingerprintRuns: add the invocation make-fingerprints.sh uses for it");
                break;
        }
    }

    private static void Tool(string tool, params string[] args) => LoopbackLoad.Tool(tool, PackageOf(tool), args, s_timeout);

    private static void Curl(params string[] args) => Tool("curl", ["-sS", "-k", "--max-time", "20", .. args]);

    private static void Siege(string url)
    {
        // Its own settings file, as in the script, so that ~/.siege changes nothing.
        string rc = Path.Combine(TestPaths.NewTempDirectory("wl-siege"), "siegerc");
        File.WriteAllText(rc, "verbose = false\nquiet = true\nparser = false\nshow-logfile = false\nlogging = false\n");
        Tool("siege", "-R", rc, "-c", "1", "-r", "2", url);
    }

    // One request on stdin; the closing server answers and closes, and s_client ends.
    private static void SClient(string connect, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(
            Require.Tool("openssl", "openssl"),
            ["s_client", "-connect", connect, "-quiet", "-ign_eof", .. args],
            s_timeout,
            stdin: $"GET / HTTP/1.1\r\nHost: {HostName}\r\n\r\n");
        Assert.True(result.Succeeded && result.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), result.Describe("openssl s_client"));
    }
}
