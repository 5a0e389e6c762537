using WireLens.Analysis.Connections;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Summary;

/// <summary>
/// The summary of one analysed capture: facts about the file plus aggregates over all its connections.
/// Built by <see cref="SummaryBuilder.Build"/>; immutable, so a view or exporter can hold it safely.
/// </summary>
/// <remarks>
/// The dictionaries built by <see cref="SummaryBuilder"/> hold every enum value (zero counts included);
/// renderers look values up in enum order, so a hand-made summary with fewer keys renders as zeros.
/// </remarks>
public sealed record CaptureSummary
{
    public CaptureFacts Capture { get; init; } = new();

    public long Connections { get; init; }

    /// <summary>Connections whose three-way handshake was seen to complete.</summary>
    public long HandshakesCompleted { get; init; }

    /// <summary>Connections whose SYN was answered by an RST (close_kind <c>refused</c>).</summary>
    public long Refused { get; init; }

    public IReadOnlyDictionary<CloseKind, long> ByCloseKind { get; init; } = new Dictionary<CloseKind, long>();

    public IReadOnlyDictionary<Side, long> ByTimeWaitSide { get; init; } = new Dictionary<Side, long>();

    /// <summary>initial_rtt_ms over the connections that have one.</summary>
    public DistributionSummary InitialRttMs { get; init; } = DistributionSummary.Empty;

    /// <summary>Sum of syn_retransmits.</summary>
    public long SynRetransmits { get; init; }

    public long ConnectionsWithSynRetransmits { get; init; }

    /// <summary>Sum of synack_retransmits.</summary>
    public long SynAckRetransmits { get; init; }

    public long ConnectionsWithSynAckRetransmits { get; init; }

    public SegmentVerdictTotals SegmentVerdicts { get; init; } = new();

    /// <summary>Connections with at least one retransmission (any kind counted in the retransmissions column).</summary>
    public long ConnectionsWithRetransmissions { get; init; }

    /// <summary>
    /// http_requests over the connections whose handshake completed and whose http_requests is known (not null):
    /// an HTTP connection with zero requests counts as 0, a TLS or other non-HTTP connection (null) is left out.
    /// </summary>
    public DistributionSummary RequestsPerConnection { get; init; } = DistributionSummary.Empty;

    /// <summary>Connections per application protocol; <see cref="HttpProtocolKind.None"/> counts the non-HTTP ones.</summary>
    public IReadOnlyDictionary<HttpProtocolKind, long> HttpProtocols { get; init; } = new Dictionary<HttpProtocolKind, long>();

    /// <summary>Connections per reason the analyzer released them.</summary>
    public IReadOnlyDictionary<FlushReason, long> ByFlushReason { get; init; } = new Dictionary<FlushReason, long>();

    /// <summary>Connections where a direction's byte stream had a gap that never filled (HTTP counts may be low).</summary>
    public long ConnectionsWithStreamGap { get; init; }

    /// <summary>The TLS block; null when no connection of the capture is TLS (the block is then not shown).</summary>
    public TlsSummary? Tls { get; init; }
}
