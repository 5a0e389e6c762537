namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>One row of ja4-tools.tsv: a JA4 seen from a tool, and the captures under captures/fingerprints/ that show it.</summary>
public sealed record Ja4ToolRow(string Ja4, string Tool, string ToolVersion, string ClientLibrary, IReadOnlyList<string> Captured);
