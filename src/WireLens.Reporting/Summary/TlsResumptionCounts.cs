namespace WireLens.Reporting.Summary;

/// <summary>How many ClientHellos offered one resumption mechanism, and how many of those handshakes were resumed.</summary>
public sealed record TlsResumptionCounts(long Offered, long Resumed);
