using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Export;

/// <summary>How a report cell is written: the CSV formats it, the JSON writes the matching JSON type.</summary>
public enum CellKind
{
    /// <summary>A count (<see cref="long"/>).</summary>
    Count,

    /// <summary>A rate or mean (<see cref="double"/>), three decimals in CSV.</summary>
    Rate,

    /// <summary>A fraction 0–1 (<see cref="double"/>), six decimals in CSV.</summary>
    Share,

    /// <summary>Milliseconds (<see cref="double"/>), three decimals in CSV.</summary>
    Milliseconds,

    /// <summary>Text WireLens made (never escaped).</summary>
    Token,

    /// <summary>Text that may come from the wire or a manifest (escaped by the output).</summary>
    WireString,

    /// <summary>A list of texts that may come from the wire (<see cref="IReadOnlyList{T}"/> of string).</summary>
    WireStringList,

    /// <summary>true/false.</summary>
    Boolean,

    /// <summary>
    /// A <see cref="CountTable{TKey}"/> of strings that may come from the wire: CSV <c>key=count</c> items joined with
    /// <c>;</c> (<c>other=N</c> last when keys were dropped); JSON an object.
    /// </summary>
    CountTable,
}

/// <summary>One column of <c>tools.csv</c> (and key of the JSON report's <c>tools</c> objects).</summary>
public sealed record GroupColumn(string Name, CellKind Kind, Func<GroupReport, object?> Value);

/// <summary>
/// The columns of <c>tools.csv</c> in file order (docs/tools-report.md): the fixed leading columns, then the
/// rest of the report's figures. Null is an empty cell (JSON null): the figure does not apply.
/// </summary>
public static class GroupFields
{
    public static IReadOnlyList<GroupColumn> Columns { get; } =
    [
        new("group", CellKind.WireString, g => g.Group),
        new("tool", CellKind.WireString, g => g.Tool),
        new("tool_source", CellKind.Token, g => g.ToolSource),
        new("connections", CellKind.Count, g => g.Connections),
        new("requests", CellKind.Count, g => g.Requests),
        new("requests_estimated", CellKind.Count, g => g.RequestsEstimated),
        new("requests_per_conn_mean", CellKind.Rate, g => g.RequestsPerConnection.Mean),
        new("requests_per_conn_p50", CellKind.Count, g => Count(g.RequestsPerConnection.P50)),
        new("requests_per_conn_max", CellKind.Count, g => Count(g.RequestsPerConnection.Max)),
        new("new_conn_per_s_mean", CellKind.Rate, g => g.NewConnectionsPerSecondMean),
        new("new_conn_per_s_peak", CellKind.Count, g => g.NewConnectionsPerSecondMean is null ? null : g.NewConnectionsPerSecondPeak),
        new("concurrent_mean", CellKind.Rate, g => g.ConcurrentMean),
        new("concurrent_peak", CellKind.Count, g => g.ConcurrentPeak),
        new("handshake_rtt_p50_ms", CellKind.Milliseconds, g => g.HandshakeRttMs.P50),
        new("handshake_rtt_p90_ms", CellKind.Milliseconds, g => g.HandshakeRttMs.P90),
        new("handshake_rtt_p99_ms", CellKind.Milliseconds, g => g.HandshakeRttMs.P99),
        new("handshake_rtt_max_ms", CellKind.Milliseconds, g => g.HandshakeRttMs.Max),
        new("syn_retransmits", CellKind.Count, g => g.SynRetransmits),
        new("refused", CellKind.Count, g => g.Refused),
        new("retransmissions", CellKind.Count, g => g.Retransmissions),
        new("retransmission_share", CellKind.Share, g => g.RetransmissionShare),
        new("close_client_fin_first", CellKind.Count, g => g.CloseClientFin),
        new("close_server_fin_first", CellKind.Count, g => g.CloseServerFin),
        new("close_simultaneous", CellKind.Count, g => g.CloseSimultaneous),
        new("close_client_rst", CellKind.Count, g => g.CloseClientRst),
        new("close_server_rst", CellKind.Count, g => g.CloseServerRst),
        new("close_open", CellKind.Count, g => g.CloseOpen),
        new("time_wait_client_share", CellKind.Share, g => g.TimeWaitClientShare),
        new("time_wait_server_share", CellKind.Share, g => g.TimeWaitServerShare),
        new("time_wait_client_peak", CellKind.Count, g => g.TimeWaitClientPeak),
        new("time_wait_server_peak", CellKind.Count, g => g.TimeWaitServerPeak),
        new("port_exhaustion_s", CellKind.Rate, g => g.PortExhaustion?.Seconds),
        new("tls_handshakes", CellKind.Count, g => g.TlsHandshakes),
        new("tls_resumed", CellKind.Count, g => g.TlsResumed),
        new("tls_hrr", CellKind.Count, g => g.TlsHelloRetryRequests),
        new("tls_ch_to_sh_full_p50_ms", CellKind.Milliseconds, g => g.TlsClientHelloToServerHelloFullMs.P50),
        new("tls_ch_to_sh_full_p99_ms", CellKind.Milliseconds, g => g.TlsClientHelloToServerHelloFullMs.P99),
        new("tls_ch_to_sh_resumed_p50_ms", CellKind.Milliseconds, g => g.TlsClientHelloToServerHelloResumedMs.P50),
        new("tls_ch_to_sh_resumed_p99_ms", CellKind.Milliseconds, g => g.TlsClientHelloToServerHelloResumedMs.P99),

        // The rest of the report, after the fixed columns.
        new("tool_candidates", CellKind.WireStringList, g => g.ToolCandidates.Count == 0 ? null : g.ToolCandidates),
        new("duration_s", CellKind.Rate, g => g.DurationSeconds),
        new("requests_exact", CellKind.Count, g => g.Requests - g.RequestsEstimated),
        new("requests_per_conn_connections", CellKind.Count, g => g.RequestsPerConnection.Count),
        new("synack_retransmits", CellKind.Count, g => g.SynAckRetransmits),
        new("connections_with_syn_retransmits", CellKind.Count, g => g.ConnectionsWithSynRetransmits),
        new("fast_retransmissions", CellKind.Count, g => g.FastRetransmissions),
        new("spurious_retransmissions", CellKind.Count, g => g.SpuriousRetransmissions),
        new("payload_frames", CellKind.Count, g => g.PayloadFrames),
        new("retransmitted_payload_frames", CellKind.Count, g => g.RetransmittedPayloadFrames),
        new("closed_by_fin", CellKind.Count, g => g.ClosedByFin),
        new("time_wait_client", CellKind.Count, g => g.TimeWaitClient),
        new("time_wait_server", CellKind.Count, g => g.TimeWaitServer),
        new("time_wait_client_at_end", CellKind.Count, g => g.TimeWaitClientAtEnd),
        new("time_wait_server_at_end", CellKind.Count, g => g.TimeWaitServerAtEnd),
        new("port_exhaustion_server", CellKind.WireString, g => g.PortExhaustion?.Server),
        new("port_exhaustion_entries_per_s", CellKind.Rate, g => g.PortExhaustion?.EntriesPerSecond),
        new("port_exhaustion_ports", CellKind.Count, g => (long?)g.PortExhaustion?.Ports),
        new("port_exhaustion_loopback", CellKind.Boolean, g => g.PortExhaustion?.Loopback),
        new("tls_full", CellKind.Count, g => g.TlsFull),
        new("tls_full_not_offered", CellKind.Count, g => g.TlsFullNotOffered),
        new("tls_full_offer_refused", CellKind.Count, g => g.TlsFullOfferRefused),
        new("tls_versions", CellKind.CountTable, g => g.TlsVersions),
        new("tls_alpn", CellKind.CountTable, g => g.TlsAlpn),
        new("h2_offered_visible", CellKind.Count, g => g.H2OfferedVisible),
        new("h2_offered_http11_selected", CellKind.Count, g => g.H2OfferedHttp11Selected),
        new("server_asked_close", CellKind.Count, g => g.ServerAskedClose),
        new("server_forced_close", CellKind.Count, g => g.ServerForcedClose),
        new("keepalive_races", CellKind.Count, g => g.KeepAliveRaces),
        new("connections_with_stream_gaps", CellKind.Count, g => g.ConnectionsWithStreamGaps),
        new("lost_segments", CellKind.Count, g => g.LostSegments),
        new("run_tool_version", CellKind.WireString, g => g.Run?.ToolVersion),
        new("run_concurrency", CellKind.Count, g => (long?)g.Run?.Concurrency),
        new("tool_says_requests", CellKind.Count, g => g.Run?.Summary?.Requests),
        new("tool_says_errors", CellKind.Count, g => g.Run?.Summary?.Errors),
        new("tool_says_requests_per_s", CellKind.Rate, g => g.Run?.Summary?.RequestsPerSecond),
        new("tool_says_connections", CellKind.Count, g => g.Run?.Summary?.Connections),
        new("tool_says_latency_p50_ms", CellKind.Milliseconds, g => Latency(g.Run, "p50")),
        new("tool_says_latency_p99_ms", CellKind.Milliseconds, g => Latency(g.Run, "p99")),
        new("dsack_retransmissions", CellKind.Count, g => g.DsackRetransmissions),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Columns.Select(c => c.Name)];

