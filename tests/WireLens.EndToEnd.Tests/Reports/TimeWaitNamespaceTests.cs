using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Groups;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.EndToEnd.Tests.Reports;

/// <summary>
/// WireLens's TIME_WAIT counts at the capture's end against the kernel's own: `ss -Htan state time-wait` in each
/// network namespace, sampled right after the capture stops. A veth link between two fresh namespaces, not loopback,
/// so the sockets of the load are the only ones there and client and server keep separate socket tables.
/// </summary>
public sealed class TimeWaitNamespaceTests
{
    /// <summary>One curl process per connection, each bounded by --max-time; the whole loop by <see cref="s_loadTimeout"/>.</summary>
    private const int Connections = 250;

    /// <summary>Linux's TCP_TIMEWAIT_LEN, and WireLens's default --time-wait.</summary>
    private const double KernelTimeWaitSeconds = 60;

    // Keep-alive off from the client's side: a new curl process per request, which closes first when it exits
    // (nginx keeps an idle connection for 75 s). Tools that turn keep-alive off with `Connection: close` or HTTP/1.0
    // (ab, hey -disable-keepalive) make nginx close first instead: in a probe over this veth link, ab -n 100 left 100
    // TIME_WAIT sockets in the server's namespace. $4 = K > 0 sends every K-th request to /close, where nginx closes.
    private const string CurlLoop = """
        curl="$1"; base="$2"; n="$3"; k="$4"; i=0
        while [ "$i" -lt "$n" ]; do
            path=/
            if [ "$k" -gt 0 ] && [ $((i % k)) -eq 0 ]; then path=/close; fi
            "$curl" -s -o /dev/null --max-time 10 -w '%{http_code}\n' "$base$path" || exit 1
            i=$((i + 1))
        done
        """;

    // Well inside one TIME_WAIT length, so the sample after the load comes before any socket can have left TIME_WAIT
    // (see the guard in RunAsync). The loop took 4-7 s on two idle cores and 25 s with both cores kept busy.
    private static readonly TimeSpan s_loadTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TimeWaitClientAtEnd_ClientClosesEveryConnection_EqualsSsInClientNamespace()
    {
        // Arrange, Act
        LoadOutcome run = await RunAsync(closeEvery: 0);

        // Assert: tshark (not WireLens) shows the client's FIN first on every connection, so the kernel holds hundreds
        // of client sockets in TIME_WAIT and the comparison is never 0 == 0.
        Assert.Equal(Connections, run.Report.Connections);
        Assert.Equal(Connections, run.ClientFirstCloses);
        Assert.Equal(Connections, run.Report.TimeWaitClient);
        Assert.Equal(0, run.Report.TimeWaitServer);
        AssertSameSockets("client", run.Report.TimeWaitClientAtEnd, run.ClientSs, run.Records.Where(r => r.ClientTimeWaitTime is not null), run);
    }

    [Fact]
    public async Task TimeWaitAtEnd_EveryOtherRequestAsksNginxToClose_EqualsSsInBothNamespaces()
    {
        // Arrange, Act: requests to / are closed by curl; on /close nginx sends its FIN after the response, and curl
        // closes as soon as it has read the body, so either FIN can come first or the two cross (a simultaneous close,
        // which leaves both sockets in TIME_WAIT). Seen over this link: 132-142 of 250 closed by the client first; with both
        // cores kept busy 125 by each side, and 115 server sockets in TIME_WAIT, in ss as in WireLens.
        LoadOutcome run = await RunAsync(closeEvery: 2);

        // Assert: both sides hold many TIME_WAIT sockets, so both comparisons are between real counts.
        Assert.Equal(Connections, run.Report.Connections);
        Assert.True(run.ClientFirstCloses >= Connections / 2, $"only {run.ClientFirstCloses} connections closed by the client first");
        Assert.True(run.ServerFirstCloses > 0, "nginx closed no connection first");
        AssertSameSockets("client", run.Report.TimeWaitClientAtEnd, run.ClientSs, run.Records.Where(r => r.ClientTimeWaitTime is not null), run);
        AssertSameSockets("server", run.Report.TimeWaitServerAtEnd, run.ServerSs, run.Records.Where(r => r.ServerTimeWaitTime is not null), run);
    }

