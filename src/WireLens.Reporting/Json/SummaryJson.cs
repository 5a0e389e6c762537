using System.Text.Json;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Export;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Summary;
using WireLens.Wire.Tls;

namespace WireLens.Reporting.Json;

/// <summary>Writes a <see cref="CaptureSummary"/> as the <c>summary</c> object of the JSON report (snake_case keys).</summary>
internal static class SummaryJson
{
    public static void Write(Utf8JsonWriter json, CaptureSummary s)
    {
        json.WriteStartObject();
        WriteCapture(json, s.Capture);
        json.WriteNumber("connections", s.Connections);
        json.WriteNumber("handshakes_completed", s.HandshakesCompleted);
        json.WriteNumber("refused", s.Refused);
        WriteCounts(json, "close_kind", s.ByCloseKind, ConnectionValues.CloseKind);
        WriteCounts(json, "time_wait_side", s.ByTimeWaitSide, ConnectionValues.Side);
        WriteDistribution(json, "initial_rtt_ms", s.InitialRttMs, milliseconds: true);
        json.WriteNumber("syn_retransmits", s.SynRetransmits);
        json.WriteNumber("connections_with_syn_retransmits", s.ConnectionsWithSynRetransmits);
        json.WriteNumber("synack_retransmits", s.SynAckRetransmits);
        json.WriteNumber("connections_with_synack_retransmits", s.ConnectionsWithSynAckRetransmits);
        WriteVerdicts(json, s.SegmentVerdicts);
        json.WriteNumber("connections_with_retransmissions", s.ConnectionsWithRetransmissions);
        WriteDistribution(json, "requests_per_connection", s.RequestsPerConnection, milliseconds: false);
        WriteCounts(json, "http_protocol", s.HttpProtocols, k => ConnectionValues.HttpProtocol(k) ?? "none");
        WriteCounts(json, "flush_reason", s.ByFlushReason, ConnectionValues.FlushReason);

        // Always present (0 when the table never filled): open connections released as evicted, close unknown.
        json.WriteNumber("evicted_table_full", s.ByFlushReason.GetValueOrDefault(Analysis.Connections.FlushReason.Evicted));
        json.WriteNumber("connections_with_stream_gap", s.ConnectionsWithStreamGap);
        WriteTls(json, s.Tls);
        json.WriteEndObject();
    }

