namespace WireLens.Reporting.Findings;

/// <summary>One threshold of <see cref="FindingThresholds"/>, for help texts and docs.</summary>
/// <param name="Name">The kebab-case name of <c>--threshold name=value</c>.</param>
/// <param name="Default">The default value, invariant culture.</param>
/// <param name="Meaning">The rule it belongs to and what it decides, one line.</param>
public sealed record FindingThresholdInfo(string Name, string Default, string Meaning);
