using System.Globalization;
using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Export;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Summary;
using WireLens.Wire.Tls;

namespace WireLens.Reporting.Text;

/// <summary>
/// Renders a <see cref="CaptureSummary"/> as plain text for standard output: sections Capture, Connections,
/// Handshake, Close, Retransmissions, HTTP, TLS (only when the capture has a TLS connection) and Damage, one
/// <c>label  value</c> line each.
/// </summary>
/// <remarks>
/// Deterministic (golden-testable): invariant culture, <c>\n</c> line ends, every enum value listed in enum order
/// (zeros included), milliseconds with three decimals, <c>-</c> for an unknown value. No line is longer than
/// <see cref="Width"/> columns (longer ones are cut and end with <c>...</c>); text from outside (the file name, the
/// damage messages, ALPN names and alert texts) goes through <see cref="WireText.EscapeControl"/>, and a name in a label
/// is cut to <see cref="NameWidth"/> characters so that its value stays on the line.
/// </remarks>
public static class SummaryTextWriter
{
    /// <summary>The maximum line length.</summary>
    public const int Width = 100;

    /// <summary>The longest name (escaped ALPN name, alert) shown in a label; longer ones are cut and end with <c>...</c>.</summary>
    public const int NameWidth = 40;

    private const int LabelWidth = 30;
    private const string Unknown = "-";

