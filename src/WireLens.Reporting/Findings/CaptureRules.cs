using static WireLens.Reporting.Findings.FindingFormat;

namespace WireLens.Reporting.Findings;

/// <summary>The rule over the capture as a whole: <c>capture-incomplete</c> (docs/findings.md).</summary>
internal static class CaptureRules
{
    public const string Description =
        "truncated packets, damaged records, capturer drops, connections with stream gaps, lost or acked-unseen segments, connections evicted from a full table (any)";

    /// <summary>capture-incomplete: the capture dropped packets or lost data, so every figure may be low.</summary>
    public static Finding? CaptureIncomplete(CaptureHealth h, FindingThresholds t)
    {
        var facts = new List<string>(7);
        var advice = new List<string>(4);
        if (h.TruncatedPackets > 0)
        {
            facts.Add(Count(h.TruncatedPackets, "truncated packet"));
            advice.Add("capture whole packets (no snap length: tcpdump -s 0)");
        }

        if (h.DamagedRecords > 0)
        {
            facts.Add(Count(h.DamagedRecords, "damaged record"));
            advice.Add("let the capturer finish its file (stop it with SIGINT, not SIGKILL) and copy the file whole");
        }

        long dropped = h.Dropped;
        bool manyDropped = false;
        if (dropped > 0)
        {
            string of = h.Received is { } received and > 0
                ? $" of {Count(received)} received ({Percent(dropped, received)})"
                : string.Empty;
            facts.Add($"{Count(dropped, "packet")} dropped by the capturer ({Count(h.DroppedByKernel ?? 0)} kernel, "
                + $"{Count(h.DroppedByInterface ?? 0)} interface){of}");
            advice.Add("give the capturer a bigger buffer (tcpdump -B), filter to the test's port, and write to a fast disk");

            // Drops with no count of packets received are taken as many: nothing says they were few.
            manyDropped = h.Received is not { } r || r <= 0 || (double)dropped / r >= t.CaptureDropsErrorShare;
        }

        if (h.DroppedByQueue is > 0)
        {
            facts.Add($"{Count(h.DroppedByQueue.Value, "packet")} not analysed live (the live analysis fell behind; the file has them)");
            advice.Add("the live view was behind: re-analyse the saved capture with wirelens analyze for the whole picture");
        }

        long ackedUnseen = h.AckedUnseen ?? 0;
        if (h.ConnectionsWithStreamGaps > 0)
        {
            facts.Add(h.Connections > 0
                ? $"{Count(h.ConnectionsWithStreamGaps)} of {Count(h.Connections, "connection")} with bytes missing"
                : Count(h.ConnectionsWithStreamGaps, "connection") + " with bytes missing");
        }

        if (h.LostSegments > 0)
        {
            facts.Add(Count(h.LostSegments, "segment") + " not captured before a later one");
        }

        if (ackedUnseen > 0)
        {
            facts.Add(Count(ackedUnseen, "segment") + " acknowledged but not captured");
        }

        if (h.EvictedConnections > 0)
        {
            facts.Add(Count(h.EvictedConnections, "connection") + " evicted from the full connection table (reported as open, close and TIME_WAIT unknown)");
            advice.Add("raise --max-connections above the number of connections open at once");
        }

        if (facts.Count == 0)
        {
            return null;
        }

        // Bytes cut by the snapshot length are missing from the streams too; then that is the cause the advice names.
        if (dropped == 0 && h.TruncatedPackets == 0 && (h.ConnectionsWithStreamGaps > 0 || h.LostSegments > 0 || ackedUnseen > 0))
        {
            advice.Add("segments are missing though the capturer counted no drops: capture from before the load starts "
                + "until after it ends, on the host and interface the traffic crosses");
        }

        return new Finding(
            manyDropped ? FindingSeverity.Error : FindingSeverity.Warning,
            RuleIds.CaptureIncomplete,
            FindingEngine.CaptureGroup,
            "capture: " + string.Join(", ", facts) + "; figures may be low",
            Sentence(string.Join("; ", advice)));
    }
}
