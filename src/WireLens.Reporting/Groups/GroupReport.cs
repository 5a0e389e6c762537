using WireLens.Reporting.Runs;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Groups;

/// <summary>
/// Every figure of one report group (docs/tools-report.md), in the order of <c>tools.csv</c>. Counts are integers,
/// shares fractions 0–1; null where a figure does not apply (no completed handshake, no TLS, no FIN close ...).
/// </summary>
public sealed record GroupReport
{
    /// <summary>The group's key: run label, tool name, client address, server address:port, or <c>all</c>.</summary>
    public required string Group { get; init; }

    /// <summary>The tool of most of the group's connections (ties: ordinal order).</summary>
    public required string Tool { get; init; }

    /// <summary>The <c>tool_source</c> of most of the group's connections.</summary>
    public required string ToolSource { get; init; }

    /// <summary>Every tool seen in the group with its number of connections (candidates of ambiguous ones: <see cref="ToolCandidates"/>).</summary>
    public required CountTable<string> Tools { get; init; }

    /// <summary>Candidate tools of the group's ambiguous connections (union, ordinal order); empty when none.</summary>
    public required IReadOnlyList<string> ToolCandidates { get; init; }

    /// <summary>The manifest run when the group is one run (grouped by run), else null.</summary>
    public RunEntry? Run { get; init; }

    public required long Connections { get; init; }

    /// <summary>Exact (HTTP) plus estimated (TLS bursts) requests.</summary>
    public required long Requests { get; init; }

    /// <summary>The estimated part of <see cref="Requests"/>.</summary>
    public required long RequestsEstimated { get; init; }

    /// <summary>Requests per connection over connections whose handshake completed and whose requests are known.</summary>
    public required DistributionSummary RequestsPerConnection { get; init; }

    /// <summary>Mean new connections per second over the seconds from the first to the last SYN (at least one second).</summary>
    public double? NewConnectionsPerSecondMean { get; init; }

    /// <summary>The most SYNs within one second of the capture (seconds counted from its first packet).</summary>
    public required long NewConnectionsPerSecondPeak { get; init; }

    /// <summary>Time-weighted mean of connections open (first to last packet) from the group's first to its last packet.</summary>
    public double? ConcurrentMean { get; init; }

    public required long ConcurrentPeak { get; init; }

    /// <summary><c>initial_rtt_ms</c> over the group's connections.</summary>
    public required DistributionSummary HandshakeRttMs { get; init; }

    /// <summary>SYN plus SYN/ACK retransmissions.</summary>
    public required long SynRetransmits { get; init; }

    public required long SynAckRetransmits { get; init; }

    /// <summary>Connections with at least one SYN or SYN/ACK retransmission.</summary>
    public required long ConnectionsWithSynRetransmits { get; init; }

    /// <summary>Connections whose SYN was answered by RST.</summary>
    public required long Refused { get; init; }

    /// <summary>Frames tshark marks as retransmissions (any kind).</summary>
    public required long Retransmissions { get; init; }

    public required long FastRetransmissions { get; init; }

    public required long SpuriousRetransmissions { get; init; }

    public required long PayloadFrames { get; init; }

    public required long RetransmittedPayloadFrames { get; init; }

    /// <summary>Retransmitted frames with payload ÷ frames with payload; null without payload.</summary>
    public double? RetransmissionShare { get; init; }

    /// <summary>
    /// Of <see cref="RetransmittedPayloadFrames"/>, those the receiver proved unnecessary by D-SACK (the original had
    /// arrived: a delayed ACK or a tail loss probe); the sum of <c>ConnectionRecord.DsackRetransmissions</c>.
    /// </summary>
    public required long DsackRetransmissions { get; init; }

    /// <summary>
    /// Retransmitted frames with payload not proven unnecessary by D-SACK ÷ frames with payload (the share the
    /// <c>retransmissions</c> finding tests); null without payload.
    /// </summary>
    public double? UnprovenRetransmissionShare =>
        PayloadFrames == 0 ? null : (double)Math.Max(0, RetransmittedPayloadFrames - DsackRetransmissions) / PayloadFrames;

    public required long CloseClientFin { get; init; }

    public required long CloseServerFin { get; init; }

    public required long CloseSimultaneous { get; init; }

    public required long CloseClientRst { get; init; }

    public required long CloseServerRst { get; init; }

    public required long CloseOpen { get; init; }

    /// <summary>Connections closed by FIN (client_fin, server_fin, simultaneous): the TIME_WAIT shares' denominator.</summary>
    public long ClosedByFin => CloseClientFin + CloseServerFin + CloseSimultaneous;