    public static string Render(CaptureSummary summary)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, summary);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, CaptureSummary summary)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summary);
        var lines = new Lines(writer);
        WriteCapture(lines, summary.Capture);
        WriteConnections(lines, summary);
        WriteHandshake(lines, summary);
        WriteClose(lines, summary);
        WriteRetransmissions(lines, summary);
        WriteHttp(lines, summary);
        if (summary.Tls is { } tls)
        {
            WriteTls(lines, tls, summary.Connections);
        }

        WriteDamage(lines, summary.Capture);
    }

    private static void WriteCapture(Lines o, CaptureFacts c)
    {
        o.Section("Capture");
        string format = c.Format.Length > 0 ? $" ({WireText.EscapeControl(c.Format)})" : string.Empty;
        o.Item("File", WireText.EscapeControl(c.FileName) + format);
        o.Item("Packets read", Count(c.PacketsRead));
        o.Item("TCP packets", Count(c.TcpPackets));
        o.Item("Non-TCP packets", Count(c.NonTcpPackets));
        o.Item("Fragments skipped", Count(c.FragmentsSkipped));
        o.Item("Truncated packets", Count(c.TruncatedPackets));
        o.Item("Malformed packets", Count(c.MalformedPackets));
        o.Item("First packet", c.FirstPacketTime?.ToIso8601(c.TimestampDigits) ?? Unknown);
        o.Item("Last packet", c.LastPacketTime?.ToIso8601(c.TimestampDigits) ?? Unknown);
        string span = c.FirstPacketTime is { } first && c.LastPacketTime is { } last
            ? last.SecondsSince(first).ToString("F3", CultureInfo.InvariantCulture) + " s"
            : Unknown;
        o.Item("Time span", span);
        if (c.Capturer is { } k && (k.Received ?? k.DroppedByKernel ?? k.DroppedByInterface ?? k.DroppedByQueue) is not null)
        {
            o.Item("Capturer received", k.Received is { } received ? Count(received) : Unknown);
            o.Item("Capturer dropped", $"{Known(k.DroppedByKernel)} by the kernel, {Known(k.DroppedByInterface)} by the interface");
            if (k.DroppedByQueue is { } queue)
            {
                o.Item("Not analysed live", Count(queue));
            }
        }
    }

    private static string Known(long? count) => count is { } n ? Count(n) : Unknown;

    private static void WriteConnections(Lines o, CaptureSummary s)
    {
        o.Section("Connections");
        o.Item("Total", Count(s.Connections));
        foreach (FlushReason reason in Enum.GetValues<FlushReason>())
        {
            o.Item("Released: " + ConnectionValues.FlushReason(reason), Share(s.ByFlushReason.GetValueOrDefault(reason), s.Connections));
        }

        // Only when it happened, so that the usual report (and its golden files) stays as it was.
        if (s.ByFlushReason.GetValueOrDefault(FlushReason.Evicted) is > 0 and long evicted)
        {
            o.Item("Evicted (table full)", Count(evicted) + " - raise --max-connections");
        }

        o.Item("With a stream gap", Share(s.ConnectionsWithStreamGap, s.Connections));
    }

    private static void WriteHandshake(Lines o, CaptureSummary s)
    {
        o.Section("Handshake");
        o.Item("Completed", Share(s.HandshakesCompleted, s.Connections));
        o.Item("Refused", Share(s.Refused, s.Connections));
        o.Item("Initial RTT (ms)", Percentiles(s.InitialRttMs));
        o.Item("SYN retransmits", $"{Count(s.SynRetransmits)} on {Count(s.ConnectionsWithSynRetransmits)} connections");
        o.Item("SYN/ACK retransmits", $"{Count(s.SynAckRetransmits)} on {Count(s.ConnectionsWithSynAckRetransmits)} connections");
    }

    private static void WriteClose(Lines o, CaptureSummary s)
    {
        o.Section("Close");
        foreach (CloseKind kind in Enum.GetValues<CloseKind>())
        {
            o.Item(ConnectionValues.CloseKind(kind), Share(s.ByCloseKind.GetValueOrDefault(kind), s.Connections));
        }

        foreach (Side side in Enum.GetValues<Side>())
        {
            o.Item("time_wait_side " + ConnectionValues.Side(side), Share(s.ByTimeWaitSide.GetValueOrDefault(side), s.Connections));
        }
    }

    private static void WriteRetransmissions(Lines o, CaptureSummary s)
    {
        o.Section("Retransmissions");
        o.Item("Connections with any", Share(s.ConnectionsWithRetransmissions, s.Connections));
        SegmentVerdictTotals v = s.SegmentVerdicts;
        o.Item("retransmissions", Count(v.Retransmissions));
        o.Item("fast_retransmissions", Count(v.FastRetransmissions));
        o.Item("spurious_retransmissions", Count(v.SpuriousRetransmissions));
        o.Item("out_of_order", Count(v.OutOfOrder));
        o.Item("duplicate_acks", Count(v.DuplicateAcks));
        o.Item("zero_windows", Count(v.ZeroWindows));
        o.Item("keep_alives", Count(v.KeepAlives));
        o.Item("lost_segments", Count(v.LostSegments));
        o.Item("acked_unseen", Count(v.AckedUnseen));
    }

    private static void WriteHttp(Lines o, CaptureSummary s)
    {
        o.Section("HTTP");
        foreach (HttpProtocolKind kind in Enum.GetValues<HttpProtocolKind>())
        {
            o.Item(ConnectionValues.HttpProtocol(kind) ?? "no HTTP request seen", Share(s.HttpProtocols.GetValueOrDefault(kind), s.Connections));
        }

        DistributionSummary r = s.RequestsPerConnection;
        o.Item(
            "Requests per connection",
            $"mean {Ms(r.Mean)}  p50 {Plain(r.P50)}  max {Plain(r.Max)}  (n={Count(r.Count)})");
    }

    private static void WriteTls(Lines o, TlsSummary t, long connections)
    {
        // Percentages are of all connections on the first line, of the TLS connections below it.
        o.Section("TLS");
        long n = t.Connections;
        o.Item("Connections", Share(n, connections));
        o.Item("ClientHello seen", Share(t.ClientHellos, n));
        o.Item("With a ServerHello", Share(t.ServerHellos, n));
        o.Item("Full handshakes", Share(t.FullHandshakes, n));
        o.Item("Resumed", Share(t.Resumed, n));
        o.Item("HelloRetryRequests", Share(t.HelloRetryRequests, n));
        foreach (TlsResumptionOffer mechanism in Enum.GetValues<TlsResumptionOffer>())
        {
            TlsResumptionCounts counts = t.ResumptionOffered.GetValueOrDefault(mechanism) ?? new TlsResumptionCounts(0, 0);
            o.Item(
                "Resumption: " + ConnectionValues.ResumptionMechanism(mechanism),
                $"{Share(counts.Offered, n)} offered, {Count(counts.Resumed)} resumed");
        }

        WriteCounts(o, "Version ", t.Versions, Comparer<ushort>.Default, v => TlsNames.Version(v), n);
        WriteCounts(o, "ALPN offered ", t.AlpnOffered, StringComparer.Ordinal, Name, n);
        WriteCounts(o, "ALPN selected ", t.AlpnSelected, StringComparer.Ordinal, Name, n);
        o.Item("CH to SH, full (ms)", Percentiles(t.ClientHelloToServerHelloMsFull));
        o.Item("CH to SH, resumed (ms)", Percentiles(t.ClientHelloToServerHelloMsResumed));
        o.Item("Handshake (ms)", Percentiles(t.HandshakeMs));
        WriteCounts(o, "Alert ", t.Alerts, StringComparer.Ordinal, Name, total: 0);
        o.Item("With tls_error", Share(t.ConnectionsWithError, n));
    }

    // One line per key in key order, then one for the keys past the table's capacity (when there were any).
    // total = 0 prints bare counts (alerts are occurrences, not connections).
    private static void WriteCounts<T>(Lines o, string prefix, CountTable<T> table, IComparer<T> order, Func<T, string> spell, long total)
        where T : notnull
    {
        foreach (KeyValuePair<T, long> entry in table.Counts.OrderBy(e => e.Key, order))
        {
            o.Item(prefix + spell(entry.Key), Share(entry.Value, total));
        }

        if (table.Other > 0)
        {
            o.Item(prefix + "(other names)", Share(table.Other, total));
        }
    }

    private static void WriteDamage(Lines o, CaptureFacts c)
    {
        o.Section("Damage");
        if (c.DamageMessages.Count == 0)
        {
            o.Text("none");
            return;
        }

        foreach (string message in c.DamageMessages)
        {
            o.Text(WireText.EscapeControl(message));
        }
    }

    private static string Percentiles(DistributionSummary d) =>
        $"p50 {Ms(d.P50)}  p90 {Ms(d.P90)}  p99 {Ms(d.P99)}  max {Ms(d.Max)}  (n={Count(d.Count)})";

    // A wire name for a label: escaped, cut to NameWidth, and visible when empty.
    private static string Name(string wire)
    {
        if (wire.Length == 0)
        {
            return "(empty)";
        }

        string escaped = WireText.EscapeControl(wire);
        if (escaped.Length <= NameWidth)
        {
            return escaped;
        }

        int cut = NameWidth - 3;
        if (char.IsHighSurrogate(escaped[cut - 1]))
        {
            cut--;
        }

        return string.Concat(escaped.AsSpan(0, cut), "...");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long value, long total) =>
        total <= 0
            ? Count(value)
            : string.Create(CultureInfo.InvariantCulture, $"{Count(value)} ({100.0 * value / total:F1}%)");

    private static string Ms(double? value) => value is { } v ? ConnectionValues.Milliseconds(v) : Unknown;

    private static string Plain(double? value) =>
        value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : Unknown;

    /// <summary>Writes sections and items, keeping every line within <see cref="Width"/>.</summary>
    private sealed class Lines(TextWriter writer)
    {
        private bool _first = true;

        public void Section(string title)
        {
            if (!_first)
            {
                writer.Write('\n');
            }

            _first = false;
            Line(title);
        }

        // A label longer than the column (a long ALPN name) still gets two spaces before its value.
        public void Item(string label, string value) =>
            Line("  " + (label.Length < LabelWidth ? label.PadRight(LabelWidth) : label + "  ") + value);

        public void Text(string text) => Line("  " + text);

        private void Line(string line)
        {
            writer.Write(Fit(line));
            writer.Write('\n');
        }

        private static string Fit(string line)
        {
            if (line.Length <= Width)
            {
                return line;
            }

            int cut = Width - 3;
            if (char.IsHighSurrogate(line[cut - 1]))
            {
                cut--;
            }

            return new StringBuilder(line, 0, cut, Width).Append("...").ToString();
        }
    }
}
