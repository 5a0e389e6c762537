using System.Buffers.Binary;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Building blocks for scenarios that <see cref="LoopbackLoad"/> does not cover: a capture around any load (servers
/// started by the test itself, a port nobody listens on), small python3 socket programs, and facts read from a
/// capture file so a test can first prove the capture shows what it is for.
/// </summary>
public static class ScenarioCapture
{
    /// <summary>
    /// The snapshot length for captures on `any`. With --immediate-mode libpcap uses a TPACKET_V2 ring of fixed-size
    /// slots; on lo a slot is bounded by the MTU, but `any` has none, so with a 262144-byte snaplen the 64 MiB buffer
    /// holds only a few hundred packets. Measured with ab -n 1000 -c 8 on an otherwise busy two-core machine: `any`
    /// with -s 262144 dropped 516, 2714 and 7253 packets in three runs; with -s 65535 none in three runs (lo: none).
    /// 65535 is still larger than any segment in these scenarios, so nothing is truncated.
    /// </summary>
    public const int AnyDeviceSnaplen = 65535;

    /// <summary>Captures <paramref name="bpfFilter"/> on <paramref name="iface"/> while <paramref name="load"/> runs; fails on kernel drops.</summary>
    public static async Task<string> CaptureAsync(
        string iface,
        string bpfFilter,
        Func<Task> load,
        string? netns = null,
        string? linkType = null,
        string fileName = "capture.pcap",
        int snaplen = 262144)
    {
        Require.Root();
        Require.Tool("tcpdump", "tcpdump");
        string capture = Path.Combine(TestPaths.NewTempDirectory("wl-e2e"), fileName);
        await using (LoopbackCapture cap = await LoopbackCapture.StartAsync(iface, bpfFilter, capture, netns, snaplen, linkType))
        {
            await load();
            CaptureStatistics stats = await cap.StopAsync();
            Assert.True(stats.DroppedByKernel == 0, $"tcpdump dropped {stats.DroppedByKernel} packets: the capture is incomplete");
        }

        return capture;
    }

    /// <summary>
    /// The link type in a classic pcap file header (bytes 20-23, in the byte order the magic number shows):
    /// 1 Ethernet, 113 Linux SLL, 276 Linux SLL2.
    /// </summary>
    public static uint PcapLinkType(string pcap)
    {
        byte[] header = new byte[24];
        using (FileStream file = File.OpenRead(pcap))
        {
            file.ReadExactly(header);
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool littleEndian = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        bool bigEndian = magic is 0xd4c3b2a1 or 0x4d3cb2a1;
        Assert.True(littleEndian || bigEndian, $"{pcap} is not a classic pcap file (magic 0x{magic:x8})");
        return littleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20))
            : BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20));
    }

    /// <summary>Writes <paramref name="source"/> to a temp file and starts it with python3 (inside <paramref name="netns"/> when given).</summary>
    public static RunningProcess StartPython(string source, IEnumerable<string> args, string? netns = null)
    {
        string python = Require.Tool("python3", "python3");
        string script = Path.Combine(TestPaths.NewTempDirectory("wl-py"), "script.py");
        File.WriteAllText(script, source);
        return netns is null
            ? ProcessRunner.Start(python, ["-u", script, .. args])
            : NetNamespacePair.Start(netns, python, ["-u", script, .. args]);
    }

    /// <summary>Runs a python3 program to completion and fails the test with its output unless it exits 0.</summary>
    public static async Task<ProcessResult> RunPythonAsync(string source, IEnumerable<string> args, TimeSpan timeout, string? netns = null)
    {
        await using RunningProcess process = StartPython(source, args, netns);
        ProcessResult result = await process.WaitAsync(timeout);
        Assert.True(result.ExitCode == 0 && !result.TimedOut, result.Describe("python3"));
        return result;
    }

    /// <summary>Runs curl (which may fail: refused, reset) and returns its result; bounded by --max-time.</summary>
    public static ProcessResult Curl(string url, string? netns = null, params string[] extraArgs)
    {
        string curl = Require.Tool("curl", "curl");
        string[] args = ["-s", "-o", "/dev/null", "--max-time", "15", .. extraArgs, url];
        return netns is null
            ? ProcessRunner.Run(curl, args, TimeSpan.FromSeconds(20))
            : NetNamespacePair.Exec(netns, curl, args, TimeSpan.FromSeconds(20));
    }
}
