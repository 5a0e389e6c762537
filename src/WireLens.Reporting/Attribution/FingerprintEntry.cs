namespace WireLens.Reporting.Attribution;

/// <summary>One row of the fingerprint table: a JA4 seen from one tool.</summary>
/// <param name="Ja4">The JA4 fingerprint (<c>t13d1516h2_8daaf6152771_e5627efa2ab1</c>).</param>
/// <param name="Tool">The tool's lowercase name.</param>
/// <param name="ToolVersion">The tool's version as it reports it.</param>
/// <param name="ClientLibrary">The TLS library the tool used (<c>OpenSSL 3.0.11</c>, <c>Go 1.19 crypto/tls</c>).</param>
/// <param name="Captured">When and how the fingerprint was captured.</param>
/// <param name="Line">The line of the table it was read from (1-based).</param>
public sealed record FingerprintEntry(string Ja4, string Tool, string ToolVersion, string ClientLibrary, string Captured, int Line);
