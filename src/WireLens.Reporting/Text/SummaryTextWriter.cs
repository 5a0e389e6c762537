using System.Globalization;
using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Export;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Summary;

namespace WireLens.Reporting.Text;

/// <summary>
/// Renders a <see cref="CaptureSummary"/> as plain text for standard output: sections Capture, Connections,
/// Handshake, Close, Retransmissions, HTTP and Damage, one <c>label  value</c> line each.
/// </summary>
/// <remarks>
/// Deterministic (golden-testable): invariant culture, <c>\n</c> line ends, every enum value listed in enum order
/// (zeros included), milliseconds with three decimals, <c>-</c> for an unknown value. No line is longer than
/// <see cref="Width"/> columns (longer ones are cut and end with <c>...</c>); text from outside (the file name, the
/// damage messages) goes through <see cref="WireText.EscapeControl"/>.
/// </remarks>
public static class SummaryTextWriter
{
    /// <summary>The maximum line length.</summary>
    public const int Width = 100;

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
    }

    private static void WriteConnections(Lines o, CaptureSummary s)
    {
        o.Section("Connections");
        o.Item("Total", Count(s.Connections));
        foreach (FlushReason reason in Enum.GetValues<FlushReason>())
        {
            o.Item("Released: " + ConnectionValues.FlushReason(reason), Share(s.ByFlushReason.GetValueOrDefault(reason), s.Connections));
        }

        o.Item("With a stream gap", Share(s.ConnectionsWithStreamGap, s.Connections));
    }

    private static void WriteHandshake(Lines o, CaptureSummary s)
    {
        o.Section("Handshake");
        o.Item("Completed", Share(s.HandshakesCompleted, s.Connections));
        o.Item("Refused", Share(s.Refused, s.Connections));
        DistributionSummary rtt = s.InitialRttMs;
        o.Item(
            "Initial RTT (ms)",
            $"p50 {Ms(rtt.P50)}  p90 {Ms(rtt.P90)}  p99 {Ms(rtt.P99)}  max {Ms(rtt.Max)}  (n={Count(rtt.Count)})");
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

        public void Item(string label, string value) => Line("  " + label.PadRight(LabelWidth) + value);

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
