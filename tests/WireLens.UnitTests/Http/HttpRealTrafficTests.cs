using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using WireLens.Analysis.Http;
using WireLens.Testing;

namespace WireLens.UnitTests.Http;

/// <summary>
/// Real traffic: curl, h2load --h1 and h2load (h2c prior knowledge) against a local nginx, captured with tcpdump on lo;
/// tshark's "follow,tcp,raw" gives each connection's payload in order, which is fed to the analyzer and its request
/// count compared with what the tools report.
/// </summary>
public partial class HttpRealTrafficTests
{
    private const int H1Requests = 20;
    private const int H2Requests = 24;

    [Fact]
    public void Analyzer_CurlAndH2loadAgainstNginx_CountsWhatTheToolsSent()
    {
        // Arrange
        Require.Root();
        string nginx = Require.Tool("nginx", "nginx");
        string tcpdump = Require.Tool("tcpdump", "tcpdump");
        string tshark = Require.Tool("tshark", "tshark");
        string curl = Require.Tool("curl", "curl");
        string h2load = Require.Tool("h2load", "nghttp2-client");
        string dir = TestPaths.NewTempDirectory("wirelens-http");
        int h1Port = FreePort();
        int h2Port = FreePort();
        string pcap = Path.Combine(dir, "http.pcap");
        Directory.CreateDirectory(Path.Combine(dir, "www"));
        File.WriteAllText(Path.Combine(dir, "www", "index.html"), "hello from nginx\n");
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), NginxConfig(dir, h1Port, h2Port));

        // Act
        int h1Reported;
        int h2Reported;
        using (Process server = Start(nginx, $"-c {dir}/nginx.conf -p {dir}"))
        {
            try
            {
                WaitForPort(h1Port);
                WaitForPort(h2Port);
                // -B 262144: a 256 MiB buffer; with the default 2 MiB tcpdump on lo dropped segments under load.
                using Process capture = Start(tcpdump, $"-i lo --immediate-mode -B 262144 -U -w {pcap} tcp port {h1Port} or tcp port {h2Port}");
                try
                {
                    WaitUntilListening(capture);
                    Run(curl, $"-s -o /dev/null http://127.0.0.1:{h1Port}/index.html");
                    h1Reported = Succeeded(Run(h2load, $"--h1 -n {H1Requests} -c 2 http://127.0.0.1:{h1Port}/index.html"));
                    h2Reported = Succeeded(Run(h2load, $"-n {H2Requests} -c 2 -m 4 http://127.0.0.1:{h2Port}/index.html"));
                    Thread.Sleep(500);
                }
                finally
                {
                    Terminate(capture);
                }
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                server.WaitForExit();
            }
        }

        List<(int ServerPort, HttpConnectionAnalyzer Analyzer)> connections = Analyze(tshark, pcap);
        Directory.Delete(dir, recursive: true);

        // Assert
        Assert.Equal(H1Requests, h1Reported);
        Assert.Equal(H2Requests, h2Reported);
        Assert.All(connections, c => Assert.True(c.Analyzer.LooksLikeHttp));
        Assert.All(connections, c => Assert.Null(c.Analyzer.ClientError));
        Assert.All(connections, c => Assert.Null(c.Analyzer.ServerError));
        var h1 = connections.Where(c => c.ServerPort == h1Port).Select(c => c.Analyzer).ToList();
        var h2 = connections.Where(c => c.ServerPort == h2Port).Select(c => c.Analyzer).ToList();
        Assert.Equal(3, h1.Count);
        Assert.Equal(2, h2.Count);
        // tcpdump on lo occasionally misses a segment; the analyzer must then say so, and can only count less.
        AssertCount(1 + h1Reported, h1);
        AssertCount(h2Reported, h2);
        Assert.All(h1, a => Assert.Equal(HttpProtocol.Http11, a.Protocol));
        Assert.All(h2, a => Assert.Equal(HttpProtocol.H2c, a.Protocol));
        Assert.Single(h1, a => a.FirstUserAgent?.StartsWith("curl/", StringComparison.Ordinal) == true);
        Assert.Equal(2, h1.Count(a => a.FirstUserAgent?.StartsWith("h2load", StringComparison.Ordinal) == true));
        Assert.All(h1, a => Assert.Equal($"127.0.0.1:{h1Port}", a.FirstHost));
    }

    private static void AssertCount(int sent, List<HttpConnectionAnalyzer> connections)
    {
        int counted = connections.Sum(a => a.Requests);
        if (connections.Any(a => a.ClientLost))
        {
            Assert.InRange(counted, 1, sent);
        }
        else
        {
            Assert.Equal(sent, counted);
        }
    }

    private static string NginxConfig(string dir, int h1Port, int h2Port) => $$"""
        daemon off;
        pid {{dir}}/nginx.pid;
        error_log {{dir}}/error.log;
        events {}
        http {
            access_log off;
            client_body_temp_path {{dir}}; proxy_temp_path {{dir}}; fastcgi_temp_path {{dir}};
            uwsgi_temp_path {{dir}}; scgi_temp_path {{dir}};
            server { listen 127.0.0.1:{{h1Port}}; root {{dir}}/www; }
            server { listen 127.0.0.1:{{h2Port}} http2; root {{dir}}/www; }
        }
        """;

    // Every "follow,tcp,raw" block: "Node 0: client", "Node 1: server", then one hex line per segment, server ones
    // indented by a tab, in capture order.
    private static List<(int, HttpConnectionAnalyzer)> Analyze(string tshark, string pcap)
    {
        var streams = Run(tshark, $"-r {pcap} -T fields -e tcp.stream")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct()
            .ToList();
        string follow = Run(tshark, $"-r {pcap} -q " + string.Join(' ', streams.Select(s => $"-z follow,tcp,raw,{s}")));
        var result = new List<(int, HttpConnectionAnalyzer)>();
        HttpConnectionAnalyzer? analyzer = null;
        foreach (string line in follow.Split('\n'))
        {
            if (line.StartsWith("Node 1: ", StringComparison.Ordinal))
            {
                analyzer = new HttpConnectionAnalyzer();
                result.Add((int.Parse(line[(line.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture), analyzer));
            }
            else if (line.StartsWith('=') || line.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }
            else if (analyzer is not null && line.Trim().Length > 0)
            {
                byte[] bytes = Convert.FromHexString(line.Trim());
                bool fromServer = line.StartsWith('\t');

                // tshark writes a segment lost by the capture as the text "[N bytes missing in capture file]".
                if (MissingPattern().IsMatch(Encoding.Latin1.GetString(bytes)))
                {
                    if (fromServer)
                    {
                        analyzer.OnServerGap();
                    }
                    else
                    {
                        analyzer.OnClientGap();
                    }
                }
                else if (fromServer)
                {
                    analyzer.OnServerData(bytes);
                }
                else
                {
                    analyzer.OnClientData(bytes);
                }
            }
        }

        return result;
    }

    private static int Succeeded(string h2loadOutput)
    {
        Match match = SucceededPattern().Match(h2loadOutput);
        Assert.True(match.Success, h2loadOutput);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Assert.Fail($"nothing listens on port {port}");
    }

    private static void WaitUntilListening(Process tcpdump)
    {
        using var listening = new ManualResetEventSlim();
        tcpdump.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                listening.Set();
            }
        };
        tcpdump.BeginErrorReadLine();
        Assert.True(listening.Wait(TimeSpan.FromSeconds(10)), "tcpdump did not start listening");
    }

    // SIGTERM lets tcpdump flush its last packets and close the file; Process.Kill would send SIGKILL.
    private static void Terminate(Process process)
    {
        Run("kill", $"-TERM {process.Id}");
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    private static Process Start(string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException(file + " did not start");
    }

    private static string Run(string file, string arguments)
    {
        using Process process = Start(file, arguments);
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{file} {arguments} timed out");
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {error.Result}");
        return output;
    }

    [GeneratedRegex(@"^\[\d+ bytes missing in capture file\]")]
    private static partial Regex MissingPattern();

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded")]
    private static partial Regex SucceededPattern();
}
