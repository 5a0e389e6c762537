using WireLens.Reporting.Groups;
using static WireLens.Reporting.Findings.FindingFormat;

namespace WireLens.Reporting.Findings;

internal static partial class GroupRules
{
    /// <summary>
    /// tls-full-handshakes: nearly every TLS connection pays a full handshake, split into "the client never offered
    /// resumption" and "the client offered, the server refused". Keep-alive connections each pay one full handshake,
    /// which is fine: full handshakes must also clearly outnumber the connections open at once.
    /// </summary>
    private static Finding? TlsFullHandshakes(GroupReport g, FindingThresholds t)
    {
        if (g.TlsHandshakes < t.TlsMinHandshakes
            || Share(g.TlsFull, g.TlsHandshakes) <= t.TlsFullShareAbove
            || g.TlsFull < t.TlsFullOverConcurrent * g.ConcurrentPeak)
        {
            return null;
        }

        var advice = new List<string>(3);
        if (g.TlsFullNotOffered > 0)
        {
            advice.Add("the client offered no resumption: let it keep a TLS session cache across connections (one process "
                + "for many requests, the tool's session reuse option) or keep connections alive so handshakes are rare");
        }

        if (g.TlsFullOfferRefused > 0)
        {
            advice.Add("the server refused the offered resumption: enable a session cache or tickets (nginx ssl_session_cache "
                + "shared:SSL:10m, ssl_session_tickets on) and share ticket keys between servers behind one name");
        }

        if (advice.Count == 0)
        {
            advice.Add("keep connections alive or let the client resume TLS sessions");
        }

        return Make(
            FindingSeverity.Warning,
            RuleIds.TlsFullHandshakes,
            g,
            $"{Count(g.TlsFull)} of {Count(g.TlsHandshakes, "TLS handshake")} full ({Percent(g.TlsFull, g.TlsHandshakes)}) "
            + $"against at most {Count(g.ConcurrentPeak, "connection")} open: {Count(g.TlsFullNotOffered)} with no resumption "
            + $"offered by the client, {Count(g.TlsFullOfferRefused)} offered but refused by the server",
            string.Join("; ", advice));
    }

    /// <summary>h2-not-negotiated: h2 offered but HTTP/1.1 selected, where the choice is visible.</summary>
    private static Finding? H2NotNegotiated(GroupReport g, FindingThresholds t)
    {
        if (g.H2OfferedHttp11Selected < t.H2NotNegotiatedAtLeast)
        {
            return null;
        }

        return Make(
            FindingSeverity.Info,
            RuleIds.H2NotNegotiated,
            g,
            $"{Count(g.H2OfferedHttp11Selected)} of {Count(g.H2OfferedVisible, "connection")} that offered h2 got HTTP/1.1 "
            + "(where the choice is visible: TLS 1.2 ALPN, h2c Upgrade)",
            "the server did not select h2: enable HTTP/2 on it (nginx: http2 on, or listen ... http2) if h2 is what the test "
            + "should measure, or stop offering h2 in the tool");
    }
}