    // "tls" is null when the capture has no TLS connection, so the key is always there.
    private static void WriteTls(Utf8JsonWriter json, TlsSummary? t)
    {
        if (t is null)
        {
            json.WriteNull("tls");
            return;
        }

        json.WriteStartObject("tls");
        json.WriteNumber("connections", t.Connections);
        json.WriteNumber("client_hellos", t.ClientHellos);
        json.WriteNumber("server_hellos", t.ServerHellos);
        json.WriteNumber("full_handshakes", t.FullHandshakes);
        json.WriteNumber("resumed", t.Resumed);
        json.WriteNumber("hello_retry_requests", t.HelloRetryRequests);
        json.WriteStartObject("resumption_offered");
        foreach (TlsResumptionOffer mechanism in Enum.GetValues<TlsResumptionOffer>())
        {
            TlsResumptionCounts counts = t.ResumptionOffered.GetValueOrDefault(mechanism) ?? new TlsResumptionCounts(0, 0);
            json.WriteStartObject(ConnectionValues.ResumptionMechanism(mechanism));
            json.WriteNumber("offered", counts.Offered);
            json.WriteNumber("resumed", counts.Resumed);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteTable(json, "versions", t.Versions, Comparer<ushort>.Default, TlsNames.Version);
        WriteTable(json, "alpn_offered", t.AlpnOffered, StringComparer.Ordinal, name => name);
        WriteTable(json, "alpn_selected", t.AlpnSelected, StringComparer.Ordinal, name => name);
        WriteDistribution(json, "ch_to_sh_ms_full", t.ClientHelloToServerHelloMsFull, milliseconds: true);
        WriteDistribution(json, "ch_to_sh_ms_resumed", t.ClientHelloToServerHelloMsResumed, milliseconds: true);
        WriteDistribution(json, "handshake_ms", t.HandshakeMs, milliseconds: true);
        WriteTable(json, "alerts", t.Alerts, StringComparer.Ordinal, name => name);
        json.WriteNumber("connections_with_error", t.ConnectionsWithError);
        json.WriteEndObject();
    }

    // {"name": count, ...} with the exact names as keys (JSON escapes them), then "NAME_other": the occurrences of
    // names past the table's capacity, as a separate key so that it cannot collide with a name from the wire.
    private static void WriteTable<T>(Utf8JsonWriter json, string name, CountTable<T> table, IComparer<T> order, Func<T, string> spell)
        where T : notnull
    {
        json.WriteStartObject(name);
        foreach (KeyValuePair<T, long> entry in table.Counts.OrderBy(e => e.Key, order))
        {
            json.WriteNumber(spell(entry.Key), entry.Value);
        }

        json.WriteEndObject();
        json.WriteNumber(name + "_other", table.Other);
    }

    private static void WriteCapture(Utf8JsonWriter json, CaptureFacts c)
    {
        json.WriteStartObject("capture");
        json.WriteString("file", c.FileName);
        json.WriteString("format", c.Format);
        json.WriteNumber("packets_read", c.PacketsRead);
        json.WriteNumber("tcp_packets", c.TcpPackets);
        json.WriteNumber("non_tcp_packets", c.NonTcpPackets);
        json.WriteNumber("fragments_skipped", c.FragmentsSkipped);
        json.WriteNumber("truncated_packets", c.TruncatedPackets);
        json.WriteNumber("malformed_packets", c.MalformedPackets);
        json.WriteString("first_packet_time", c.FirstPacketTime?.ToIso8601(c.TimestampDigits));
        json.WriteString("last_packet_time", c.LastPacketTime?.ToIso8601(c.TimestampDigits));
        if (c.Capturer is { } k)
        {
            json.WriteStartObject("capturer");
            WriteCount(json, "received", k.Received);
            WriteCount(json, "dropped_by_kernel", k.DroppedByKernel);
            WriteCount(json, "dropped_by_interface", k.DroppedByInterface);
            WriteCount(json, "dropped_by_queue", k.DroppedByQueue);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("capturer");
        }

        json.WriteStartArray("damage");
        foreach (string message in c.DamageMessages)
        {
            json.WriteStringValue(message);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCounts<T>(Utf8JsonWriter json, string name, IReadOnlyDictionary<T, long> counts, Func<T, string> spell)
        where T : struct, Enum
    {
        json.WriteStartObject(name);
        foreach (T key in Enum.GetValues<T>())
        {
            json.WriteNumber(spell(key), counts.GetValueOrDefault(key));
        }

        json.WriteEndObject();
    }

    private static void WriteDistribution(Utf8JsonWriter json, string name, DistributionSummary d, bool milliseconds)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", d.Count);
        WriteValue(json, "mean", d.Mean, milliseconds);
        WriteValue(json, "p50", d.P50, milliseconds);
        WriteValue(json, "p90", d.P90, milliseconds);
        WriteValue(json, "p99", d.P99, milliseconds);
        WriteValue(json, "max", d.Max, milliseconds);
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, double? value, bool milliseconds)
    {
        if (milliseconds)
        {
            JsonFieldWriter.WriteMilliseconds(json, name, value);
        }
        else if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteVerdicts(Utf8JsonWriter json, SegmentVerdictTotals v)
    {
        // Keys are the connection column names the sums are taken over.
        json.WriteStartObject("segment_verdicts");
        json.WriteNumber("retransmissions", v.Retransmissions);
        json.WriteNumber("fast_retransmissions", v.FastRetransmissions);
        json.WriteNumber("spurious_retransmissions", v.SpuriousRetransmissions);
        json.WriteNumber("out_of_order", v.OutOfOrder);
        json.WriteNumber("duplicate_acks", v.DuplicateAcks);
        json.WriteNumber("zero_windows", v.ZeroWindows);
        json.WriteNumber("keep_alives", v.KeepAlives);
        json.WriteNumber("lost_segments", v.LostSegments);
        json.WriteNumber("acked_unseen", v.AckedUnseen);
        json.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
