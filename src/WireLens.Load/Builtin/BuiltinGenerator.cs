using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;

namespace WireLens.Load.Builtin;

/// <summary>
/// The built-in load generator (docs/builtin.md): GET requests to one URL through SocketsHttpHandler, in a closed loop
/// (workers sending back to back, like wrk and hey) or an open model (a constant rate, like vegeta). Every TCP
/// connection is opened by <see cref="ConnectAsync"/>, which counts it, so the summary's connection count is exact.
/// Latency is measured with the monotonic timestamp of the <see cref="TimeProvider"/> (Stopwatch by default), from
/// handing the request to the handler to reading the last byte of the response body.
/// </summary>
public sealed partial class BuiltinGenerator : IDisposable
{
    private readonly BuiltinSettings _settings;
    private readonly TimeProvider _time;
    private readonly HttpMessageInvoker[] _pools;
    private readonly LatencyHistogram _latency = new();
    private readonly string _userAgent;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _firstErrors = new(StringComparer.Ordinal);
    private long _ok;
    private long _status;
    private long _connectErrors;
    private long _timeouts;
    private long _otherErrors;
    private long _cancelled;
    private long _dropped;
    private long _late;
    private long _connections;
    private long _connectFailures;
    private long _issued;
    private long _nextPool;

    public BuiltinGenerator(BuiltinSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        _settings = settings;
        _time = time ?? TimeProvider.System;
        _userAgent = "WireLens/" + Version.Split('+')[0];

        // HTTP/1.1 shares one pool between the workers: at most one request per connection at a time, so the pool opens
        // as many connections as requests are in flight (capped by MaxConnectionsPerServer, the pitfall it models; by
        // default the in-flight bound itself, see BuiltinSettings.PoolConnectionLimit).
        // HTTP/2 multiplexes every request of a pool on one connection, so -c pools give -c connections.
        _pools = new HttpMessageInvoker[settings.Pools];
        for (int i = 0; i < _pools.Length; i++)
        {
            _pools[i] = new HttpMessageInvoker(CreateHandler(), disposeHandler: true);
        }
    }

