namespace WireLens.Capture.Live;

/// <summary>How a live capture is taken (<c>--iface</c>, <c>--filter</c>, <c>--buffer-mb</c>, <c>--snaplen</c>).</summary>
public sealed record LiveCaptureOptions
{
    /// <summary>The default kernel buffer: enough for a few seconds of a loopback load test at the demo's rates.</summary>
    public const int DefaultBufferMegabytes = 64;

    /// <summary>The full snap length, as tcpdump's default.</summary>
    public const int FullSnapLength = 262_144;

    /// <summary>The capture device (<c>lo</c>, <c>eth0</c>, <c>any</c>).</summary>
    public required string Interface { get; init; }

    /// <summary>A BPF filter in tcpdump syntax, compiled by libpcap into the kernel; null captures everything.</summary>
    public string? Filter { get; init; }

    /// <summary>The kernel capture buffer in megabytes (libpcap's buffer size; the ring of TPACKET_V3 on Linux).</summary>
    public int BufferMegabytes { get; init; } = DefaultBufferMegabytes;

    /// <summary>
    /// libpcap's immediate mode: each packet is delivered at once. On Linux it makes libpcap use TPACKET_V2, whose ring
    /// has one slot per packet as large as the interface's MTU (64 KiB on lo), so 64 MiB hold only about 1,000 packets
    /// and a short stall drops packets (measured: 5% of a wrk run on lo). Off (the default), TPACKET_V3 packs packets
    /// into blocks, 64 MiB hold hundreds of thousands, and packets reach the analysis within the 100 ms block timeout.
    /// </summary>
    public bool Immediate { get; init; }

    /// <summary>Bytes kept of each packet.</summary>
    public int SnapLength { get; init; } = FullSnapLength;

    /// <summary>The capture file, written as packets arrive (pcap, nanosecond timestamps when the device gives them).</summary>
    public required string OutputFile { get; init; }

    /// <summary>How often the file is flushed to the operating system, so that a killed process leaves a readable prefix.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Memory for packets handed from the capture thread to the analysis; past it packets are dropped from the analysis (never from the file) and counted.</summary>
    public int QueueMegabytes { get; init; } = 64;

    /// <summary>
    /// Diagnostics: the capture thread sleeps this long before its first read, so that the kernel buffer overflows under
    /// load (used by the test that proves drops are counted). Zero in normal use.
    /// </summary>
    public TimeSpan StallCaptureFor { get; init; }

    /// <summary>Diagnostics: the analysis thread sleeps this long before its first packet, so that the queue overflows.</summary>
    public TimeSpan StallAnalysisFor { get; init; }
}
