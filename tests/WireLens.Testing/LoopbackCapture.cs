using System.Globalization;
using System.Text.RegularExpressions;

namespace WireLens.Testing;

/// <summary>
/// A tcpdump writing a capture file while a test drives real traffic. <see cref="StartAsync"/> returns once
/// tcpdump says "listening on", <see cref="StopAsync"/> lets the last packets land, sends SIGINT and waits, so the file
/// is complete. Disposing without stopping kills tcpdump.
/// </summary>
public sealed partial class LoopbackCapture : IAsyncDisposable
{
    /// <summary>How long the kernel gets after the load ends before tcpdump is stopped.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);

    private static readonly TimeSpan s_listenTimeout = TimeSpan.FromSeconds(10);

    private readonly RunningProcess _process;
    private CaptureStatistics? _statistics;

    private LoopbackCapture(RunningProcess process, string outputPath)
    {
        _process = process;
        OutputPath = outputPath;
    }

    /// <summary>The pcap file being written.</summary>
    public string OutputPath { get; }

    /// <summary>tcpdump's standard error (its "listening on ..." line tells the link type).</summary>
    public string StdErr => _process.StdErr;

    /// <summary>
    /// Starts `tcpdump -i IFACE -w FILE -U --immediate-mode -s SNAPLEN -n -Z root [-y LINKTYPE] FILTER`, inside <paramref name="netns"/> when given.
    /// </summary>
    /// <param name="iface">"lo" (Ethernet frames with zero MACs), "any" (Linux cooked) or a namespace's veth.</param>
    /// <param name="bpfFilter">A pcap filter such as "tcp port 8080"; empty for everything.</param>
    /// <param name="outputPath">The pcap file to write; its folder must exist.</param>
    /// <param name="netns">A network namespace to capture in (`ip netns exec NAME tcpdump ...`).</param>
    /// <param name="snaplen">Bytes kept per packet.</param>
    /// <param name="linkType">tcpdump -y value, e.g. "LINUX_SLL2" for "any" (link type 276) or "LINUX_SLL" (113).</param>
    public static async Task<LoopbackCapture> StartAsync(
        string iface,
        string bpfFilter,
        string outputPath,
        string? netns = null,
        int snaplen = 262144,
        string? linkType = null)
    {
        Require.Root();
        string tcpdump = Require.Tool("tcpdump", "tcpdump");
        var args = new List<string>();
        string file = tcpdump;
        if (netns is not null)
        {
            file = Require.Tool("ip", "iproute2");
            args.AddRange(["netns", "exec", netns, tcpdump]);
        }

        // --immediate-mode: without it libpcap's TPACKET_V3 ring hands packets over only when a block fills or its
        // timeout passes, and the packets still in the ring at SIGINT never reach the file (-U only flushes the file).
        // -Z root: Debian's tcpdump otherwise drops to user "tcpdump" before it opens the file, which then cannot
        // be created in a test's root-owned temp folder.
        // -B 262144: a 256 MiB kernel buffer. In immediate mode libpcap splits it into slots of up to the MTU (64 KiB
        // on lo), so 64 MiB held only ~1,000 packets and dropped some under a busy CPU; with the default 2 MiB, tcpdump on lo drops packets of even a small
        // ab run (seen: 224 of 1000 dropped), and a capture that lost packets cannot be compared with anything.
        args.AddRange(["-i", iface, "-w", outputPath, "-U", "--immediate-mode", "-B", "262144", "-s", snaplen.ToString(CultureInfo.InvariantCulture), "-n", "-Z", "root"]);
        if (linkType is not null)
        {
            args.AddRange(["-y", linkType]);
        }

        if (!string.IsNullOrWhiteSpace(bpfFilter))
        {
            args.Add(bpfFilter);
        }

        RunningProcess process = ProcessRunner.Start(file, args);
        var capture = new LoopbackCapture(process, outputPath);
        if (!await process.WaitForOutputAsync("listening on", s_listenTimeout))
        {
            string why = process.HasExited ? "tcpdump exited" : "no 'listening on' within 10 s";
            string stderr = process.StdErr;
            await capture.DisposeAsync();
            throw new InvalidOperationException($"capture on {iface} did not start ({why}): {stderr}");
        }

        return capture;
    }

    /// <summary>
    /// Waits <see cref="SettleTime"/>, interrupts tcpdump, waits until it has closed the file and returns its counters.
    /// Calling it again returns the same counters.
    /// </summary>
    public async Task<CaptureStatistics> StopAsync()
    {
        if (_statistics is not null)
        {
            return _statistics;
        }

        await Task.Delay(SettleTime);
        _process.Interrupt();
        ProcessResult result = await _process.WaitAsync(TimeSpan.FromSeconds(10));
        if (result.TimedOut)
        {
            throw new InvalidOperationException(result.Describe("tcpdump did not stop on SIGINT"));
        }

        _statistics = new CaptureStatistics(
            Counter(result.StdErr, "captured"),
            Counter(result.StdErr, "received by filter"),
            Counter(result.StdErr, "dropped by kernel"));
        return _statistics;
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    private static long Counter(string stderr, string label)
    {
        foreach (Match match in CounterLine().Matches(stderr))
        {
            if (match.Groups[2].Value == label)
            {
                return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(\d+) packets? (captured|received by filter|dropped by kernel)", RegexOptions.Multiline)]
    private static partial Regex CounterLine();
}
