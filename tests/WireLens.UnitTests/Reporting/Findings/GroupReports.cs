using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;
using WireLens.Reporting.Statistics;
using WireLens.Wire;

namespace WireLens.UnitTests.Reporting.Findings;

/// <summary>
/// Hand-built group reports for the finding rules. <see cref="Healthy"/> is a healthy keep-alive run (wrk -c 10 for
/// 10 s against loopback nginx: its probe connection, ten busy connections, ten TIME_WAIT sockets at the end); a test
/// changes only the figures its rule looks at, with <c>with</c>.
/// </summary>
internal static class GroupReports
{
    public static readonly Timestamp Start = new(1_767_323_045_000_000_000);

    public static GroupReport Healthy(string group = "wrk", string tool = "wrk") => new()
    {
        Group = group,
        Tool = tool,
        ToolSource = "manifest",
        Tools = new CountTable<string>(new Dictionary<string, long> { [tool] = 11 }, 0),
        ToolCandidates = [],
        Connections = 11,
        Requests = 200_000,
        RequestsEstimated = 0,
        RequestsPerConnection = new DistributionSummary(11, 200_000 / 11.0, 20_000, 20_400, 20_400, 20_400),
        NewConnectionsPerSecondMean = 11,
        NewConnectionsPerSecondPeak = 11,
        ConcurrentMean = 10,
        ConcurrentPeak = 11,
        HandshakeRttMs = new DistributionSummary(11, 0.05, 0.05, 0.06, 0.07, 0.07),
        SynRetransmits = 0,
        SynAckRetransmits = 0,
        ConnectionsWithSynRetransmits = 0,
        Refused = 0,
        Retransmissions = 0,
        FastRetransmissions = 0,
        SpuriousRetransmissions = 0,
        PayloadFrames = 400_000,
        RetransmittedPayloadFrames = 0,
        RetransmissionShare = 0,
        DsackRetransmissions = 0,
        CloseClientFin = 11,
        CloseServerFin = 0,
        CloseSimultaneous = 0,
        CloseClientRst = 0,
        CloseServerRst = 0,
        CloseOpen = 0,
        TimeWaitClient = 11,
        TimeWaitServer = 0,
        TimeWaitClientPeak = 11,
        TimeWaitServerPeak = 0,
        TimeWaitClientAtEnd = 0,
        TimeWaitServerAtEnd = 0,
        PortExhaustion = new PortExhaustionForecast("127.0.0.1:8080", 11, 28_232, 60, null, Loopback: true),
        TlsHandshakes = 0,
        TlsResumed = 0,
        TlsHelloRetryRequests = 0,
        TlsFullNotOffered = 0,
        TlsFullOfferRefused = 0,
        TlsClientHelloToServerHelloFullMs = DistributionSummary.Empty,
        TlsClientHelloToServerHelloResumedMs = DistributionSummary.Empty,
        TlsVersions = Empty,
        TlsAlpn = Empty,
        H2OfferedHttp11Selected = 0,
        H2OfferedVisible = 0,
        ServerAskedClose = 0,
        ServerForcedClose = 0,
        KeepAliveRaces = 0,
        ConnectionsWithStreamGaps = 0,
        LostSegments = 0,
        DurationSeconds = 10,
    };

    /// <summary>One request per connection: <paramref name="connections"/> connections over 10 s.</summary>
    public static DistributionSummary OnePerConnection(long connections) => new(connections, 1.0, 1, 1, 1, 1);

    /// <summary>Requests per connection with the given mean.</summary>
    public static DistributionSummary Mean(long connections, double mean) => new(connections, mean, mean, mean, mean, mean);

    /// <summary>A manifest run with the given configured concurrency.</summary>
    public static RunEntry Run(string label, int? concurrency, long? errors = null) => new(
        label,
        label,
        null,
        [label],
        "http://127.0.0.1:8080/",
        concurrency,
        Start,
        Start.AddSeconds(10),
        errors is null ? null : new ToolSummary(null, errors, null, null, new Dictionary<string, double>()));

    public static ToolsReport Report(params GroupReport[] groups) => new()
    {
        Groups = groups,
        TimeSeries = [],
        GroupBy = "run",
        TimeWaitSeconds = 60,
        PortRange = PortRange.LinuxDefault,
    };

    /// <summary>The findings of one group, with a healthy capture and default thresholds.</summary>
    public static IReadOnlyList<Finding> Evaluate(GroupReport group, FindingThresholds? thresholds = null) =>
        FindingEngine.Evaluate(Report(group), new CaptureHealth(), thresholds ?? FindingThresholds.Default);

    /// <summary>The one finding of <paramref name="rule"/> for the group, or null.</summary>
    public static Finding? Only(GroupReport group, string rule, FindingThresholds? thresholds = null)
    {
        Finding[] matching = [.. Evaluate(group, thresholds).Where(f => f.Rule == rule)];
        Assert.True(matching.Length <= 1, $"{matching.Length} findings of {rule}");
        return matching.SingleOrDefault();
    }

    private static CountTable<string> Empty => new(new Dictionary<string, long>(), 0);
}
