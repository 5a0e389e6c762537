using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using WireLens.Reporting.Text;

namespace WireLens.Reporting.Findings;

public sealed partial record FindingThresholds
{
    // One row per threshold: its CLI name, the kind of value it takes, how to read and set it, and what it means.
    // The order is the rules' order in docs/findings.md.
    private static readonly Threshold[] s_table =
    [
        new("no-reuse-mean-below", Kind.Positive, t => t.NoReuseMeanBelow, (t, v) => t with { NoReuseMeanBelow = v },
            "no-reuse: mean requests per connection below this"),
        new("no-reuse-min-connections", Kind.Count, t => t.NoReuseMinConnections, (t, v) => t with { NoReuseMinConnections = (long)v },
            "no-reuse: connections with known requests needed"),
        new("no-reuse-server-close-share-below", Kind.Share, t => t.NoReuseServerCloseShareBelow, (t, v) => t with { NoReuseServerCloseShareBelow = v },
            "no-reuse: share of connections the server itself asked to close must be below this"),
        new("time-wait-share-at-least", Kind.Share, t => t.TimeWaitShareAtLeast, (t, v) => t with { TimeWaitShareAtLeast = v },
            "client/server-time-wait: the side's TIME_WAIT share of FIN-closed connections needed"),
        new("time-wait-peak-at-least", Kind.Count, t => t.TimeWaitPeakAtLeast, (t, v) => t with { TimeWaitPeakAtLeast = (long)v },
            "client/server-time-wait: most sockets in TIME_WAIT at once needed"),
        new("time-wait-peak-over-concurrent", Kind.Positive, t => t.TimeWaitPeakOverConcurrent, (t, v) => t with { TimeWaitPeakOverConcurrent = v },
            "client/server-time-wait: the TIME_WAIT peak must be at least this many times the concurrent peak"),
        new("exhaustion-error-seconds", Kind.Positive, t => t.ExhaustionErrorSeconds, (t, v) => t with { ExhaustionErrorSeconds = v },
            "client-time-wait: error when ports toward a non-loopback server run out within this (or the group's duration)"),
        new("syn-retransmits-at-least", Kind.Count, t => t.SynRetransmitsAtLeast, (t, v) => t with { SynRetransmitsAtLeast = (long)v },
            "syn-retransmits: SYN plus SYN/ACK retransmissions needed"),
        new("syn-retransmits-error-share", Kind.Share, t => t.SynRetransmitsErrorShare, (t, v) => t with { SynRetransmitsErrorShare = v },
            "syn-retransmits: error from this share of connections with one"),
        new("refused-at-least", Kind.Count, t => t.RefusedAtLeast, (t, v) => t with { RefusedAtLeast = (long)v },
            "refused: refused connections needed"),
        new("refused-error-share", Kind.Share, t => t.RefusedErrorShare, (t, v) => t with { RefusedErrorShare = v },
            "refused: error from this share of connections refused"),
        new("retransmission-share-above", Kind.Share, t => t.RetransmissionShareAbove, (t, v) => t with { RetransmissionShareAbove = v },
            "retransmissions: share of payload frames retransmitted and not D-SACKed as unnecessary must exceed this"),
        new("retransmission-error-share-above", Kind.Share, t => t.RetransmissionErrorShareAbove, (t, v) => t with { RetransmissionErrorShareAbove = v },
            "retransmissions: error above this share"),
        new("retransmission-min-payload-frames", Kind.Count, t => t.RetransmissionMinPayloadFrames, (t, v) => t with { RetransmissionMinPayloadFrames = (long)v },
            "retransmissions: frames with payload needed"),
        new("tls-full-share-above", Kind.Share, t => t.TlsFullShareAbove, (t, v) => t with { TlsFullShareAbove = v },
            "tls-full-handshakes: full share of TLS handshakes must exceed this"),
        new("tls-min-handshakes", Kind.Count, t => t.TlsMinHandshakes, (t, v) => t with { TlsMinHandshakes = (long)v },
            "tls-full-handshakes: TLS handshakes needed"),
        new("tls-full-over-concurrent", Kind.Positive, t => t.TlsFullOverConcurrent, (t, v) => t with { TlsFullOverConcurrent = v },
            "tls-full-handshakes: full handshakes must be at least this many times the concurrent peak"),
        new("h2-not-negotiated-at-least", Kind.Count, t => t.H2NotNegotiatedAtLeast, (t, v) => t with { H2NotNegotiatedAtLeast = (long)v },
            "h2-not-negotiated: connections that offered h2 and got HTTP/1.1 needed"),
        new("keepalive-race-at-least", Kind.Count, t => t.KeepAliveRaceAtLeast, (t, v) => t with { KeepAliveRaceAtLeast = (long)v },
            "keepalive-race: connections that lost a request to the race needed"),
        new("concurrency-peak-below", Kind.Share, t => t.ConcurrencyPeakBelow, (t, v) => t with { ConcurrencyPeakBelow = v },
            "concurrency-mismatch: concurrent peak below this share of the configured concurrency"),
        new("concurrency-churn-over", Kind.Positive, t => t.ConcurrencyChurnOver, (t, v) => t with { ConcurrencyChurnOver = v },
            "concurrency-mismatch: connections opened above this many times the configured concurrency"),
        new("capture-drops-error-share", Kind.Share, t => t.CaptureDropsErrorShare, (t, v) => t with { CaptureDropsErrorShare = v },
            "capture-incomplete: error from this share of received packets dropped by the capturer"),
    ];

