using System.Globalization;
using System.Net;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.EndToEnd.Tests.Tls;
using WireLens.Load;
using WireLens.Load.Builtin;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Load;

/// <summary>
/// The built-in generator against nginx on loopback while tcpdump captures the port. tshark first shows that each
/// capture holds what the profile is for (connections, requests per connection, TLS handshakes full or resumed, ALPN,
/// h2c), then the generator's own summary must match it: its connection count (from ConnectCallback) is tshark's
/// number of TCP streams.
/// </summary>
public sealed class BuiltinGeneratorTests
{
    [Fact]
    public async Task KeepAlive_C4N200_FourConnectionsCarryAllRequests()
    {
        // Arrange + Act
        (BuiltinSummary summary, string capture, int port) = await RunAsync(new NginxOptions(), "http", new LoadOptions
        {
            Target = Placeholder, Profile = BuiltinProfiles.KeepAlive, Connections = 4, Requests = 200,
        });

        // Assert: the capture shows 4 connections and 200 requests, spread over all four.
        Dictionary<long, int> perStream = HttpRequestsPerStream(capture, port);
        Assert.Equal(4, Streams(capture).Count);
        Assert.Equal(200, perStream.Values.Sum());
        Assert.Equal(4, perStream.Count);
        Assert.All(perStream.Values, n => Assert.True(n > 1, $"a connection carried {n} requests"));

        Assert.Equal("builtin:keepalive", summary.Label);
        Assert.Equal(200, summary.Requests);
        Assert.Equal(200, summary.Ok);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(4, summary.Connections);
        Assert.True(summary.P50Ms > 0 && summary.P50Ms <= summary.P99Ms && summary.P99Ms <= summary.MaxMs, BuiltinSummaryLine.Format(summary));
        Assert.True(summary.RequestsPerSecond > 0);
    }

    [Fact]
    public async Task MaxConnectionsPerServer2_EightWorkers_OnlyTwoConnectionsOnTheWire()
    {
        // Arrange + Act: the pool caps what eight workers can open; the other requests wait for a free connection.
        (BuiltinSummary summary, string capture, int port) = await RunAsync(new NginxOptions(), "http", new LoadOptions
        {
            Target = Placeholder, Connections = 8, Requests = 100, MaxConnectionsPerServer = 2,
        });

        // Assert
        Assert.Equal(2, Streams(capture).Count);
        Assert.Equal(100, HttpRequestsPerStream(capture, port).Values.Sum());
        Assert.Equal(100, summary.Requests);
        Assert.Equal(2, summary.Connections);
    }

    [Fact]
    public async Task Close_N50_OneConnectionPerRequestEachSayingClose()
    {
        // Arrange + Act
        (BuiltinSummary summary, string capture, int port) = await RunAsync(new NginxOptions(), "http", new LoadOptions
        {
            Target = Placeholder, Profile = BuiltinProfiles.Close, Connections = 2, Requests = 50,
        });

        // Assert: 50 streams with one request each, every request with `Connection: close` and the WireLens User-Agent.
        Dictionary<long, int> perStream = HttpRequestsPerStream(capture, port);
        Assert.Equal(50, Streams(capture).Count);
        Assert.Equal(50, perStream.Count);
        Assert.All(perStream.Values, n => Assert.Equal(1, n));
        IReadOnlyList<string[]> headers = TShark.Fields(
            capture, ["http.connection", "http.user_agent"], new TsharkOptions { HttpPorts = [port], DisplayFilter = "http.request" });
        Assert.All(headers, h => Assert.Equal("close", h[0]));
        Assert.All(headers, h => Assert.StartsWith("WireLens/", h[1], StringComparison.Ordinal));

        Assert.Equal(50, summary.Requests);
        Assert.Equal(50, summary.Connections);
        Assert.Equal(0, summary.Errors);
    }