    /// <summary>The columns of <c>timeseries.csv</c>.</summary>
    public static IReadOnlyList<string> TimeSeriesNames { get; } =
    [
        "group", "second", "opened", "closed", "requests", "tls_full", "tls_resumed",
        "concurrent", "time_wait_client", "time_wait_server", "retransmissions",
    ];

    /// <summary>The counts of one <see cref="TimeSeriesRow"/> after group and second, in <see cref="TimeSeriesNames"/> order.</summary>
    public static long[] TimeSeriesCounts(TimeSeriesRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [r.Opened, r.Closed, r.Requests, r.TlsFull, r.TlsResumed, r.Concurrent, r.TimeWaitClient, r.TimeWaitServer, r.Retransmissions];
    }

    // A distribution of counts holds observed whole numbers: written as integers.
    private static long? Count(double? value) => value is { } v ? (long)v : null;

    private static double? Latency(RunEntry? run, string name) =>
        run?.Summary?.LatencyMs is { } latency && latency.TryGetValue(name, out double v) ? v : null;

    /// <summary>A table as <c>key=count</c> items in the table's order, <c>other=N</c> last when keys were dropped; null when empty.</summary>
    public static IReadOnlyList<string>? TableItems(CountTable<string> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Counts.Count == 0 && table.Other == 0)
        {
            return null;
        }

        var items = new List<string>(table.Counts.Count + 1);
        foreach ((string key, long count) in table.Counts)
        {
            items.Add(FormattableString.Invariant($"{key}={count}"));
        }

        if (table.Other > 0)
        {
            items.Add(FormattableString.Invariant($"other={table.Other}"));
        }

        return items;
    }
}