    // Built from a fresh instance, not Default: static initialisers of partial files run in no defined order.
    private static readonly IReadOnlyList<FindingThresholdInfo> s_names =
        [.. s_table.Select(t => new FindingThresholdInfo(t.Name, Format(t.Get(new FindingThresholds())), t.Meaning))];

    private enum Kind
    {
        /// <summary>A fraction from 0 to 1.</summary>
        Share,

        /// <summary>A finite number above 0 (a mean, a factor, seconds).</summary>
        Positive,

        /// <summary>A whole number, at least 1.</summary>
        Count,
    }

    /// <summary>Every threshold's kebab-case name, default and meaning, in the order of docs/findings.md.</summary>
    public static IReadOnlyList<FindingThresholdInfo> Names => s_names;

    /// <summary>The value of the threshold called <paramref name="name"/> (a <see cref="Names"/> name), invariant culture.</summary>
    public string Value(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Threshold row = s_table.FirstOrDefault(t => t.Name == name)
            ?? throw new ArgumentException($"No threshold is called '{WireText.EscapeControl(name)}'.", nameof(name));
        return Format(row.Get(this));
    }

    /// <summary>Reads <c>name=value[,name=value]</c> over the <see cref="Default"/> thresholds.</summary>
    public static bool TryParse(
        string spec,
        [NotNullWhen(true)] out FindingThresholds? thresholds,
        [NotNullWhen(false)] out string? error) =>
        TryParse(spec, Default, out thresholds, out error);

    /// <summary>
    /// Reads <c>name=value[,name=value]</c> (names from <see cref="Names"/>, numbers in invariant culture, shares as
    /// fractions) and returns <paramref name="baseline"/> with those thresholds changed, so that several
    /// <c>--threshold</c> options can be applied one after another. On failure <paramref name="error"/> is one line
    /// naming the bad item (user text escaped with <see cref="WireText.EscapeControl"/>).
    /// </summary>
    public static bool TryParse(
        string spec,
        FindingThresholds baseline,
        [NotNullWhen(true)] out FindingThresholds? thresholds,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(baseline);
        thresholds = null;
        if (string.IsNullOrWhiteSpace(spec))
        {
            error = "empty threshold list: expected name=value[,name=value]";
            return false;
        }

        FindingThresholds result = baseline;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string raw in spec.Split(','))
        {
            string item = raw.Trim();
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = item.Length == 0
                    ? "empty item in the threshold list: expected name=value[,name=value]"
                    : $"threshold '{WireText.EscapeControl(item)}': expected name=value";
                return false;
            }

            string name = item[..equals].Trim();
            string text = item[(equals + 1)..].Trim();
            Threshold? row = s_table.FirstOrDefault(t => t.Name == name);
            if (row is null)
            {
                error = $"unknown threshold '{WireText.EscapeControl(name)}' (known: {string.Join(", ", s_table.Select(t => t.Name))})";
                return false;
            }

            if (!seen.Add(name))
            {
                error = $"threshold '{name}' is given twice";
                return false;
            }

            if (!TryReadValue(row.Kind, text, out double value, out string? problem))
            {
                error = $"threshold '{name}': '{WireText.EscapeControl(text)}' {problem}";
                return false;
            }

            result = row.With(result, value);
        }

        thresholds = result;
        error = null;
        return true;
    }

    private static bool TryReadValue(Kind kind, string text, out double value, [NotNullWhen(false)] out string? problem)
    {
        if (kind == Kind.Count)
        {
            // Whole digits only: "1e3" or "10.0" for a count is more likely a mistake than a wish.
            bool whole = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long count);
            value = count;
            problem = !whole ? "is not a whole number" : count < 1 ? "must be at least 1" : null;
            return problem is null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            problem = "is not a number";
            return false;
        }

        problem = kind switch
        {
            Kind.Share when value is < 0 or > 1 => "is not a share between 0 and 1 (write 1% as 0.01)",
            Kind.Positive when value <= 0 => "must be above 0",
            _ => null,
        };
        return problem is null;
    }

    private static string Format(double value) => value.ToString("0.###############", CultureInfo.InvariantCulture);

    private sealed record Threshold(
        string Name,
        Kind Kind,
        Func<FindingThresholds, double> Get,
        Func<FindingThresholds, double, FindingThresholds> With,
        string Meaning);
}
