using WireLens.Reporting.Groups;

namespace WireLens.Reporting.Findings;

/// <summary>A rule over one group: a finding, or null when the group gives it nothing to say.</summary>
/// <param name="Id">The stable id (<see cref="RuleIds"/>).</param>
/// <param name="Description">When it fires, one line (<see cref="FindingRule.Description"/>).</param>
/// <param name="Evaluate">The rule itself.</param>
internal sealed record GroupRule(string Id, string Description, Func<GroupReport, FindingThresholds, Finding?> Evaluate);