    public required long TimeWaitClient { get; init; }

    public required long TimeWaitServer { get; init; }

    public double? TimeWaitClientShare => ClosedByFin == 0 ? null : (double)TimeWaitClient / ClosedByFin;

    public double? TimeWaitServerShare => ClosedByFin == 0 ? null : (double)TimeWaitServer / ClosedByFin;

    /// <summary>The most client sockets in TIME_WAIT at once (within the capture).</summary>
    public required long TimeWaitClientPeak { get; init; }

    public required long TimeWaitServerPeak { get; init; }

    /// <summary>Client sockets in TIME_WAIT at the capture's last packet (what <c>ss state time-wait</c> would list then).</summary>
    public required long TimeWaitClientAtEnd { get; init; }

    public required long TimeWaitServerAtEnd { get; init; }

    /// <summary>The ephemeral-port exhaustion forecast (null when the client never held TIME_WAIT).</summary>
    public PortExhaustionForecast? PortExhaustion { get; init; }

    /// <summary>TLS connections whose ServerHello was seen (full or resumed).</summary>
    public required long TlsHandshakes { get; init; }

    public required long TlsResumed { get; init; }

    public long TlsFull => TlsHandshakes - TlsResumed;

    public required long TlsHelloRetryRequests { get; init; }

    /// <summary>Full handshakes whose ClientHello offered no resumption.</summary>
    public required long TlsFullNotOffered { get; init; }

    /// <summary>Full handshakes whose ClientHello offered resumption the server did not accept.</summary>
    public required long TlsFullOfferRefused { get; init; }

    public required DistributionSummary TlsClientHelloToServerHelloFullMs { get; init; }

    public required DistributionSummary TlsClientHelloToServerHelloResumedMs { get; init; }

    public required CountTable<string> TlsVersions { get; init; }

    /// <summary>ALPN selected (or <c>encrypted</c>) per TLS connection.</summary>
    public required CountTable<string> TlsAlpn { get; init; }

    /// <summary>Connections that offered h2 (ALPN on TLS, Upgrade: h2c in clear) and visibly got HTTP/1.1.</summary>
    public required long H2OfferedHttp11Selected { get; init; }

    /// <summary>Connections that offered h2 where the choice is visible (TLS 1.2 ALPN, h2c Upgrade).</summary>
    public required long H2OfferedVisible { get; init; }

    /// <summary>Connections with HTTP/1 requests whose server sent "Connection: close".</summary>
    public required long ServerAskedClose { get; init; }

    /// <summary>Connections whose server sent "Connection: close" though no request had asked to close.</summary>
    public required long ServerForcedClose { get; init; }

    /// <summary>Connections with a request lost to the keep-alive race (<see cref="Analysis.Connections.ConnectionRecord.KeepAliveRace"/>).</summary>
    public required long KeepAliveRaces { get; init; }

    /// <summary>Connections with bytes missing from the capture in either direction.</summary>
    public required long ConnectionsWithStreamGaps { get; init; }

    /// <summary>tshark's "previous segment not captured" count.</summary>
    public required long LostSegments { get; init; }

    /// <summary>Seconds (packet time) from the group's first to its last packet.</summary>
    public required double DurationSeconds { get; init; }
}

/// <summary>
/// When the client's TIME_WAIT sockets toward one server address:port would fill the ephemeral range at the observed
/// rate of client-side TIME_WAIT entries: range ÷ rate seconds, when rate × TIME_WAIT time reaches the range.
/// </summary>
/// <param name="Server">The server address:port with the highest rate.</param>
/// <param name="EntriesPerSecond">Client-side TIME_WAIT entries per second toward it (over the seconds they span).</param>
/// <param name="Ports">The ephemeral range's size.</param>
/// <param name="TimeWaitSeconds">How long a socket stays in TIME_WAIT.</param>
/// <param name="Seconds">Time until the range is full, or null when rate × TIME_WAIT time stays below the range.</param>
/// <param name="Loopback">The server is on loopback, where Linux's tcp_tw_reuse=2 lets new connections reuse TIME_WAIT ports after about 1 s.</param>
public sealed record PortExhaustionForecast(string Server, double EntriesPerSecond, int Ports, double TimeWaitSeconds, double? Seconds, bool Loopback)
{
    /// <summary>Sockets the observed rate holds in TIME_WAIT in steady state.</summary>
    public double SteadyStateSockets => EntriesPerSecond * TimeWaitSeconds;
}
