using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class NoReuseRuleTests
{
    // ab -n 400 without -k: HTTP/1.0 without keep-alive, nginx answers close only because the request asked.
    private static GroupReport AbWithoutKeepAlive() => Healthy("ab", "ab") with
    {
        Connections = 400,
        Requests = 400,
        RequestsPerConnection = OnePerConnection(400),
        NewConnectionsPerSecondMean = 4812,
        NewConnectionsPerSecondPeak = 5210,
        ServerAskedClose = 400,
        ServerForcedClose = 0,
    };

    [Fact]
    public void OnePerConnection_ServerDidNotAsk_FiresWithTheNumbers()
    {
        // Act
        Finding? f = Only(AbWithoutKeepAlive(), RuleIds.NoReuse);

        // Assert
        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal("ab", f.Group);
        Assert.Equal(
            "ab: 1.00 requests per connection over 400 connections at 4,812 new connections/s (peak 5,210); "
            + "the server did not ask to close (the client did on 400)",
            f.Statement);
        Assert.Contains("-k", f.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionsWithoutAnyRequest_NothingToReuse_Silent()
    {
        // ab's spare connections: opened ahead of need, closed unused (0 requests each, no User-Agent: "unknown").
        GroupReport g = AbWithoutKeepAlive() with
        {
            Group = "unknown",
            Tool = "unknown",
            Connections = 20,
            Requests = 0,
            RequestsPerConnection = new WireLens.Reporting.Statistics.DistributionSummary(20, 0, 0, 0, 0, 0),
            ServerAskedClose = 0,
        };

        Assert.Null(Only(g, RuleIds.NoReuse));
    }

    [Fact]
    public void NoRateKnown_StatementLeavesTheRateOut()
    {
        GroupReport g = AbWithoutKeepAlive() with { NewConnectionsPerSecondMean = null, ServerAskedClose = 0 };

        Finding? f = Only(g, RuleIds.NoReuse);

        Assert.Equal("ab: 1.00 requests per connection over 400 connections; the server did not ask to close", f?.Statement);
    }

    [Theory]
    [InlineData(1.0999, true)]
    [InlineData(1.1, false)]
    [InlineData(2.0, false)]
    public void MeanAroundThreshold_FiresOnlyBelow(double mean, bool fires)
    {
        GroupReport g = AbWithoutKeepAlive() with { RequestsPerConnection = Mean(400, mean) };

        Assert.Equal(fires, Only(g, RuleIds.NoReuse) is not null);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void FewConnections_DoNotFire(long connections, bool fires)
    {
        GroupReport g = AbWithoutKeepAlive() with { Connections = connections, RequestsPerConnection = OnePerConnection(connections) };

        Assert.Equal(fires, Only(g, RuleIds.NoReuse) is not null);
    }

    [Fact]
    public void ServerForcedCloseOnHalf_DoesNotFire()
    {
        // nginx keepalive_timeout 0: the server, not the client, ends every connection.
        GroupReport g = AbWithoutKeepAlive() with { ServerForcedClose = 200 };

        Assert.Null(Only(g, RuleIds.NoReuse));
    }

    [Fact]
    public void ServerForcedCloseOnFew_FiresAndSaysSo()
    {
        GroupReport g = AbWithoutKeepAlive() with { ServerForcedClose = 199, ServerAskedClose = 199 };

        Finding? f = Only(g, RuleIds.NoReuse);

        Assert.NotNull(f);
        Assert.EndsWith("; the server asked to close on only 199 of them", f.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_Configurable()
    {
        GroupReport g = AbWithoutKeepAlive() with { RequestsPerConnection = Mean(400, 1.5) };
        var thresholds = FindingThresholds.Default with { NoReuseMeanBelow = 2 };

        Finding? f = Only(g, RuleIds.NoReuse, thresholds);

        Assert.StartsWith("ab: 1.50 requests per connection", f?.Statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab", "add -k")]
    [InlineData("hey", "-disable-keepalive")]
    [InlineData("curl", "Give one curl invocation all the URLs")]
    [InlineData("wrk", "Remove a 'Connection: close' header")]
    [InlineData("unknown", "enable keep-alive in the tool")]
    public void Advice_NamesTheToolsSwitch(string tool, string expected)
    {
        GroupReport g = AbWithoutKeepAlive() with { Group = tool, Tool = tool };

        Finding? f = Only(g, RuleIds.NoReuse);

        Assert.Contains(expected, f?.Advice, StringComparison.OrdinalIgnoreCase);
        Assert.True(char.IsUpper(f!.Advice[0]), f.Advice);
    }
}
