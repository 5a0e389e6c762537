using System.Text;
using WireLens.Cli.Commands;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Reports;

/// <summary>
/// `wirelens analyze CAPTURE --csv DIR` run in-process, and what it wrote: the exit code, the text report, and the rows
/// of tools.csv (one per group), findings.csv and connections.csv.
/// </summary>
public sealed class ToolReport
{
    private ToolReport(int exitCode, string output, string errors, string csvDirectory)
    {
        ExitCode = exitCode;
        Output = output;
        Errors = errors;
        Groups = ReportRow.ReadAll(Path.Combine(csvDirectory, "tools.csv"));
        Findings = ReportRow.ReadAll(Path.Combine(csvDirectory, "findings.csv"));
        Connections = ReportRow.ReadAll(Path.Combine(csvDirectory, "connections.csv"));
    }

    public int ExitCode { get; }

    /// <summary>The text report (groups, findings, capture summary).</summary>
    public string Output { get; }

    public string Errors { get; }

    /// <summary>tools.csv: one row per group, most connections first.</summary>
    public IReadOnlyList<ReportRow> Groups { get; }

    /// <summary>findings.csv, in the engine's order.</summary>
    public IReadOnlyList<ReportRow> Findings { get; }

    /// <summary>connections.csv, one row per connection.</summary>
    public IReadOnlyList<ReportRow> Connections { get; }

    /// <summary>The groups that carried at least one request.</summary>
    public IEnumerable<ReportRow> GroupsWithRequests => Groups.Where(g => g.Count("requests") > 0);

    /// <summary>
    /// Analyzes <paramref name="capture"/> into a fresh CSV folder. <paramref name="configure"/> sets the options
    /// (group-by, manifest, fail-on, thresholds); by default no run manifest is read.
    /// </summary>
    public static ToolReport Analyze(string capture, Func<AnalyzeArguments, AnalyzeArguments>? configure = null)
    {
        string csvDirectory = TestPaths.NewTempDirectory("wl-report");
        var arguments = new AnalyzeArguments(capture, csvDirectory, null, null, 300) { NoManifest = true };
        arguments = configure?.Invoke(arguments) ?? arguments;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = AnalyzeCommand.Run(arguments, stdout, stderr);
        return new ToolReport(exit, stdout.ToString(), stderr.ToString(), csvDirectory);
    }

    /// <summary>The tools.csv row of group <paramref name="key"/>; fails when there is none.</summary>
    public ReportRow Group(string key)
    {
        ReportRow? row = FindGroup(key);
        Assert.True(row is not null, $"no group '{key}' in tools.csv; groups: {string.Join(", ", Groups.Select(g => g["group"]))}\n{Output}");
        return row!;
    }

    public ReportRow? FindGroup(string key) => Groups.SingleOrDefault(g => g["group"] == key);

    /// <summary>The groups of tools.csv are exactly <paramref name="keys"/> (in any order).</summary>
    public void AssertGroups(params string[] keys) =>
        Assert.Equal(keys.Order(StringComparer.Ordinal), Groups.Select(g => g["group"]).Order(StringComparer.Ordinal));

    /// <summary>
    /// The findings are exactly <paramref name="expected"/> as (rule, group) pairs, no others; the message lists the
    /// statements of those that fired.
    /// </summary>
    public void AssertFindings(params (string Rule, string Group)[] expected)
    {
        string[] want = [.. expected.Select(f => $"{f.Rule} {f.Group}").Order(StringComparer.Ordinal)];
        string[] got = [.. Findings.Select(f => $"{f["rule"]} {f["group"]}").Order(StringComparer.Ordinal)];
        Assert.True(
            want.SequenceEqual(got),
            $"findings (rule group): expected [{string.Join("; ", want)}], got [{string.Join("; ", got)}]\n" +
            string.Join("\n", Findings.Select(f => $"{f["severity"]} {f["rule"]}: {f["statement"]}")));
    }

    /// <summary>
    /// The report's parts that do not vary from one capture of the scenario to the next: the groups that carried
    /// requests with their tool and how it was named, and every finding's severity, rule and group. Counts and times
    /// vary and are asserted by the tests instead; so are groups without requests, which some tools leave only
    /// sometimes (connections opened ahead of need).
    /// </summary>
    public string StableText(string scenario)
    {
        var text = new StringBuilder();
        text.Append("# scenario: ").Append(scenario).Append('\n');
        text.Append("# groups that carried requests: group,tool,tool_source\n");
        foreach (ReportRow g in GroupsWithRequests.OrderBy(g => g["group"], StringComparer.Ordinal))
        {
            text.Append(g["group"]).Append(',').Append(g["tool"]).Append(',').Append(g["tool_source"]).Append('\n');
        }

        text.Append("# findings: severity,rule,group\n");
        if (Findings.Count == 0)
        {
            text.Append("none\n");
        }

        foreach (string line in Findings.Select(f => $"{f["severity"]},{f["rule"]},{f["group"]}").Order(StringComparer.Ordinal))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