    /// <summary>WireLens's informational version, as the User-Agent and the manifest give it.</summary>
    public static string Version { get; } =
        typeof(BuiltinGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The User-Agent sent with every request (<c>WireLens/VERSION</c>, which attribution names <c>builtin</c>).</summary>
    public string UserAgent => _userAgent;

    /// <summary>TCP connections established so far.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connections);

    /// <summary>The first error message of each kind (connect, timeout, status, other), to show with the summary.</summary>
    public IReadOnlyDictionary<string, string> FirstErrors
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_firstErrors, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Runs the load to its end (request count or duration) or until <paramref name="cancellationToken"/> is cancelled,
    /// which cancels the requests in flight; either way it returns the summary and never throws for a request's failure.
    /// </summary>
    public async Task<BuiltinSummary> RunAsync(CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        if (_settings.Rate is { } rate)
        {
            await OpenModelAsync(rate, start, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ClosedLoopAsync(start, cancellationToken).ConfigureAwait(false);
        }

        return Summarize(_time.GetElapsedTime(start), cancellationToken.IsCancellationRequested);
    }

    public void Dispose()
    {
        foreach (HttpMessageInvoker pool in _pools)
        {
            pool.Dispose();
        }
    }

    private SocketsHttpHandler CreateHandler()
    {
        var ssl = new SslClientAuthenticationOptions
        {
            // On Linux a client offers resumption (a TLS 1.2 session id or ticket, a TLS 1.3 PSK) from OpenSSL's
            // session cache kept by .NET per target host; false neither offers a cached session nor stores new ones.
            AllowTlsResume = _settings.TlsResume,
        };
        if (_settings.Insecure)
        {
            // --insecure asks for exactly this: load tests of targets with self-signed certificates.
#pragma warning disable CA5359 // Do not disable certificate validation
            ssl.RemoteCertificateValidationCallback = AcceptAnyCertificate;
#pragma warning restore CA5359
        }

        return new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            ConnectTimeout = _settings.ConnectTimeout,
            MaxConnectionsPerServer = _settings.PoolConnectionLimit,
            PooledConnectionIdleTimeout = _settings.PooledConnectionIdleTimeout ?? TimeSpan.FromMinutes(1),
            PooledConnectionLifetime = _settings.PooledConnectionLifetime ?? Timeout.InfiniteTimeSpan,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            EnableMultipleHttp2Connections = false,
            SslOptions = ssl,
        };
    }

    /// <summary>
    /// Opens every connection the handler uses (SocketsHttpHandler.ConnectCallback), as the default one does (dual-mode
    /// socket, Nagle off), and counts it once established. TLS, when needed, is layered on the returned stream by the
    /// handler.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // "localhost" is tried as 127.0.0.1 first, then ::1: resolvers that list ::1 first would otherwise make every
        // connection to an IPv4-only local server (the embedded target) start with a refused IPv6 attempt, which the
        // capture would show as a refused connection. Other names connect as the default callback does.
        DnsEndPoint target = context.DnsEndPoint;
        EndPoint[] candidates = IsLocalhost(target.Host)
            ? [new IPEndPoint(IPAddress.Loopback, target.Port), new IPEndPoint(IPAddress.IPv6Loopback, target.Port)]
            : [target];
        for (int i = 0; ; i++)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(candidates[i], cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _connections);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (i + 1 < candidates.Length)
            {
                socket.Dispose();
            }
            catch (SocketException)
            {
                Interlocked.Increment(ref _connectFailures);
                socket.Dispose();
                throw;
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _connectFailures);
                socket.Dispose();
                throw;
            }
        }
    }

    private static bool IsLocalhost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static bool AcceptAnyCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;

    private HttpMessageInvoker NextPool() =>
        _pools.Length == 1 ? _pools[0] : _pools[(int)((ulong)Interlocked.Increment(ref _nextPool) % (ulong)_pools.Length)];

    private BuiltinSummary Summarize(TimeSpan elapsed, bool interrupted)
    {
        double seconds = elapsed.TotalSeconds;
        long ok = Interlocked.Read(ref _ok);
        long status = Interlocked.Read(ref _status);
        long requests = ok + status;
        return new BuiltinSummary
        {
            Label = _settings.Label,
            Requests = requests,
            Ok = ok,
            ConnectErrors = Interlocked.Read(ref _connectErrors),
            TimeoutErrors = Interlocked.Read(ref _timeouts),
            StatusErrors = status,
            OtherErrors = Interlocked.Read(ref _otherErrors),
            Cancelled = Interlocked.Read(ref _cancelled),
            Dropped = Interlocked.Read(ref _dropped),
            Late = Interlocked.Read(ref _late),
            Connections = Interlocked.Read(ref _connections),
            ConnectFailures = Interlocked.Read(ref _connectFailures),
            ElapsedSeconds = Math.Round(seconds, 6),
            RequestsPerSecond = seconds > 0 ? Math.Round(requests / seconds, 3) : 0,
            P50Ms = BuiltinSummaryLine.Milliseconds(_latency.Percentile(50)),
            P90Ms = BuiltinSummaryLine.Milliseconds(_latency.Percentile(90)),
            P99Ms = BuiltinSummaryLine.Milliseconds(_latency.Percentile(99)),
            MeanMs = Math.Round(_latency.Mean / 1000.0, 3),
            MaxMs = BuiltinSummaryLine.Milliseconds(_latency.Max),
            Interrupted = interrupted,
        };
    }

    private void NoteError(string kind, ref long counter, string message)
    {
        Interlocked.Increment(ref counter);
        lock (_gate)
        {
            _firstErrors.TryAdd(kind, message);
        }
    }

    [Conditional("DEBUG")]
    private void AssertIssuedWithinBound() =>
        Debug.Assert(_settings.Requests is not { } n || Interlocked.Read(ref _issued) <= n + _settings.InFlight, "workers stop at the request count");
}