    /// <summary>
    /// Runs the curl loop from a fresh client namespace to nginx in a fresh server namespace while tcpdump captures on
    /// the client's veth, samples ss in both namespaces, and analyses the capture as `wirelens analyze --group-by none`.
    /// </summary>
    private static async Task<LoadOutcome> RunAsync(int closeEvery)
    {
        string ss = Require.Tool("ss", "iproute2");
        string sh = Require.Tool("sh", "dash");
        string curl = Require.Tool("curl", "curl");
        string dir = TestPaths.NewTempDirectory("wl-e2e");
        string capture = Path.Combine(dir, "timewait-netns.pcap");

        // Fresh namespaces: no socket of an earlier test can be in TIME_WAIT there.
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        await using NginxServer nginx = await NginxServer.StartAsync(
            new NginxOptions { Address = pair.ServerAddress, NetworkNamespace = pair.ServerNamespace });
        string server = string.Create(CultureInfo.InvariantCulture, $"{pair.ServerAddress}:{nginx.Port}");

        // A namespace has its own TCP sysctls. tcp_tw_reuse is 2 in a new one (reuse for loopback only), so over the
        // veth the kernel picks a port not in TIME_WAIT and no 4-tuple repeats; had one repeated, WireLens ends that
        // TIME_WAIT at the new SYN as the kernel does. Past tcp_max_tw_buckets the kernel keeps no TIME_WAIT socket at
        // all ("time wait bucket table overflow"), and ss would undercount.
        foreach (string netns in new[] { pair.ClientNamespace, pair.ServerNamespace })
        {
            int buckets = int.Parse(Sysctl(netns, "tcp_max_tw_buckets"), CultureInfo.InvariantCulture);
            Assert.True(buckets > Connections, $"tcp_max_tw_buckets is {buckets} in {netns}");
        }

        Assert.Empty(TimeWaitClientPorts(ss, pair.ClientNamespace, pair, server, atServer: false));
        Assert.Empty(TimeWaitClientPorts(ss, pair.ServerNamespace, pair, server, atServer: true));

        // Capture on the client's veth while the loop runs. StopAsync lets the last ACKs land, then tcpdump flushes
        // and exits; ss is sampled at once after it, with the wall clock noted around both samples.
        CaptureStatistics stats;
        await using (LoopbackCapture tcpdump = await LoopbackCapture.StartAsync(
            pair.ClientInterface, $"tcp port {nginx.Port}", capture, netns: pair.ClientNamespace))
        {
            ProcessResult load = NetNamespacePair.Exec(
                pair.ClientNamespace,
                sh,
                ["-c", CurlLoop, "curl-loop", curl, nginx.BaseUrl, Format(Connections), Format(closeEvery)],
                s_loadTimeout);
            Assert.True(load.Succeeded, load.Describe("curl loop"));
            Assert.Equal(Connections, load.StdOut.Split('\n').Count(line => line == "200"));
            stats = await tcpdump.StopAsync();
        }

        Timestamp sampleStart = Now();
        List<int> clientSs = TimeWaitClientPorts(ss, pair.ClientNamespace, pair, server, atServer: false);
        List<int> serverSs = TimeWaitClientPorts(ss, pair.ServerNamespace, pair, server, atServer: true);
        Timestamp sampleEnd = Now();
        Assert.True(stats.DroppedByKernel == 0, $"tcpdump dropped {stats.DroppedByKernel} packets: the capture is incomplete");

        (List<ConnectionRecord> records, var result) = WireLensAnalysis.Analyze(capture);
        var builder = new GroupReportBuilder(new ConnectionGrouping(GroupBy.None, () => new ToolAttributor()), new GroupReportOptions());
        foreach (ConnectionRecord record in records)
        {
            builder.OnConnection(record);
        }

        Timestamp lastPacket = result.LastPacket!.Value;
        GroupReport report = Assert.Single(builder.Build(lastPacket).Groups);
        (int clientFirst, int serverFirst) = FirstFins(capture, nginx.Port);
        Directory.Delete(dir, recursive: true);

        // WireLens counts at the capture's last packet; ss counts a moment later. The two agree only while no socket
        // has left TIME_WAIT in between, in the kernel or in WireLens: both keep one for 60 s from its entry (the
        // closing ACK), and nothing new happens after the load. So both samples must end before the earliest entry
        // + 60 s; 10 s of margin cover the kernel's timer slack and the few microseconds between the capture's view
        // of an ACK and the kernel's.
        Timestamp firstEntry = records
            .SelectMany(r => new[] { r.ClientTimeWaitTime, r.ServerTimeWaitTime })
            .Where(t => t is not null)
            .Min(t => t!.Value);
        Assert.True(sampleStart >= lastPacket, "ss sampled before the capture's last packet");
        Assert.True(
            sampleEnd.SecondsSince(firstEntry) < KernelTimeWaitSeconds - 10,
            $"ss sampled {sampleEnd.SecondsSince(firstEntry):F1} s after the first TIME_WAIT began: sockets may have expired");

        string timing = string.Create(
            CultureInfo.InvariantCulture,
            $"load {lastPacket.SecondsSince(result.FirstPacket!.Value):F2} s, ss {sampleStart.SecondsSince(lastPacket):F2}-{sampleEnd.SecondsSince(lastPacket):F2} s after the last packet");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{report.Connections} connections, first FIN client {clientFirst} server {serverFirst}; TIME_WAIT at end: "
            + $"client WireLens {report.TimeWaitClientAtEnd} ss {clientSs.Count}, server WireLens {report.TimeWaitServerAtEnd} ss {serverSs.Count}; {timing}");
        return new LoadOutcome(report, records, clientSs, serverSs, clientFirst, serverFirst, timing);
    }

    private static void AssertSameSockets(string side, long wireLensAtEnd, List<int> ssPorts, IEnumerable<ConnectionRecord> enteredTimeWait, LoadOutcome run)
    {
        // On a mismatch, name the client ports on either side only (the capture's list is every socket that entered
        // TIME_WAIT; the guard in RunAsync makes sure none of them can have left it yet).
        List<int> capturePorts = [.. enteredTimeWait.Select(r => (int)r.ClientPort)];
        Assert.True(
            wireLensAtEnd == ssPorts.Count,
            $"{side} sockets in TIME_WAIT: WireLens {wireLensAtEnd}, ss {ssPorts.Count} ({run.Timing}); "
            + $"only in ss: [{string.Join(' ', ssPorts.Except(capturePorts))}], only in the capture: [{string.Join(' ', capturePorts.Except(ssPorts))}]");
    }

    /// <summary>
    /// The client ports of the TIME_WAIT sockets ss lists in <paramref name="netns"/> for connections to
    /// <paramref name="server"/>: filtered by `dst` in the client namespace, by `src` in the server's.
    /// </summary>
    private static List<int> TimeWaitClientPorts(string ss, string netns, NetNamespacePair pair, string server, bool atServer)
    {
        ProcessResult result = NetNamespacePair.Exec(netns, ss, "-Htan", "state", "time-wait", atServer ? "src" : "dst", server);
        Assert.True(result.Succeeded, result.Describe("ss in " + netns));

        // With a state filter ss leaves out the State column: Recv-Q Send-Q Local:Port Peer:Port.
        var ports = new List<int>();
        foreach (string line in result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(columns.Length == 4, $"unexpected ss line: {line}");
            Assert.Equal(server, columns[atServer ? 2 : 3]);
            string client = columns[atServer ? 3 : 2];
            int colon = client.LastIndexOf(':');
            Assert.Equal(pair.ClientAddress, client[..colon]);
            ports.Add(int.Parse(client[(colon + 1)..], CultureInfo.InvariantCulture));
        }

        return ports;
    }

    /// <summary>How many connections (tcp.stream) tshark shows with the client's, and with the server's, FIN first.</summary>
    private static (int Client, int Server) FirstFins(string capture, int serverPort)
    {
        IReadOnlyList<string[]> fins = TShark.Fields(
            capture, ["tcp.stream", "tcp.srcport"], new TsharkOptions { DisplayFilter = "tcp.flags.fin == 1" });
        string port = Format(serverPort);
        List<bool> serverFirst = [.. fins.GroupBy(row => row[0], StringComparer.Ordinal).Select(stream => stream.First()[1] == port)];
        return (serverFirst.Count(s => !s), serverFirst.Count(s => s));
    }

    /// <summary>A value under /proc/sys/net/ipv4 as a process inside <paramref name="netns"/> sees it.</summary>
    private static string Sysctl(string netns, string name)
    {
        ProcessResult result = NetNamespacePair.Exec(netns, Require.Tool("cat", "coreutils"), "/proc/sys/net/ipv4/" + name);
        Assert.True(result.Succeeded, result.Describe("cat " + name));
        return result.StdOut.Trim();
    }

    /// <summary>The host's wall clock, the clock tcpdump stamps packets with.</summary>
    private static Timestamp Now() => new((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record LoadOutcome(
        GroupReport Report,
        List<ConnectionRecord> Records,
        List<int> ClientSs,
        List<int> ServerSs,
        int ClientFirstCloses,
        int ServerFirstCloses,
        string Timing);
}
