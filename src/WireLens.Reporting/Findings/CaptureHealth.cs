using WireLens.Analysis.Connections;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;
using WireLens.Reporting.Summary;

namespace WireLens.Reporting.Findings;

/// <summary>
/// What the capture as a whole lost, for the <c>capture-incomplete</c> rule: packets the file or the capturer did not
/// keep, and connections whose bytes are missing. All zero (or unknown) means nothing is known to be missing.
/// </summary>
/// <remarks>
/// Not counted: fragments skipped and malformed packets (they may well not be TCP of the test, and the summary shows
/// them), and connections cut by the start or end of the capture (their SYN or FIN is simply outside it).
/// </remarks>
public sealed record CaptureHealth
{
    /// <summary>Packets cut short by the snap length.</summary>
    public long TruncatedPackets { get; init; }

    /// <summary>Records of the file the reader could not read (a cut or corrupt file).</summary>
    public long DamagedRecords { get; init; }

    /// <summary>Packets the capturer received (pcap_stats ps_recv), when the run manifest says.</summary>
    public long? Received { get; init; }

    /// <summary>Packets the capturer dropped for want of buffer space (ps_drop), when known.</summary>
    public long? DroppedByKernel { get; init; }

    /// <summary>Packets the interface or its driver dropped (ps_ifdrop), when known.</summary>
    public long? DroppedByInterface { get; init; }

    /// <summary>Packets the live analysis dropped (the file has them), when known.</summary>
    public long? DroppedByQueue { get; init; }

    /// <summary>Connections of the capture.</summary>
    public long Connections { get; init; }

    /// <summary>Connections with bytes missing from the capture in either direction.</summary>
    public long ConnectionsWithStreamGaps { get; init; }

    /// <summary>tshark's "previous segment not captured" count.</summary>
    public long LostSegments { get; init; }

    /// <summary>tshark's "ACKed segment that wasn't captured" count; null when not known (built from group totals).</summary>
    public long? AckedUnseen { get; init; }

    /// <summary>
    /// Open connections released because the connection table was full (<c>--max-connections</c>): reported as open,
    /// their close and TIME_WAIT unknown. 0 when built from group totals (not known there).
    /// </summary>
    public long EvictedConnections { get; init; }

    /// <summary>Kernel plus interface drops (unknown ones as 0): packets missing from the capture.</summary>
    public long Dropped => (DroppedByKernel ?? 0) + (DroppedByInterface ?? 0);

    /// <summary>From the capture's summary (all its connections) and the run manifest's capture statistics.</summary>
    /// <param name="summary">The capture summary.</param>
    /// <param name="manifest">The run manifest read beside the capture, if any.</param>
    /// <param name="damagedRecords">The file reader's count of damaged records; the summary lists only the first few.</param>
    public static CaptureHealth From(CaptureSummary summary, RunManifest? manifest, long damagedRecords = 0)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return FromFacts(summary.Capture, manifest, damagedRecords) with
        {
            Connections = summary.Connections,
            ConnectionsWithStreamGaps = summary.ConnectionsWithStreamGap,
            LostSegments = summary.SegmentVerdicts.LostSegments,
            AckedUnseen = summary.SegmentVerdicts.AckedUnseen,
            EvictedConnections = summary.ByFlushReason.GetValueOrDefault(FlushReason.Evicted),
        };
    }

    /// <summary>
    /// From the capture facts and the report's group totals (every grouping puts each connection in exactly one
    /// group, so the sums are the capture's), with the manifest the report carries. Acked-unseen is not known here.
    /// </summary>
    /// <param name="facts">What the reader knows about the file.</param>
    /// <param name="report">The per-group report.</param>
    /// <param name="damagedRecords">The file reader's count of damaged records.</param>
    public static CaptureHealth From(CaptureFacts facts, ToolsReport report, long damagedRecords = 0)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(report);
        return FromFacts(facts, report.Manifest, damagedRecords) with
        {
            Connections = report.Groups.Sum(g => g.Connections),
            ConnectionsWithStreamGaps = report.Groups.Sum(g => g.ConnectionsWithStreamGaps),
            LostSegments = report.Groups.Sum(g => g.LostSegments),
        };
    }

    private static CaptureHealth FromFacts(CaptureFacts facts, RunManifest? manifest, long damagedRecords)
    {
        CaptureInfo? capture = manifest?.Capture;
        return new CaptureHealth
        {
            TruncatedPackets = facts.TruncatedPackets,
            DamagedRecords = Math.Max(damagedRecords, facts.DamageMessages.Count),
            Received = capture?.Received,
            DroppedByKernel = capture?.DroppedByKernel,
            DroppedByInterface = capture?.DroppedByInterface,
            DroppedByQueue = capture?.DroppedByQueue,
        };
    }
}
