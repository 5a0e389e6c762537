using System.Globalization;
using System.Text;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;

namespace WireLens.Reporting.Text;

/// <summary>
/// The head of the <c>analyze</c> text output: the per-group table (what fits in <see cref="Width"/> columns), the
/// "tool says vs wire says" lines of runs whose manifest carries the tool's own figures, and the findings.
/// </summary>
/// <remarks>
/// Deterministic (golden-testable): invariant culture, <c>\n</c> line ends, <c>-</c> where a figure does not apply.
/// Group keys and tool names can come from the wire or a manifest: escaped with <see cref="WireText.EscapeControl"/>
/// and cut to their column with <c>~</c> as the last character.
/// </remarks>
public static class ToolsTextWriter
{
    /// <summary>The maximum line length of the table.</summary>
    public const int Width = 120;

    private const string None = "-";

    // Header, width, right-aligned, value.
    private static readonly (string Header, int Width, bool Right, Func<GroupReport, string> Value)[] s_columns =
    [
        ("group", 16, false, g => g.Group),
        ("tool", 10, false, g => g.Tool),
        ("conns", 8, true, g => Count(g.Connections)),
        ("req/conn", 9, true, g => Fixed(g.RequestsPerConnection.Mean, "F2")),
        ("new/s", 7, true, g => Fixed(g.NewConnectionsPerSecondMean, "F0")),
        ("new/s^", 7, true, g => g.NewConnectionsPerSecondMean is null ? None : Count(g.NewConnectionsPerSecondPeak)),
        ("conc^", 6, true, g => Count(g.ConcurrentPeak)),
        ("rtt p50", 8, true, g => Fixed(g.HandshakeRttMs.P50, "F3")),
        ("syn-rtx", 8, true, g => Count(g.SynRetransmits)),
        ("retx%", 6, true, g => Fixed(g.RetransmissionShare * 100, "F2")),
        ("closes", 8, false, Closer),
        ("TW-cli^", 8, true, g => Count(g.TimeWaitClientPeak)),
        ("TW-srv^", 8, true, g => Count(g.TimeWaitServerPeak)),
        ("tls res", 8, true, g => g.TlsHandshakes == 0 ? None : Fixed(g.TlsResumed * 100.0 / g.TlsHandshakes, "F0") + "%"),
    ];

    public static string Render(ToolsReport report, IReadOnlyList<Finding> findings)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(writer, report, findings);
        return writer.ToString();
    }

    public static void Write(TextWriter writer, ToolsReport report, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(findings);
        WriteTable(writer, report);
        WriteToolSays(writer, report);
        WriteFindings(writer, findings);
    }

    private static void WriteTable(TextWriter writer, ToolsReport report)
    {
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"Connection behaviour by {report.GroupBy} (rtt in ms; ^ = peak; TIME_WAIT {report.TimeWaitSeconds:0.###} s)\n"));
        if (report.Groups.Count == 0)
        {
            writer.Write("  no TCP connections\n\n");
            return;
        }

        var line = new StringBuilder(Width);
        foreach (var column in s_columns)
        {
            Cell(line, column.Header, column.Width, column.Right);
        }

        writer.Write(line.ToString().TrimEnd() + "\n");
        foreach (GroupReport g in report.Groups)
        {
            line.Clear();
            foreach (var column in s_columns)
            {
                Cell(line, column.Value(g), column.Width, column.Right);
            }

            writer.Write(line.ToString().TrimEnd() + "\n");
        }

        writer.Write("\n");
    }

    // Runs whose manifest carries the tool's own figures or its configured concurrency: what it says beside the wire.
    private static void WriteToolSays(TextWriter writer, ToolsReport report)
    {
        bool any = false;
        foreach (GroupReport g in report.Groups)
        {
            if (g.Run is not { } run || (run.Summary is null && run.Concurrency is null))
            {
                continue;
            }

            if (!any)
            {
                writer.Write("Tool says vs wire says\n");
                any = true;
            }

            var parts = new List<string>(3);
            ToolSummary? s = run.Summary;
            if (s?.Requests is { } requests)
            {
                parts.Add($"requests {Count(requests)} vs {Count(g.Requests)}{(g.RequestsEstimated > 0 ? " (estimated in part)" : string.Empty)}");
            }

            if (s?.Connections is { } connections)
            {
                parts.Add($"connections {Count(connections)} vs {Count(g.Connections)}");
            }

            if (run.Concurrency is { } concurrency)
            {
                parts.Add($"concurrency {Count(concurrency)} configured vs peak {Count(g.ConcurrentPeak)} open");
            }

            if (s?.Errors is { } errors)
            {
                parts.Add($"errors {Count(errors)} (tool)");
            }

            writer.Write($"  {Fit(WireText.EscapeControl(g.Group), 24)}: {string.Join("; ", parts)}\n");
        }

        if (any)
        {
            writer.Write("\n");
        }
    }

    private static void WriteFindings(TextWriter writer, IReadOnlyList<Finding> findings)
    {
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"Findings ({findings.Count})\n"));
        if (findings.Count == 0)
        {
            writer.Write("  none\n\n");
            return;
        }

        foreach (Finding f in findings)
        {
            // Statements and advice are built by WireLens with wire text already escaped; escaped again here anyway
            // (idempotent on escaped text) so that nothing reaches the terminal raw.
            writer.Write($"  {Finding.SeverityName(f.Severity),-7} {f.Rule} [{WireText.EscapeControl(f.Group)}] {WireText.EscapeControl(f.Statement)}\n");
            writer.Write($"          -> {WireText.EscapeControl(f.Advice)}\n");
        }

        writer.Write("\n");
    }

    private static string Closer(GroupReport g)
    {
        long client = g.CloseClientFin;
        long server = g.CloseServerFin;
        long rst = g.CloseClientRst + g.CloseServerRst;
        long total = client + server + g.CloseSimultaneous + rst;
        if (total == 0)
        {
            return None;
        }

        // The side that closed at least 80% of the closed connections first, else "mixed".
        return client * 5 >= total * 4 ? "client"
            : server * 5 >= total * 4 ? "server"
            : rst * 5 >= total * 4 ? "rst"
            : "mixed";
    }

    private static void Cell(StringBuilder line, string value, int width, bool right)
    {
        string text = Fit(WireText.EscapeControl(value), width - 1);
        line.Append(right ? text.PadLeft(width - 1) : text.PadRight(width - 1)).Append(' ');
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "~");

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : None;
}
