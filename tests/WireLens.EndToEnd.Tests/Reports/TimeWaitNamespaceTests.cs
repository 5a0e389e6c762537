using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Groups;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.EndToEnd.Tests.Reports;

/// <summary>
/// WireLens's client-side TIME_WAIT count at the capture's end against the kernel's own: `ss -Htan state time-wait`
/// in the client's network namespace, sampled right after the capture stops. A veth link between two fresh
/// namespaces, not loopback, so the client's sockets are the only ones in its namespace and the link is a real one.
/// </summary>
public sealed class TimeWaitNamespaceTests
{
    /// <summary>One curl process per connection: each closes first when it exits, so every TIME_WAIT is the client's.</summary>
    private const int Connections = 250;

    /// <summary>Linux's TCP_TIMEWAIT_LEN, and WireLens's default --time-wait.</summary>
    private const double KernelTimeWaitSeconds = 60;

    // Keep-alive off from the client's side: a new curl process per request. Tools that turn keep-alive off with
    // `Connection: close` or HTTP/1.0 (ab, hey -disable-keepalive) make nginx close first, and the TIME_WAIT lands
    // on the server: in a probe over this veth link, ab -n 100 left 100 TIME_WAIT sockets in the server's namespace.
    private const string CurlLoop = """
        curl="$1"; url="$2"; n="$3"; i=0
        while [ "$i" -lt "$n" ]; do
            "$curl" -s -o /dev/null --max-time 10 -w '%{http_code}\n' "$url" || exit 1
            i=$((i + 1))
        done
        """;

    [Fact]
    public async Task TimeWaitClientAtEnd_CurlLoopOverVeth_EqualsSsInClientNamespace()
    {
        // Arrange: fresh namespaces, so no socket of an earlier test can be in TIME_WAIT there.
        string ss = Require.Tool("ss", "iproute2");
        string sh = Require.Tool("sh", "dash");
        string curl = Require.Tool("curl", "curl");
        string capture = Path.Combine(TestPaths.NewTempDirectory("wl-e2e"), "timewait-netns.pcap");
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        await using NginxServer nginx = await NginxServer.StartAsync(
            new NginxOptions { Address = pair.ServerAddress, NetworkNamespace = pair.ServerNamespace });
        string peer = string.Create(CultureInfo.InvariantCulture, $"{pair.ServerAddress}:{nginx.Port}");

        // A namespace has its own TCP sysctls. tcp_tw_reuse is 2 in a new one (reuse for loopback only), so over the
        // veth the kernel picks a port not in TIME_WAIT and no 4-tuple repeats; had one repeated, WireLens ends that
        // TIME_WAIT at the new SYN as the kernel does. Past tcp_max_tw_buckets the kernel keeps no TIME_WAIT socket at
        // all ("time wait bucket table overflow"), which would make ss undercount.
        int maxTimeWaitBuckets = int.Parse(Sysctl(pair.ClientNamespace, "tcp_max_tw_buckets"), CultureInfo.InvariantCulture);
        Assert.True(maxTimeWaitBuckets > Connections, $"tcp_max_tw_buckets is {maxTimeWaitBuckets} in {pair.ClientNamespace}");
        Assert.Empty(TimeWaitClientPorts(ss, pair, peer));

        // Act: capture on the client's veth while the loop runs; stop the capture (StopAsync lets the last ACKs land,
        // then tcpdump flushes and exits) and sample ss at once, noting the wall clock around the sample.
        CaptureStatistics stats;
        await using (LoopbackCapture tcpdump = await LoopbackCapture.StartAsync(
            pair.ClientInterface, $"tcp port {nginx.Port}", capture, netns: pair.ClientNamespace))
        {
            ProcessResult load = NetNamespacePair.Exec(
                pair.ClientNamespace,
                sh,
                ["-c", CurlLoop, "curl-loop", curl, nginx.BaseUrl + "/", Connections.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(120));
            Assert.True(load.Succeeded, load.Describe("curl loop"));
            Assert.Equal(Connections, load.StdOut.Split('\n').Count(line => line == "200"));
            stats = await tcpdump.StopAsync();
        }

        Timestamp sampleStart = Now();
        List<int> kernelPorts = TimeWaitClientPorts(ss, pair, peer);
        Timestamp sampleEnd = Now();

        (List<ConnectionRecord> records, var result) = WireLensAnalysis.Analyze(capture);
        var builder = new GroupReportBuilder(
            new ConnectionGrouping(GroupBy.None, () => new ToolAttributor()), new GroupReportOptions());
        foreach (ConnectionRecord record in records)
        {
            builder.OnConnection(record);
        }

        GroupReport report = Assert.Single(builder.Build(result.LastPacket).Groups);

        // Assert: the capture is complete and shows every connection closed by the client first (tshark, not WireLens),
        // so the comparison below is between hundreds of sockets, never 0 == 0.
        Assert.True(stats.DroppedByKernel == 0, $"tcpdump dropped {stats.DroppedByKernel} packets");
        Assert.Equal(Connections, ClientFirstCloses(capture, nginx.Port));
        Assert.Equal(Connections, report.Connections);
        Assert.Equal(Connections, report.TimeWaitClient);
        Assert.Equal(0, report.TimeWaitServer);

        // The count at the capture's end is the count at the sample only while no socket has left TIME_WAIT, in the
        // kernel or in WireLens: both hold one for 60 s from the client's last ACK, so the whole sample must come
        // before the earliest entry + 60 s. A margin of 10 s covers the kernel's timer slack and any clock step.
        Timestamp firstEntry = records.Where(r => r.ClientTimeWaitTime is not null).Min(r => r.ClientTimeWaitTime!.Value);
        Assert.True(
            sampleEnd.SecondsSince(firstEntry) < KernelTimeWaitSeconds - 10,
            $"ss sampled {sampleEnd.SecondsSince(firstEntry):F1} s after the first TIME_WAIT began: sockets may have expired");
        Assert.True(sampleStart >= result.LastPacket!.Value, "ss sampled before the capture's last packet");

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"connections {report.Connections}, client TIME_WAIT at end: WireLens {report.TimeWaitClientAtEnd}, ss {kernelPorts.Count}; "
            + $"load {result.LastPacket.Value.SecondsSince(result.FirstPacket!.Value):F2} s, "
            + $"ss {sampleStart.SecondsSince(result.LastPacket.Value):F2}-{sampleEnd.SecondsSince(result.LastPacket.Value):F2} s after the last packet");
        List<int> wireLensPorts = [.. records.Where(r => r.TimeWaitSide == Side.Client).Select(r => (int)r.ClientPort)];
        Assert.True(
            report.TimeWaitClientAtEnd == kernelPorts.Count,
            $"WireLens {report.TimeWaitClientAtEnd} vs ss {kernelPorts.Count} client sockets in TIME_WAIT "
            + $"({sampleStart.SecondsSince(result.LastPacket.Value):F2} s after the last packet); "
            + $"only in ss: [{string.Join(' ', kernelPorts.Except(wireLensPorts))}], "
            + $"only in the capture: [{string.Join(' ', wireLensPorts.Except(kernelPorts))}]");
        File.Delete(capture);
    }

