using WireLens.Reporting.Groups;
using static WireLens.Reporting.Findings.FindingFormat;

namespace WireLens.Reporting.Findings;

internal static partial class GroupRules
{
    /// <summary>syn-retransmits: SYNs or SYN/ACKs sent again, the accept queue overflowing or SYNs dropped.</summary>
    private static Finding? SynRetransmits(GroupReport g, FindingThresholds t)
    {
        // GroupReport.SynRetransmits counts SYN plus SYN/ACK retransmissions.
        if (g.SynRetransmits < t.SynRetransmitsAtLeast)
        {
            return null;
        }

        long synAck = g.SynAckRetransmits;
        long syn = Math.Max(0, g.SynRetransmits - synAck);
        bool many = Share(g.ConnectionsWithSynRetransmits, g.Connections) >= t.SynRetransmitsErrorShare;
        return Make(
            many ? FindingSeverity.Error : FindingSeverity.Warning,
            RuleIds.SynRetransmits,
            g,
            $"{Count(syn)} SYN and {Count(synAck)} SYN/ACK retransmissions on {Count(g.ConnectionsWithSynRetransmits)} of "
            + $"{Count(g.Connections, "connection")} ({Percent(g.ConnectionsWithSynRetransmits, g.Connections)}); "
            + "a lost SYN delays its connect by the initial retransmission timeout (1 s on Linux)",
            "the server's accept queue overflowed or SYNs were dropped: check net.core.somaxconn and the listen backlog "
            + "(nginx listen ... backlog=N), net.ipv4.tcp_max_syn_backlog, and nstat TcpExtListenOverflows/TcpExtListenDrops; "
            + "Linux drops rather than resets unless net.ipv4.tcp_abort_on_overflow=1, so clients wait and retry");
    }

    /// <summary>refused: SYNs answered by RST.</summary>
    private static Finding? Refused(GroupReport g, FindingThresholds t)
    {
        if (g.Refused < t.RefusedAtLeast)
        {
            return null;
        }

        bool many = Share(g.Refused, g.Connections) >= t.RefusedErrorShare;
        return Make(
            many ? FindingSeverity.Error : FindingSeverity.Warning,
            RuleIds.Refused,
            g,
            $"{Count(g.Refused)} of {Count(g.Connections, "connection")} refused ({Percent(g.Refused, g.Connections)}): "
            + "the SYN was answered by RST",
            "nothing listened on the server port (wrong port, server down or restarting) or a firewall rejected the "
            + "connection: check the target and that the server is up for the whole run");
    }

    /// <summary>
    /// retransmissions: more than a small share of payload frames sent again, leaving out the retransmissions the
    /// receiver proved unnecessary by D-SACK (it had the original: a delayed ACK or a tail loss probe, no loss).
    /// </summary>
    private static Finding? Retransmissions(GroupReport g, FindingThresholds t)
    {
        if (g.UnprovenRetransmissionShare is not { } share
            || g.PayloadFrames < t.RetransmissionMinPayloadFrames
            || share <= t.RetransmissionShareAbove)
        {
            return null;
        }

        long proven = g.DsackRetransmissions;
        string dsacked = proven == 0
            ? "none of them D-SACKed as unnecessary"
            : $"{Count(proven)} of them D-SACKed as unnecessary (delayed ACK / tail loss probe)";
        return Make(
            share > t.RetransmissionErrorShareAbove ? FindingSeverity.Error : FindingSeverity.Warning,
            RuleIds.Retransmissions,
            g,
            $"{Percent(share)} of payload frames were retransmissions not proven unnecessary "
            + $"({Count(Math.Max(0, g.RetransmittedPayloadFrames - proven))} of {Count(g.PayloadFrames)}); "
            + $"{Count(g.RetransmittedPayloadFrames)} retransmitted, {dsacked}; "
            + $"{Count(g.Retransmissions, "retransmission")} in all, {Count(g.FastRetransmissions)} fast, "
            + $"{Count(g.SpuriousRetransmissions)} spurious",
            "packets are lost or reordered between client and server: check interface drops (ip -s link), queue and ring "
            + "sizes, and CPU saturation on both hosts; spurious retransmissions point at delayed ACKs or a short RTO");
    }

    /// <summary>keepalive-race: the server closed an idle keep-alive connection as the client sent a request on it.</summary>
    private static Finding? KeepAliveRace(GroupReport g, FindingThresholds t)
    {
        if (g.KeepAliveRaces < t.KeepAliveRaceAtLeast)
        {
            return null;
        }

        return Make(
            FindingSeverity.Warning,
            RuleIds.KeepAliveRace,
            g,
            $"{Count(g.KeepAliveRaces)} of {Count(g.Connections, "connection")} lost a request to the keep-alive race: "
            + "the server closed the idle connection and answered the client's next request with RST",
            "close idle connections in the client before the server does (a client idle timeout below the server's "
            + "keepalive_timeout, nginx default 75 s), or retry idempotent requests on a new connection");
    }
}
