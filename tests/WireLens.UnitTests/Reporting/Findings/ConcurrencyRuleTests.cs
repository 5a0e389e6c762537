using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class ConcurrencyRuleTests
{
    [Fact]
    public void PeakBelowConfigured_WarningWithTheNumbers()
    {
        GroupReport g = Healthy("hey", "hey") with { Run = Run("hey", 50), Connections = 39, ConcurrentPeak = 39 };

        Finding? f = Only(g, RuleIds.ConcurrencyMismatch);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal("hey: at most 39 connections open at once against a configured concurrency of 50 (78.0%)", f.Statement);
        Assert.StartsWith("The tool did not keep its configured connections busy", f.Advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(39, true)]
    [InlineData(40, false)]
    public void PeakAroundThreshold(long peak, bool fires)
    {
        GroupReport g = Healthy() with { Run = Run("wrk", 50), Connections = 50, ConcurrentPeak = peak };

        Assert.Equal(fires, Only(g, RuleIds.ConcurrencyMismatch) is not null);
    }

    [Fact]
    public void WrkWithItsProbeConnection_DoesNotFire()
    {
        // wrk -c 10: ten connections plus the probe, 11 open at once.
        Assert.Null(Only(Healthy() with { Run = Run("wrk", 10) }, RuleIds.ConcurrencyMismatch));
    }

    [Fact]
    public void ManyMoreConnectionsWhileReusing_ChurnWithTheNumbers()
    {
        GroupReport g = Healthy() with
        {
            Run = Run("wrk", 10, errors: 5),
            Connections = 1_000,
            ConcurrentPeak = 10,
            RequestsPerConnection = Mean(1_000, 12),
            ServerForcedClose = 990,
        };

        Finding? f = Only(g, RuleIds.ConcurrencyMismatch);

        Assert.NotNull(f);
        Assert.Equal(
            "wrk: 1,000 connections opened for a configured concurrency of 10 (100 per slot), 12.00 requests per connection, "
            + "the server asked to close on 990; the tool reported 5 errors",
            f.Statement);
        Assert.Contains("keepalive_requests", f.Advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void ConnectionsAroundChurnThreshold(long connections, bool fires)
    {
        GroupReport g = Healthy() with { Run = Run("wrk", 10), Connections = connections, ConcurrentPeak = 10, RequestsPerConnection = Mean(connections, 50) };

        Assert.Equal(fires, Only(g, RuleIds.ConcurrencyMismatch) is not null);
    }

    [Fact]
    public void NoReuseClient_IsNoReusesFindingNotChurn()
    {
        // ab -c 4 without -k: 100 connections for 4 slots, but one request each: no-reuse says it.
        GroupReport g = Healthy("ab", "ab") with { Run = Run("ab", 4), Connections = 100, ConcurrentPeak = 4, RequestsPerConnection = OnePerConnection(100) };

        IReadOnlyList<Finding> findings = Evaluate(g);

        Assert.DoesNotContain(findings, f => f.Rule == RuleIds.ConcurrencyMismatch);
        Assert.Contains(findings, f => f.Rule == RuleIds.NoReuse);
    }

    [Fact]
    public void BothUnderAndChurn_OneFindingWithBothStatements()
    {
        GroupReport g = Healthy() with { Run = Run("wrk", 100), Connections = 500, ConcurrentPeak = 20, RequestsPerConnection = Mean(500, 400) };

        Finding? f = Only(g, RuleIds.ConcurrencyMismatch);

        Assert.Equal(
            "wrk: at most 20 connections open at once against a configured concurrency of 100 (20.0%); "
            + "500 connections opened for a configured concurrency of 100 (5.0 per slot), 400.00 requests per connection",
            f?.Statement);
    }

    [Fact]
    public void NoConfiguredConcurrency_DoesNotFire()
    {
        Assert.Null(Only(Healthy() with { Run = Run("curl", null), ConcurrentPeak = 1 }, RuleIds.ConcurrencyMismatch));
        Assert.Null(Only(Healthy() with { Run = null, ConcurrentPeak = 1 }, RuleIds.ConcurrencyMismatch));
    }
}