    /// <summary>The client ports of the sockets ss lists in TIME_WAIT toward <paramref name="peer"/> in the client namespace.</summary>
    private static List<int> TimeWaitClientPorts(string ss, NetNamespacePair pair, string peer)
    {
        ProcessResult result = NetNamespacePair.Exec(pair.ClientNamespace, ss, "-Htan", "state", "time-wait", "dst", peer);
        Assert.True(result.Succeeded, result.Describe("ss"));

        // With a state filter ss leaves out the State column: Recv-Q Send-Q Local:Port Peer:Port.
        var ports = new List<int>();
        foreach (string line in result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(columns.Length == 4, $"unexpected ss line: {line}");
            Assert.Equal(peer, columns[3]);
            int colon = columns[2].LastIndexOf(':');
            Assert.Equal(pair.ClientAddress, columns[2][..colon]);
            ports.Add(int.Parse(columns[2][(colon + 1)..], CultureInfo.InvariantCulture));
        }

        return ports;
    }

    /// <summary>Connections (tcp.stream) whose first FIN in the capture came from the client, not from <paramref name="serverPort"/>.</summary>
    private static int ClientFirstCloses(string capture, int serverPort)
    {
        IReadOnlyList<string[]> fins = TShark.Fields(
            capture, ["tcp.stream", "tcp.srcport"], new TsharkOptions { DisplayFilter = "tcp.flags.fin == 1" });
        string server = serverPort.ToString(CultureInfo.InvariantCulture);
        return fins.GroupBy(row => row[0], StringComparer.Ordinal).Count(stream => stream.First()[1] != server);
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
}
