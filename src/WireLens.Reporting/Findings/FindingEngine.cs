using WireLens.Reporting.Groups;

namespace WireLens.Reporting.Findings;

/// <summary>
/// Turns a <see cref="ToolsReport"/> and the capture's <see cref="CaptureHealth"/> into findings: each rule
/// (docs/findings.md) looks at one group, or at the capture as a whole, and says what it saw with the numbers and what
/// to change. Deterministic: the same report and thresholds give the same findings in the same order.
/// </summary>
public static class FindingEngine
{
    /// <summary>The <see cref="Finding.Group"/> of capture-wide findings (<c>capture-incomplete</c>).</summary>
    public const string CaptureGroup = "*";

    private static readonly IReadOnlyList<FindingRule> s_rules =
    [
        .. GroupRules.All.Select(r => new FindingRule(r.Id, r.Description)),
        new FindingRule(RuleIds.CaptureIncomplete, CaptureRules.Description),
    ];

    /// <summary>Every rule with its id and when it fires, in id order (group rules, then capture-incomplete).</summary>
    public static IReadOnlyList<FindingRule> Rules => s_rules;

    /// <summary>
    /// Every finding of the report: by severity (error first), then group (the capture-wide one first, then the
    /// groups in <see cref="ToolsReport.Groups"/> order), then rule id (ordinal). At most one finding per rule and group.
    /// </summary>
    public static IReadOnlyList<Finding> Evaluate(ToolsReport report, CaptureHealth health, FindingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(thresholds);

        // (group position, finding): -1 for the capture, then the report's order.
        var found = new List<(int Position, Finding Finding)>();
        if (CaptureRules.CaptureIncomplete(health, thresholds) is { } capture)
        {
            found.Add((-1, capture));
        }

        for (int i = 0; i < report.Groups.Count; i++)
        {
            GroupReport group = report.Groups[i];
            foreach (GroupRule rule in GroupRules.All)
            {
                if (rule.Evaluate(group, thresholds) is { } finding)
                {
                    found.Add((i, finding));
                }
            }
        }

        return [.. found
            .OrderByDescending(f => f.Finding.Severity)
            .ThenBy(f => f.Position)
            .ThenBy(f => f.Finding.Rule, StringComparer.Ordinal)
            .Select(f => f.Finding)];
    }

    /// <summary>
    /// True when a finding is at or above <paramref name="threshold"/> (<c>--fail-on</c>: the command then exits 3).
    /// </summary>
    public static bool FailsOn(IReadOnlyList<Finding> findings, FindingSeverity threshold)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return findings.Any(f => f.Severity >= threshold);
    }
}
