using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Runs;

/// <summary>
/// <c>run.json</c>: what was run while a capture was taken (docs/run-manifest.md). Written by live runs and by tests;
/// read by <c>analyze</c> when it lies beside the capture.
/// </summary>
/// <param name="Version">The schema version (<see cref="CurrentVersion"/>).</param>
/// <param name="Capture">How the capture was taken, when known.</param>
/// <param name="Runs">The runs, in the order written (usually start order; attribution does not depend on it).</param>
public sealed record RunManifest(int Version, CaptureInfo? Capture, IReadOnlyList<RunEntry> Runs)
{
    public const int CurrentVersion = 1;

    /// <summary>
    /// Sockets a live capture saw owned by a process (from /proc, like <c>ss -p</c>), for the process rule of
    /// attribution; empty for captures taken otherwise.
    /// </summary>
    public IReadOnlyList<SocketOwner> Sockets { get; init; } = [];
}

/// <summary>A TCP socket seen owned by a process while the capture ran.</summary>
/// <param name="LocalIp">The socket's own address.</param>
/// <param name="LocalPort">The socket's own port.</param>
/// <param name="RemoteIp">The peer's address.</param>
/// <param name="RemotePort">The peer's port.</param>
/// <param name="Tool">The owning process's name as a tool name (<c>curl</c>, <c>builtin</c>, <c>python3</c>).</param>
/// <param name="Pid">The owning process's id.</param>
/// <param name="FirstSeen">When the socket was first seen with this owner.</param>
/// <param name="LastSeen">When it was last seen.</param>
public sealed record SocketOwner(
    IpAddress LocalIp,
    ushort LocalPort,
    IpAddress RemoteIp,
    ushort RemotePort,
    string Tool,
    int? Pid,
    Timestamp FirstSeen,
    Timestamp LastSeen);

/// <summary>The capture the manifest describes, and the capturer's own statistics.</summary>
/// <param name="File">The capture's file name (no directory), to match the manifest with its capture.</param>
/// <param name="Interface">The interface captured on (<c>lo</c>, <c>eth0</c>).</param>
/// <param name="PortRange">The client host's ephemeral port range during the runs (ip_local_port_range).</param>
/// <param name="Received">Packets the capturer received (pcap_stats ps_recv).</param>
/// <param name="DroppedByKernel">Packets dropped for want of buffer space (ps_drop).</param>
/// <param name="DroppedByInterface">Packets dropped by the interface or its driver (ps_ifdrop).</param>
public sealed record CaptureInfo(
    string? File,
    string? Interface,
    PortRange? PortRange,
    long? Received,
    long? DroppedByKernel,
    long? DroppedByInterface)
{
    /// <summary>Packets written to the file but dropped from the live analysis because it fell behind (WireLens's own queue).</summary>
    public long? DroppedByQueue { get; init; }
}

/// <summary>An inclusive range of ephemeral ports.</summary>
public readonly record struct PortRange(int Low, int High)
{
    /// <summary>Linux's default net.ipv4.ip_local_port_range: 32768–60999.</summary>
    public static PortRange LinuxDefault { get; } = new(32768, 60999);

    public int Count => High - Low + 1;
}

/// <summary>One run of one load tool.</summary>
/// <param name="Label">The run's name in reports (<c>wrk</c>, <c>builtin:keepalive</c>); unique in the manifest.</param>
/// <param name="Tool">The tool's lowercase name (<see cref="Attribution.ToolNames"/>).</param>
/// <param name="ToolVersion">The tool's version as it reports it, when known.</param>
/// <param name="Command">The command line, one argument per item.</param>
/// <param name="Target">The URL loaded.</param>
/// <param name="Concurrency">The configured concurrency (connections or workers), when the tool has one.</param>
/// <param name="Start">When the tool was started.</param>
/// <param name="Stop">When the tool ended.</param>
/// <param name="Summary">The tool's own summary, when it printed one.</param>
public sealed record RunEntry(
    string Label,
    string Tool,
    string? ToolVersion,
    IReadOnlyList<string> Command,
    string? Target,
    int? Concurrency,
    Timestamp Start,
    Timestamp Stop,
    ToolSummary? Summary);

/// <summary>What the tool said about its run. Every figure is null when the tool does not print it.</summary>
/// <param name="Requests">Requests completed.</param>
/// <param name="Errors">Requests failed (connect, read, write, timeout, non-2xx/3xx as the tool counts them).</param>
/// <param name="RequestsPerSecond">The tool's throughput figure.</param>
/// <param name="Connections">Connections the tool says it used.</param>
/// <param name="LatencyMs">Latency percentiles in milliseconds by name (<c>p50</c>, <c>p90</c>, <c>p99</c>, <c>mean</c>, <c>max</c>).</param>
public sealed record ToolSummary(
    long? Requests,
    long? Errors,
    double? RequestsPerSecond,
    long? Connections,
    IReadOnlyDictionary<string, double> LatencyMs);
