using WireLens.Reporting.Groups;
using WireLens.Reporting.Statistics;
using static WireLens.Reporting.Findings.FindingFormat;

namespace WireLens.Reporting.Findings;

internal static partial class GroupRules
{
    private const string LoopbackReuse = "on loopback tcp_tw_reuse=2 reuses TIME_WAIT ports after ~1 s, so not here";

    /// <summary>
    /// no-reuse: about one request per connection while the server did not ask to close. "The server asked" is
    /// <see cref="GroupReport.ServerForcedClose"/> (close though no request asked): nginx answers an HTTP/1.0 request
    /// without keep-alive (ab without -k) with Connection: close only because the client did not ask to keep it, and
    /// that client is the finding. A group that sent no request at all (spare connections ab opens ahead of need and
    /// closes unused, a tool's probe connection) has nothing to reuse: no finding.
    /// </summary>
    private static Finding? NoReuse(GroupReport g, FindingThresholds t)
    {
        DistributionSummary rpc = g.RequestsPerConnection;
        if (rpc.Count < t.NoReuseMinConnections || g.Requests == 0 || !ClientDoesNotReuse(g, t))
        {
            return null;
        }

        string rate = g.NewConnectionsPerSecondMean is { } perSecond
            ? $" at {Rate(perSecond)} new connections/s (peak {Count(g.NewConnectionsPerSecondPeak)})"
            : string.Empty;
        string server = g.ServerForcedClose == 0
            ? "the server did not ask to close"
            : $"the server asked to close on only {Count(g.ServerForcedClose)} of them";
        long clientAsked = Math.Max(0, g.ServerAskedClose - g.ServerForcedClose);
        string client = clientAsked == 0 ? string.Empty : $" (the client did on {Count(clientAsked)})";
        return Make(
            FindingSeverity.Warning,
            RuleIds.NoReuse,
            g,
            $"{Mean(rpc.Mean ?? 0)} requests per connection over {Count(rpc.Count, "connection")}{rate}; {server}{client}",
            NoReuseAdvice(g.Tool));
    }

    /// <summary>Mean requests per connection below the threshold, and not because the server closes on its own.</summary>
    private static bool ClientDoesNotReuse(GroupReport g, FindingThresholds t) =>
        g.RequestsPerConnection.Mean is { } mean
        && mean < t.NoReuseMeanBelow
        && Share(g.ServerForcedClose, g.RequestsPerConnection.Count) < t.NoReuseServerCloseShareBelow;

    // Tool names are ToolNames/UserAgentTools spellings; an unknown one gets the general advice, so no wire text here.
    // Each advice starts with a verb: Make capitalises the first letter, which must not be a tool's lower-case name.
    private static string NoReuseAdvice(string tool) => tool switch
    {
        "ab" => "add -k to ab: without it ab sends HTTP/1.0 without keep-alive and opens a connection per request",
        "hey" => "drop -disable-keepalive from hey so that its workers reuse their connections",
        "oha" => "drop --disable-keepalive from oha",
        "vegeta" => "drop -keepalive=false from vegeta attack",
        "k6" => "remove noConnectionReuse (and noVUConnectionReuse) from the k6 options",
        "siege" => "set connection = keep-alive in siege's .siegerc",
        "curl" or "wget" => $"give one {tool} invocation all the URLs, or use a load tool: one process per request cannot reuse a connection",
        "wrk" => "remove a 'Connection: close' header (-H) or the script that sets it: wrk keeps connections alive unless told otherwise",
        "builtin" => "run the built-in generator in a keep-alive mode (the churn modes open a connection per request on purpose)",
        _ => "enable keep-alive in the tool (ab -k, hey without -disable-keepalive, one curl process for many URLs) and do not send 'Connection: close'",
    };

    /// <summary>client-time-wait: TIME_WAIT piles up on the client, with the port exhaustion forecast.</summary>
    private static Finding? ClientTimeWait(GroupReport g, FindingThresholds t)
    {
        if (!PilesUp(g.TimeWaitClientShare, g.TimeWaitClientPeak, g, t))
        {
            return null;
        }

        PortExhaustionForecast? forecast = g.PortExhaustion;
        bool soon = forecast is { Seconds: { } seconds, Loopback: false }
            && seconds <= Math.Max(t.ExhaustionErrorSeconds, g.DurationSeconds);
        string statement = TimeWaitStatement("client", g.TimeWaitClient, g.TimeWaitClientShare, g.TimeWaitClientPeak, g)
            + (forecast is null ? string.Empty : "; " + Forecast(forecast));
        return Make(
            soon ? FindingSeverity.Error : FindingSeverity.Warning,
            RuleIds.ClientTimeWait,
            g,
            statement,
            "the client closes first and holds an ephemeral port toward the server in TIME_WAIT per connection: reuse "
            + "connections (keep-alive); if churn is the test, widen net.ipv4.ip_local_port_range, spread the load over more "
            + "server addresses or ports, or set net.ipv4.tcp_tw_reuse=1 on the client");
    }

