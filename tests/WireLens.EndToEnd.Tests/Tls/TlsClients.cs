using System.Globalization;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>The TLS clients of the scenarios, each run to completion and bounded in time; a failure fails the test.</summary>
internal static class TlsClients
{
    /// <summary>The name curl and openssl send as SNI; curl resolves it to the server with --resolve.</summary>
    public const string ServerName = "localhost";

    /// <summary>
    /// One curl invocation fetching every path in <paramref name="paths"/> from <paramref name="server"/>, on one
    /// keep-alive connection. With <paramref name="sni"/> the URLs name <see cref="ServerName"/> (sent as SNI),
    /// otherwise the server's address (curl sends no SNI for an IP address).
    /// </summary>
    public static ProcessResult Curl(NginxServer server, IReadOnlyList<string> paths, bool sni, params string[] extraArgs)
    {
        string port = server.Port.ToString(CultureInfo.InvariantCulture);
        string host = sni ? ServerName : server.Address;
        var args = new List<string> { "-sS", "-k", "--max-time", "20" };
        if (sni)
        {
            args.AddRange(["--resolve", $"{ServerName}:{port}:{server.Address}"]);
        }

        args.AddRange(extraArgs);
        foreach (string path in paths)
        {
            args.AddRange(["-o", "/dev/null", $"https://{host}:{port}{path}"]);
        }

        return LoopbackLoad.Tool("curl", "curl", args, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// `openssl s_client` sending one HTTP/1.1 request with `Connection: close` and reading until the server closes
    /// (-ign_eof), so that a TLS 1.3 NewSessionTicket, which arrives after the handshake, is in the saved session.
    /// Returns s_client's output, which says "New," or "Reused,".
    /// </summary>
    public static string OpenSsl(NginxServer server, string? sessionOut, string? sessionIn, params string[] options)
    {
        var args = new List<string>
        {
            "s_client", "-connect", $"{server.Address}:{server.Port.ToString(CultureInfo.InvariantCulture)}",
            "-servername", ServerName, "-ign_eof",
        };
        if (sessionOut is not null)
        {
            args.AddRange(["-sess_out", sessionOut]);
        }

        if (sessionIn is not null)
        {
            args.AddRange(["-sess_in", sessionIn]);
        }

        args.AddRange(options);
        ProcessResult result = ProcessRunner.Run(
            Require.Tool("openssl", "openssl"),
            args,
            TimeSpan.FromSeconds(20),
            stdin: $"GET / HTTP/1.1\r\nHost: {ServerName}\r\nConnection: close\r\n\r\n");
        Assert.True(result.Succeeded && result.StdOut.Contains("HTTP/1.1 200", StringComparison.Ordinal), result.Describe("openssl s_client"));
        return result.StdOut;
    }
}
