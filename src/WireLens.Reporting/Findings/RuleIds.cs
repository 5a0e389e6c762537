namespace WireLens.Reporting.Findings;

/// <summary>The stable rule ids of findings (docs/findings.md); they are part of findings.csv and never change meaning.</summary>
public static class RuleIds
{
    public const string NoReuse = "no-reuse";
    public const string ClientTimeWait = "client-time-wait";
    public const string ServerTimeWait = "server-time-wait";
    public const string SynRetransmits = "syn-retransmits";
    public const string Refused = "refused";
    public const string Retransmissions = "retransmissions";
    public const string TlsFullHandshakes = "tls-full-handshakes";
    public const string H2NotNegotiated = "h2-not-negotiated";
    public const string KeepAliveRace = "keepalive-race";
    public const string ConcurrencyMismatch = "concurrency-mismatch";
    public const string CaptureIncomplete = "capture-incomplete";
}