    [Theory]
    [InlineData("TLSv1.2")]
    [InlineData("TLSv1.3")]
    public async Task TlsFull_N20_TwentyConnectionsAllFullHandshakes(string protocol)
    {
        // Arrange: a host name target, so that resumption would be possible; the profile must not offer it.
        (BuiltinSummary summary, string capture, int port) = await RunAsync(
            new NginxOptions { Tls = true, TlsProtocols = protocol }, "https", new LoadOptions
            {
                Target = Placeholder, Profile = BuiltinProfiles.TlsFull, Connections = 1, Requests = 20, Insecure = true,
            });

        // Assert: 20 handshakes, none resumed nor offering a session: TLS 1.2 sends the certificate every time, TLS 1.3
        // never sees pre_shared_key in either hello.
        IReadOnlyDictionary<long, OracleTlsConnection> tls = TlsScenario.ReadOracle(capture, port);
        Assert.Equal(20, Streams(capture).Count);
        Assert.Equal(20, tls.Count);
        Assert.All(tls.Values, o => Assert.False(o.Resumed, TlsScenario.Describe(o)));
        Assert.All(tls.Values, o => Assert.Equal(0, o.FirstClientHello!.PskIdentities));
        Assert.All(tls.Values, o => Assert.Equal("localhost", o.FirstClientHello!.ServerName));
        if (protocol == "TLSv1.2")
        {
            Assert.All(tls.Values, o => Assert.True(o.ServerCertificateSeen, TlsScenario.Describe(o)));
            Assert.All(tls.Values, o => Assert.False(o.FirstClientHello!.TicketLength > 0, TlsScenario.Describe(o)));
        }
        else
        {
            Assert.All(tls.Values, o => Assert.DoesNotContain(OracleTlsConnection.PreSharedKeyExtension, o.ServerHello!.Extensions));
        }

        Assert.Equal(20, summary.Requests);
        Assert.Equal(20, summary.Connections);
        Assert.Equal(0, summary.Errors);
    }

    [Theory]
    [InlineData("TLSv1.2")]
    [InlineData("TLSv1.3")]
    public async Task TlsResumed_N20_TwentyConnectionsAllButTheFirstResumed(string protocol)
    {
        // Arrange
        (BuiltinSummary summary, string capture, int port) = await RunAsync(
            new NginxOptions { Tls = true, TlsProtocols = protocol }, "https", new LoadOptions
            {
                Target = Placeholder, Profile = BuiltinProfiles.TlsResumed, Connections = 1, Requests = 20, Insecure = true,
            });

        // Assert: one full handshake, then each new connection resumes: TLS 1.3 by the ServerHello's pre_shared_key,
        // TLS 1.2 by an abbreviated handshake (session id echoed or ticket accepted, no Certificate).
        IReadOnlyDictionary<long, OracleTlsConnection> tls = TlsScenario.ReadOracle(capture, port);
        Assert.Equal(20, Streams(capture).Count);
        Assert.Equal(20, tls.Count);
        OracleTlsConnection[] ordered = [.. tls.Values.OrderBy(o => o.Stream)];
        Assert.False(ordered[0].Resumed);
        Assert.True(ordered.Count(o => o.Resumed == true) >= 19, string.Join('\n', ordered.Select(TlsScenario.Describe)));
        if (protocol == "TLSv1.2")
        {
            Assert.All(ordered.Where(o => o.Resumed == true), o => Assert.False(o.ServerCertificateSeen));
        }
        else
        {
            Assert.All(ordered.Where(o => o.Resumed == true), o => Assert.True(o.PskAccepted));
        }

        Assert.Equal(20, summary.Requests);
        Assert.Equal(20, summary.Connections);
    }

    [Fact]
    public async Task H2OverTls_C3_AlpnH2OnExactlyThreeConnections()
    {
        // Arrange + Act: TLS 1.2, whose ServerHello shows the protocol chosen (TLS 1.3 encrypts it in EncryptedExtensions).
        (BuiltinSummary summary, string capture, int port) = await RunAsync(
            new NginxOptions { Tls = true, TlsHttp2 = true, TlsProtocols = "TLSv1.2" }, "https", new LoadOptions
            {
                Target = Placeholder, Profile = BuiltinProfiles.H2, Connections = 3, Requests = 90, Insecure = true,
            });

        // Assert: the client offered only h2 and the server chose it, on three connections.
        IReadOnlyDictionary<long, OracleTlsConnection> tls = TlsScenario.ReadOracle(capture, port);
        Assert.Equal(3, Streams(capture).Count);
        Assert.Equal(3, tls.Count);
        Assert.All(tls.Values, o => Assert.Equal(["h2"], o.FirstClientHello!.AlpnOffered));
        Assert.All(tls.Values, o => Assert.Equal("h2", o.ServerHello!.AlpnSelected));

        Assert.Equal(90, summary.Requests);
        Assert.Equal(3, summary.Connections);
        Assert.Equal(0, summary.Errors);
    }

