using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class FindingEngineTests
{
    [Fact]
    public void HealthyKeepAliveRun_NoFindings()
    {
        // wrk -c 10: a probe connection without requests, ten keep-alive connections closed at the end (11 TIME_WAIT).
        GroupReport wrk = Healthy() with { Run = Run("wrk", 10) };
        GroupReport probe = Healthy("unknown", "unknown") with
        {
            Connections = 1,
            Requests = 0,
            RequestsPerConnection = Mean(1, 0),
            ConcurrentPeak = 1,
            CloseClientFin = 1,
            TimeWaitClient = 1,
            TimeWaitClientPeak = 1,
        };

        IReadOnlyList<Finding> findings = FindingEngine.Evaluate(Report(wrk, probe), new CaptureHealth(), FindingThresholds.Default);

        Assert.Empty(findings);
    }

    [Fact]
    public void Evaluate_OrdersBySeverityThenGroupOrderThenRuleId()
    {
        // Group "a" (first in the report): no-reuse and client-time-wait (warnings), refused (error).
        GroupReport a = Healthy("a", "curl") with
        {
            Connections = 20,
            RequestsPerConnection = OnePerConnection(20),
            ConcurrentPeak = 1,
            CloseClientFin = 20,
            TimeWaitClient = 20,
            TimeWaitClientPeak = 20,
            Refused = 1,
        };

        // Group "b": refused (error), h2-not-negotiated (info), keepalive-race (warning).
        GroupReport b = Healthy("b") with { Refused = 1, H2OfferedVisible = 2, H2OfferedHttp11Selected = 2, KeepAliveRaces = 1 };
        var health = new CaptureHealth { DroppedByKernel = 5 };

        IReadOnlyList<Finding> findings = FindingEngine.Evaluate(Report(a, b), health, FindingThresholds.Default);

        Assert.Equal(
            [
                "error capture-incomplete *",
                "error refused a",
                "error refused b",
                "warning client-time-wait a",
                "warning no-reuse a",
                "warning keepalive-race b",
                "info h2-not-negotiated b",
            ],
            findings.Select(f => $"{Finding.SeverityName(f.Severity)} {f.Rule} {f.Group}"));
    }

    [Fact]
    public void Evaluate_IsDeterministic()
    {
        ToolsReport report = Report(Healthy("a") with { Refused = 1 }, Healthy("b") with { KeepAliveRaces = 2 });

        IReadOnlyList<Finding> first = FindingEngine.Evaluate(report, new CaptureHealth(), FindingThresholds.Default);
        IReadOnlyList<Finding> second = FindingEngine.Evaluate(report, new CaptureHealth(), FindingThresholds.Default);

        Assert.Equal(first, second);
    }

    [Fact]
    public void WireGroupKey_EscapedInStatementKeptInGroup()
    {
        string key = "\u001b]0;pwned\u0007 \u202Eevil\nnext";
        GroupReport g = Healthy(key) with { Refused = 1 };

        Finding f = Assert.Single(GroupReports.Evaluate(g));

        Assert.Equal(key, f.Group);
        Assert.StartsWith("\\x1B]0;pwned\\x07 \\u{202E}evil\\x0Anext: 1 of 11 connections refused", f.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain(f.Statement, c => char.IsControl(c));
    }

    [Fact]
    public void EveryRuleFiring_StatementsAndAdviceAreOneLineSentences()
    {
        GroupReport g = Healthy() with
        {
            Run = Run("wrk", 100, errors: 1),
            Connections = 1_000,
            ConcurrentPeak = 1,
            RequestsPerConnection = OnePerConnection(1_000),
            CloseClientFin = 0,
            CloseSimultaneous = 1_000,
            TimeWaitClient = 1_000,
            TimeWaitClientPeak = 1_000,
            TimeWaitServer = 1_000,
            TimeWaitServerPeak = 1_000,
            SynRetransmits = 1,
            ConnectionsWithSynRetransmits = 1,
            Refused = 1,
            RetransmittedPayloadFrames = 200_000,
            RetransmissionShare = 0.5,
            TlsHandshakes = 1_000,
            TlsFullNotOffered = 1_000,
            H2OfferedHttp11Selected = 1,
            H2OfferedVisible = 1,
            KeepAliveRaces = 1,
        };
        var health = new CaptureHealth { TruncatedPackets = 1, DamagedRecords = 1, DroppedByKernel = 1, ConnectionsWithStreamGaps = 1, LostSegments = 1, AckedUnseen = 1 };

        IReadOnlyList<Finding> findings = FindingEngine.Evaluate(Report(g), health, FindingThresholds.Default);

        Assert.Equal(11, findings.Count);
        Assert.Equal(FindingEngine.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), findings.Select(f => f.Rule).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.DoesNotContain(f.Statement + f.Advice, c => c is '\n' or '\r'));
        Assert.All(findings, f => Assert.True(char.IsUpper(f.Advice[0]), f.Advice));
    }

    [Fact]
    public void Rules_ElevenWithUniqueKebabCaseIds()
    {
        string[] ids = [.. FindingEngine.Rules.Select(r => r.Id)];

        Assert.Equal(
            [
                "client-time-wait", "concurrency-mismatch", "h2-not-negotiated", "keepalive-race", "no-reuse", "refused",
                "retransmissions", "server-time-wait", "syn-retransmits", "tls-full-handshakes", "capture-incomplete",
            ],
            ids);
        Assert.All(FindingEngine.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
    }

    [Theory]
    [InlineData(new FindingSeverity[0], FindingSeverity.Info, false)]
    [InlineData(new[] { FindingSeverity.Info }, FindingSeverity.Info, true)]
    [InlineData(new[] { FindingSeverity.Info }, FindingSeverity.Warning, false)]
    [InlineData(new[] { FindingSeverity.Info, FindingSeverity.Warning }, FindingSeverity.Warning, true)]
    [InlineData(new[] { FindingSeverity.Warning }, FindingSeverity.Error, false)]
    [InlineData(new[] { FindingSeverity.Error }, FindingSeverity.Warning, true)]
    [InlineData(new[] { FindingSeverity.Error }, FindingSeverity.Error, true)]
    public void FailsOn_AtOrAboveTheThreshold(FindingSeverity[] severities, FindingSeverity threshold, bool expected)
    {
        Finding[] findings = [.. severities.Select(s => new Finding(s, "refused", "g", "g: statement", "Advice"))];

        Assert.Equal(expected, FindingEngine.FailsOn(findings, threshold));
    }
}
