using WireLens.Reporting.Groups;

namespace WireLens.Reporting.Findings;

/// <summary>
/// The rules over one group, as a table (<see cref="All"/>); each rule's function lives in the partial file of its
/// concern: reuse and TIME_WAIT (<c>GroupRules.Reuse.cs</c>), TCP (<c>GroupRules.Tcp.cs</c>), TLS and HTTP/2
/// (<c>GroupRules.Tls.cs</c>). Thresholds and wording: docs/findings.md.
/// </summary>
internal static partial class GroupRules
{
    /// <summary>Every group rule, in rule id order.</summary>
    public static IReadOnlyList<GroupRule> All { get; } =
    [
        new(RuleIds.ClientTimeWait,
            "client TIME_WAIT share >= time-wait-share-at-least, peak >= time-wait-peak-at-least and >= time-wait-peak-over-concurrent x concurrent peak",
            ClientTimeWait),
        new(RuleIds.ConcurrencyMismatch,
            "concurrent peak < concurrency-peak-below x configured concurrency, or connections > concurrency-churn-over x configured while connections are reused",
            ConcurrencyMismatch),
        new(RuleIds.H2NotNegotiated,
            "connections that offered h2 and visibly got HTTP/1.1 >= h2-not-negotiated-at-least",
            H2NotNegotiated),
        new(RuleIds.KeepAliveRace,
            "connections with a request lost to the keep-alive race >= keepalive-race-at-least",
            KeepAliveRace),
        new(RuleIds.NoReuse,
            "mean requests per connection < no-reuse-mean-below over >= no-reuse-min-connections, server-forced closes < no-reuse-server-close-share-below",
            NoReuse),
        new(RuleIds.Refused,
            "connections whose SYN was answered by RST >= refused-at-least",
            Refused),
        new(RuleIds.Retransmissions,
            "share of payload frames retransmitted and not D-SACKed as unnecessary > retransmission-share-above over >= retransmission-min-payload-frames",
            Retransmissions),
        new(RuleIds.ServerTimeWait,
            "server TIME_WAIT share >= time-wait-share-at-least, peak >= time-wait-peak-at-least and >= time-wait-peak-over-concurrent x concurrent peak",
            ServerTimeWait),
        new(RuleIds.SynRetransmits,
            "SYN plus SYN/ACK retransmissions >= syn-retransmits-at-least",
            SynRetransmits),
        new(RuleIds.TlsFullHandshakes,
            "full share of >= tls-min-handshakes TLS handshakes > tls-full-share-above, full >= tls-full-over-concurrent x concurrent peak",
            TlsFullHandshakes),
    ];

    /// <summary>A finding about <paramref name="group"/>, its statement opened by the group's escaped key.</summary>
    private static Finding Make(FindingSeverity severity, string rule, GroupReport group, string statement, string advice) =>
        new(severity, rule, group.Group, FindingFormat.Escaped(group.Group) + ": " + statement, FindingFormat.Sentence(advice));

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/>, 0 when there is no whole.</summary>
    private static double Share(long part, long whole) => whole <= 0 ? 0 : (double)part / whole;
}
