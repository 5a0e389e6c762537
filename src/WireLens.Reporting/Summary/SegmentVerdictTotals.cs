namespace WireLens.Reporting.Summary;

/// <summary>Sums over all connections of the per-segment verdict columns (tshark tcp.analysis flags).</summary>
public sealed record SegmentVerdictTotals
{
    public long Retransmissions { get; init; }

    public long FastRetransmissions { get; init; }

    public long SpuriousRetransmissions { get; init; }

    public long OutOfOrder { get; init; }

    public long DuplicateAcks { get; init; }

    public long ZeroWindows { get; init; }

    public long KeepAlives { get; init; }

    public long LostSegments { get; init; }

    public long AckedUnseen { get; init; }
}
