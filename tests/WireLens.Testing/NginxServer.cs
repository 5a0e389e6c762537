using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace WireLens.Testing;

/// <summary>
/// A private nginx (master + one worker) with its whole configuration, logs and temp folders in a temp directory.
/// Locations: `/` answers 200 "hello\n", `/close` the same with `Connection: close`, `/big` a body of
/// <see cref="NginxOptions.BigBodyBytes"/> bytes, `/hello.txt` "hello\n" from a file (see
/// <see cref="NginxOptions.SendfileTcpNopush"/>), `/empty` 204 without a body (over HTTP/2 one HEADERS frame, so each
/// response is one segment). Disposing stops it (SIGQUIT, then kill) and removes the folder.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(15);

    private readonly RunningProcess _process;

    private NginxServer(RunningProcess process, string directory, NginxOptions options, int port)
    {
        _process = process;
        Directory = directory;
        Options = options;
        Port = port;
    }

    public NginxOptions Options { get; }

    /// <summary>The folder holding nginx.conf, error.log, the certificate and the body files.</summary>
    public string Directory { get; }

    public string Address => Options.Address;

    public int Port { get; }

    /// <summary>`http://ADDRESS:PORT` or `https://...` with TLS; no trailing slash.</summary>
    public string BaseUrl => $"{(Options.Tls ? "https" : "http")}://{Address}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The error log written so far (start-up problems land here).</summary>
    public string ErrorLog => File.Exists(ErrorLogPath) ? File.ReadAllText(ErrorLogPath) : string.Empty;

    private string ErrorLogPath => Path.Combine(Directory, "error.log");

    /// <summary>Writes the configuration, starts nginx and returns once its port accepts connections.</summary>
    public static async Task<NginxServer> StartAsync(NginxOptions? options = null)
    {
        options ??= new NginxOptions();
        if (options.Http2Cleartext && options.Tls)
        {
            throw new ArgumentException("Http2Cleartext is h2c; with Tls use TlsHttp2", nameof(options));
        }

        string nginx = Require.Tool("nginx", "nginx-light");
        int port = options.Port ?? FreePort.Get();
        string dir = TestPaths.NewTempDirectory("wl-nginx");
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "www"));
        await File.WriteAllBytesAsync(Path.Combine(dir, "www", "big.bin"), MakeBody(options.BigBodyBytes));
        await File.WriteAllTextAsync(Path.Combine(dir, "www", "hello.txt"), "hello\n");
        if (options.Tls)
        {
            MakeCertificate(dir);
        }

        string conf = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(conf, BuildConfig(options, dir, port));

        var args = new List<string>();
        string file = nginx;
        if (options.NetworkNamespace is not null)
        {
            file = Require.Tool("ip", "iproute2");
            args.AddRange(["netns", "exec", options.NetworkNamespace, nginx]);
        }

        args.AddRange(["-p", dir + "/", "-c", conf, "-e", Path.Combine(dir, "error.log")]);
        RunningProcess process = ProcessRunner.Start(file, args);
        var server = new NginxServer(process, dir, options, port);
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        // SIGQUIT is nginx's graceful stop: idle keep-alive connections are closed, busy ones finish first.
        _process.Signal("QUIT");
        await _process.WaitAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still be closing a log; the temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // nginx's temp folders belong to its worker user.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        // nginx opens and binds its listening sockets before it writes the pid file, so the pid file
        // means "connections are accepted (queued)". It also works inside a network namespace, which the host
        // cannot connect into.
        string pidFile = Path.Combine(Directory, "nginx.pid");
        var watch = Stopwatch.StartNew();
        while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0)
        {
            if (_process.HasExited || watch.Elapsed > s_startTimeout)
            {
                throw new InvalidOperationException(
                    $"nginx did not start ({(_process.HasExited ? "exited" : "timed out")})\n{_process.StdErr}\n{ErrorLog}");
            }

            await Task.Delay(20);
        }

        if (Options.NetworkNamespace is not null)
        {
            return;
        }

        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Address, Port);
                return;
            }
            catch (SocketException) when (watch.Elapsed < s_startTimeout && !_process.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    private static string BuildConfig(NginxOptions options, string dir, int port)
    {
        string listenFlags = options.Tls
            ? (options.TlsHttp2 ? " ssl http2" : " ssl")
            : (options.Http2Cleartext ? " http2" : string.Empty);
        var c = new StringBuilder();
        c.AppendLine("daemon off;");
        c.AppendLine("master_process on;");
        c.AppendLine("worker_processes 1;");
        c.AppendLine(CultureInfo.InvariantCulture, $"pid {dir}/nginx.pid;");
        c.AppendLine(CultureInfo.InvariantCulture, $"error_log {dir}/error.log warn;");
        c.AppendLine(CultureInfo.InvariantCulture, $"worker_rlimit_nofile {options.WorkerConnections * 2};");
        c.AppendLine(CultureInfo.InvariantCulture, $"events {{ worker_connections {options.WorkerConnections}; }}");
        c.AppendLine("http {");
        c.AppendLine("    access_log off;");
        foreach (string temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            c.AppendLine(CultureInfo.InvariantCulture, $"    {temp}_temp_path {dir}/tmp_{temp};");
        }

        c.AppendLine("    default_type application/octet-stream;");
        c.AppendLine(CultureInfo.InvariantCulture, $"    keepalive_timeout {options.KeepaliveTimeoutSeconds};");
        c.AppendLine(CultureInfo.InvariantCulture, $"    keepalive_requests {options.KeepaliveRequests};");
        if (options.SendfileTcpNopush)
        {
            c.AppendLine("    sendfile on;");
            c.AppendLine("    tcp_nopush on;");
        }

        c.AppendLine("    server {");
        c.AppendLine(CultureInfo.InvariantCulture, $"        listen {options.Address}:{port}{listenFlags};");
        if (options.ListenIpv6Loopback)
        {
            c.AppendLine(CultureInfo.InvariantCulture, $"        listen [::1]:{port}{listenFlags};");
        }

        if (options.Tls)
        {
            c.AppendLine(CultureInfo.InvariantCulture, $"        ssl_certificate {dir}/cert.pem;");
            c.AppendLine(CultureInfo.InvariantCulture, $"        ssl_certificate_key {dir}/key.pem;");
            c.AppendLine(CultureInfo.InvariantCulture, $"        ssl_protocols {options.TlsProtocols};");
            c.AppendLine(CultureInfo.InvariantCulture, $"        ssl_session_tickets {(options.TlsSessionTickets ? "on" : "off")};");
            c.AppendLine(CultureInfo.InvariantCulture, $"        ssl_session_cache {(options.TlsSessionCache ? "shared:SSL:1m" : "off")};");
            c.AppendLine(CultureInfo.InvariantCulture, $"        ssl_ecdh_curve {options.TlsEcdhCurve ?? "auto"};");
        }

        c.AppendLine("        location / { default_type text/plain; return 200 \"hello\\n\"; }");
        c.AppendLine("        location = /close { keepalive_timeout 0; default_type text/plain; return 200 \"bye\\n\"; }");
        c.AppendLine(CultureInfo.InvariantCulture, $"        location = /big {{ alias {dir}/www/big.bin; }}");
        c.AppendLine(CultureInfo.InvariantCulture, $"        location = /hello.txt {{ default_type text/plain; alias {dir}/www/hello.txt; }}");
        c.AppendLine("        location = /empty { return 204; }");
        c.AppendLine("    }");
        c.AppendLine("}");
        return c.ToString();
    }

    private static void MakeCertificate(string dir)
    {
        string openssl = Require.Tool("openssl", "openssl");
        ProcessResult result = ProcessRunner.Run(
            openssl,
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", Path.Combine(dir, "key.pem"), "-out", Path.Combine(dir, "cert.pem"),
            ],
            TimeSpan.FromSeconds(30));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe("openssl req"));
        }
    }

    private static byte[] MakeBody(int length)
    {
        // Printable and not all one byte, so a hexdump of a capture shows where in the body a segment is.
        var body = new byte[length];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)('a' + (i % 26));
        }

        return body;
    }
}