    [Fact]
    public async Task H2c_PriorKnowledge_C2_AllRequestsAsHttp2OnTwoConnections()
    {
        // Arrange + Act
        (BuiltinSummary summary, string capture, int port) = await RunAsync(
            new NginxOptions { Http2Cleartext = true }, "http", new LoadOptions
            {
                Target = Placeholder, Profile = BuiltinProfiles.H2, Connections = 2, Requests = 40,
            });

        // Assert: each connection starts with the HTTP/2 preface (no Upgrade), then 40 HEADERS frames from the client.
        var options = new TsharkOptions { Http2Ports = [port] };
        Assert.Equal(2, Streams(capture).Count);
        Assert.Equal(2, TShark.Count(capture, "http2.magic", options));
        Assert.Equal(0, TShark.Count(capture, "http.request", new TsharkOptions { HttpPorts = [port] }));
        int headers = TShark.Fields(capture, ["http2.type"], options with { DisplayFilter = $"tcp.dstport == {port} && http2" })
            .Sum(row => row[0].Split(',').Count(t => t == "1"));
        Assert.Equal(40, headers);

        Assert.Equal(40, summary.Requests);
        Assert.Equal(2, summary.Connections);
    }

    [Fact]
    public async Task OpenModel_Rate100For1Second_AboutHundredRequestsOnSchedule()
    {
        // Arrange + Act
        (BuiltinSummary summary, string capture, int port) = await RunAsync(new NginxOptions(), "http", new LoadOptions
        {
            Target = Placeholder, Connections = 20, Rate = 100, Duration = TimeSpan.FromSeconds(1),
        });

        // Assert: 100 requests were due in the second; each was either sent or counted as dropped, and the capture
        // holds every one that was sent, spread over the second rather than in a burst.
        IReadOnlyList<string[]> requests = TShark.Fields(capture, ["frame.time_epoch"], new TsharkOptions { HttpPorts = [port], DisplayFilter = "http.request" });
        Assert.Equal(100, summary.Requests + summary.Errors + summary.Dropped);
        Assert.InRange(summary.Requests, 90, 100);
        Assert.Equal(summary.Requests, requests.Count);
        double[] times = [.. requests.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).Order()];
        Assert.InRange(times[^1] - times[0], 0.85, 1.2);
        Assert.InRange(summary.ElapsedSeconds, 0.95, 2);
        Assert.Equal(Streams(capture).Count, summary.Connections);
    }

    /// <summary>Stands for the nginx URL until the server is started; <see cref="RunAsync"/> replaces it.</summary>
    private static Uri Placeholder { get; } = new("http://placeholder.invalid/");

    /// <summary>
    /// Starts nginx, captures its port and runs the generator in this process with <paramref name="options"/>, its target
    /// replaced by nginx's URL (by host name for https, so that TLS resumption is possible).
    /// </summary>
    internal static async Task<(BuiltinSummary Summary, string Capture, int Port)> RunAsync(NginxOptions nginx, string scheme, LoadOptions options)
    {
        Require.Root();
        BuiltinSummary? summary = null;
        bool localhostIsIpv6 = (await Dns.GetHostAddressesAsync("localhost")).Contains(IPAddress.IPv6Loopback);
        (string capture, int port) = await LoopbackLoad.CaptureAsync(
            async server =>
            {
                string host = scheme == "https" ? "localhost" : server.Address;
                Assert.True(BuiltinProfiles.TryResolve(
                    options with { Target = new Uri($"{scheme}://{host}:{server.Port.ToString(CultureInfo.InvariantCulture)}/") },
                    out BuiltinSettings? settings,
                    out string problem), problem);
                using var generator = new BuiltinGenerator(settings!);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                summary = await generator.RunAsync(cts.Token);
                TestContext.Current.TestOutputHelper?.WriteLine(BuiltinSummaryLine.Format(summary));
                foreach ((string kind, string message) in generator.FirstErrors)
                {
                    TestContext.Current.TestOutputHelper?.WriteLine($"first {kind} error: {message}");
                }
            },
            nginx with { ListenIpv6Loopback = localhostIsIpv6 && scheme == "https" });
        Assert.NotNull(summary);
        Assert.False(summary.Interrupted);

        // The generator's own count (ConnectCallback) is the number of TCP connections on the wire.
        Assert.Equal(Streams(capture).Count, summary.Connections);
        return (summary, capture, port);
    }

    /// <summary>The tcp.stream numbers of the connections the capture saw opened (a SYN without ACK).</summary>
    internal static HashSet<long> Streams(string capture) =>
        [.. TShark.Fields(capture, ["tcp.stream"], new TsharkOptions { DisplayFilter = "tcp.flags.syn == 1 && tcp.flags.ack == 0" })
            .Select(r => long.Parse(r[0], CultureInfo.InvariantCulture))];

    private static Dictionary<long, int> HttpRequestsPerStream(string capture, int port) =>
        TShark.Fields(capture, ["tcp.stream"], new TsharkOptions { HttpPorts = [port], DisplayFilter = "http.request" })
            .GroupBy(r => long.Parse(r[0], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());
}