    /// <summary>server-time-wait: TIME_WAIT piles up on the server, which closes first.</summary>
    private static Finding? ServerTimeWait(GroupReport g, FindingThresholds t)
    {
        if (!PilesUp(g.TimeWaitServerShare, g.TimeWaitServerPeak, g, t))
        {
            return null;
        }

        bool serverChose = Share(g.ServerForcedClose, g.RequestsPerConnection.Count) >= t.NoReuseServerCloseShareBelow;
        return Make(
            FindingSeverity.Warning,
            RuleIds.ServerTimeWait,
            g,
            TimeWaitStatement("server", g.TimeWaitServer, g.TimeWaitServerShare, g.TimeWaitServerPeak, g) + ": the server closes first",
            serverChose
                ? "the server closes the connections on its own: raise its keep-alive limits (nginx keepalive_timeout, "
                  + "keepalive_requests) unless closing is intended; TIME_WAIT on the server costs memory, not ports"
                : "the server closes first because the client does not keep connections alive (HTTP/1.0 without keep-alive, "
                  + "or Connection: close): enable keep-alive in the tool (ab -k); TIME_WAIT on the server costs memory, not ports");
    }

    /// <summary>
    /// A side's TIME_WAIT piles up when it holds it on most FIN-closed connections, many sockets at once, and clearly
    /// more than the connections open at once: a keep-alive run that closes its connections at the end leaves about
    /// one TIME_WAIT socket per connection (10 from wrk -c 10), which is not piling up.
    /// </summary>
    private static bool PilesUp(double? share, long peak, GroupReport g, FindingThresholds t) =>
        share is { } s
        && s >= t.TimeWaitShareAtLeast
        && peak >= t.TimeWaitPeakAtLeast
        && peak >= t.TimeWaitPeakOverConcurrent * g.ConcurrentPeak;

    private static string TimeWaitStatement(string side, long count, double? share, long peak, GroupReport g) =>
        $"{side} TIME_WAIT on {Count(count)} of {Count(g.ClosedByFin, "connection")} closed by FIN ({Percent(share ?? 0)}), "
        + $"peak {Count(peak)} at once against at most {Count(g.ConcurrentPeak)} open";

    private static string Forecast(PortExhaustionForecast f)
    {
        string rate = $"{Rate(f.EntriesPerSecond)} TIME_WAIT entries/s";
        if (f.Seconds is not { } seconds)
        {
            return $"{rate} toward {Escaped(f.Server)} hold about {Count((long)Math.Round(f.SteadyStateSockets))} sockets "
                + $"({Seconds(f.TimeWaitSeconds)} each), below the {Count(f.Ports)} ports";
        }

        string exhaust = $"{rate} would exhaust {Count(f.Ports)} ports toward {Escaped(f.Server)} in {Seconds(seconds)}";
        return f.Loopback ? $"{exhaust} across a real network; {LoopbackReuse}" : exhaust;
    }

    /// <summary>
    /// concurrency-mismatch: fewer connections open at once than the tool was configured for, or many more connections
    /// than configured while they are reused (a client that does not reuse at all is no-reuse's finding).
    /// </summary>
    private static Finding? ConcurrencyMismatch(GroupReport g, FindingThresholds t)
    {
        if (g.Run?.Concurrency is not { } configured || configured <= 0)
        {
            return null;
        }

        bool under = g.ConcurrentPeak < t.ConcurrencyPeakBelow * configured;
        bool churn = g.Connections > t.ConcurrencyChurnOver * configured && !ClientDoesNotReuse(g, t);
        if (!under && !churn)
        {
            return null;
        }

        var statements = new List<string>(3);
        var advice = new List<string>(2);
        if (under)
        {
            statements.Add($"at most {Count(g.ConcurrentPeak, "connection")} open at once against a configured concurrency of "
                + $"{Count(configured)} ({Percent(g.ConcurrentPeak, configured)})");
            advice.Add("the tool did not keep its configured connections busy: check the errors it reported, the client's CPU "
                + "(one thread drives only so many connections), a request count below the concurrency, and rate limits");
        }

        if (churn)
        {
            string mean = g.RequestsPerConnection.Mean is { } m ? $", {Mean(m)} requests per connection" : string.Empty;
            string forced = g.ServerForcedClose > 0 ? $", the server asked to close on {Count(g.ServerForcedClose)}" : string.Empty;
            statements.Add($"{Count(g.Connections, "connection")} opened for a configured concurrency of {Count(configured)} "
                + $"({Rate((double)g.Connections / configured)} per slot){mean}{forced}");
            advice.Add("connections were replaced during the run: check the server's keep-alive limits (nginx keepalive_requests, "
                + "keepalive_timeout), resets, and the tool's errors and timeouts");
        }

        if (g.Run.Summary?.Errors is { } errors && errors > 0)
        {
            statements.Add($"the tool reported {Count(errors, "error")}");
        }

        return Make(FindingSeverity.Warning, RuleIds.ConcurrencyMismatch, g, string.Join("; ", statements), string.Join("; ", advice));
    }
}
