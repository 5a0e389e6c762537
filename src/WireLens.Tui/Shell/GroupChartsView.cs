using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;

namespace WireLens.Tui.Shell;

/// <summary>
/// Charts of the selected group over time, from <see cref="ToolsReport.TimeSeries"/>: new connections per second,
/// concurrent connections, client and server sockets in TIME_WAIT, retransmissions per second (the last seconds that
/// fit, each labelled with its maximum), then the ClientHello→ServerHello latency histogram, full and resumed.
/// Each chart is one row, or more when the pane is tall.
/// </summary>
internal sealed class GroupChartsView : PaneView
{
    private const int LabelWidth = 8;
    private const int MaxLabelWidth = 10;
    private const int Charts = 7;

    private static readonly (string Label, Func<TimeSeriesRow, long> Value)[] s_series =
    [
        ("new/s", r => r.Opened),
        ("conc", r => r.Concurrent),
        ("TW cli", r => r.TimeWaitClient),
        ("TW srv", r => r.TimeWaitServer),
        ("retx/s", r => r.Retransmissions),
    ];

    private ToolsReport? _report;
    private string? _group;
    private ConnectionRows _rows;
    private (int Count, string? Group)? _histogramKey;
    private HandshakeLatencyHistogram _histogram = new([], 0, 0);

    public GroupChartsView(Palette palette)
        : base(palette)
    {
    }

    protected override string PaneTitle
    {
        get
        {
            if (_group is null)
            {
                return "Charts";
            }

            int seconds = Math.Min(SeriesOf(_report, _group).Count, Math.Max(0, ContentWidth - LabelWidth - MaxLabelWidth));
            return $"Charts: {Format.Wire(_group, 24)}, last {seconds} s";
        }
    }

    /// <summary>Shows <paramref name="group"/> of <paramref name="report"/>; <paramref name="rows"/> give the latency histogram.</summary>
    public void Update(ToolsReport? report, string? group, ConnectionRows rows)
    {
        _report = report;
        _group = group;
        _rows = rows;
        SetNeedsDraw();
    }

    protected override void DrawContent()
    {
        if (_group is null)
        {
            Put(1, 1, "no group yet", Palette.Normal);
            return;
        }

        int height = Math.Max(1, ContentHeight / Charts);
        int barsWidth = Math.Max(1, ContentWidth - LabelWidth - MaxLabelWidth);
        List<TimeSeriesRow> series = SeriesOf(_report, _group);
        int first = Math.Max(0, series.Count - barsWidth);
        int y = 1;
        foreach ((string label, Func<TimeSeriesRow, long> value) in s_series)
        {
            long[] values = new long[series.Count - first];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = value(series[first + i]);
            }

            y = DrawChart(y, height, label, values, "max " + Format.Short(values.Length == 0 ? 0 : values.Max()));
        }

        HandshakeLatencyHistogram histogram = Histogram();
        if (histogram.Bins.Count == 0)
        {
            Put(0, y, "TLS hs".PadRight(LabelWidth), Palette.Bold);
            Put(LabelWidth, y, "no TLS handshake", Palette.Dim);
            return;
        }

        // Each bin gets the same few columns; the value label says the range.
        int perBin = Math.Clamp(barsWidth / histogram.Bins.Count, 1, 3);
        long max = histogram.Bins.Max(static b => Math.Max(b.Full, b.Resumed));
        string range = Format.Ms(histogram.Bins[0].LowMs) + "-" + Format.Ms(histogram.Bins[^1].HighMs) + "ms";
        y = DrawChart(y, height, "hs full", Spread(histogram.Bins, static b => b.Full, perBin), Format.Short(histogram.Full) + " " + range, max);
        DrawChart(y, height, "hs res", Spread(histogram.Bins, static b => b.Resumed, perBin), Format.Short(histogram.Resumed) + " max " + Format.Short(max), max);
    }

    private static long[] Spread(IReadOnlyList<HandshakeLatencyBin> bins, Func<HandshakeLatencyBin, long> value, int perBin)
    {
        long[] values = new long[bins.Count * perBin];
        for (int b = 0; b < bins.Count; b++)
        {
            Array.Fill(values, value(bins[b]), b * perBin, perBin);
        }

        return values;
    }

    private static List<TimeSeriesRow> SeriesOf(ToolsReport? report, string group)
    {
        var rows = new List<TimeSeriesRow>();
        if (report is null)
        {
            return rows;
        }

        foreach (TimeSeriesRow row in report.TimeSeries)
        {
            if (string.Equals(row.Group, group, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private HandshakeLatencyHistogram Histogram()
    {
        // Rows only grow: a new count or another group is a new histogram.
        (int, string?) key = (_rows.Count, _group);
        if (_histogramKey != key)
        {
            _histogram = HandshakeLatency.Build(_rows, _group);
            _histogramKey = key;
        }

        return _histogram;
    }

    private int DrawChart(int y, int height, string label, long[] values, string note, long? scale = null)
    {
        if (y + height - 1 > ContentHeight)
        {
            return y + height;
        }

        long max = scale ?? (values.Length == 0 ? 0 : values.Max());
        string[] rows = Sparkline.Render(values, max, height, Palette.Glyphs);
        Put(0, y + height - 1, label.PadRight(LabelWidth), Palette.Bold);
        for (int r = 0; r < height; r++)
        {
            Put(LabelWidth, y + r, rows[r], Palette.Normal);
        }

        Put(LabelWidth + values.Length + 1, y + height - 1, note, Palette.Dim);
        return y + height;
    }
}
