using System.Text.Json;
using WireLens.Reporting.Export;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Summary;

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
        json.WriteNumber("connections_with_stream_gap", s.ConnectionsWithStreamGap);
        json.WriteEndObject();
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
}
