namespace WireLens.Reporting.Findings;

/// <summary>A rule of the <see cref="FindingEngine"/>, for help texts: its id and when it fires, one line.</summary>
/// <param name="Id">The stable id (<see cref="RuleIds"/>).</param>
/// <param name="Description">When the rule fires, with its threshold names.</param>
public sealed record FindingRule(string Id, string Description);
