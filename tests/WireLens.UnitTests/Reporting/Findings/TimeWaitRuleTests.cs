using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class TimeWaitRuleTests
{
    // 10 × curl on loopback: one connection at a time, the client closes first and keeps TIME_WAIT.
    private static GroupReport CurlLoop() => Healthy("curl", "curl") with
    {
        Connections = 10,
        Requests = 10,
        RequestsPerConnection = OnePerConnection(10),
        ConcurrentPeak = 1,
        CloseClientFin = 10,
        TimeWaitClient = 10,
        TimeWaitClientPeak = 10,
        PortExhaustion = new PortExhaustionForecast("127.0.0.1:18480", 48.3, 28_232, 60, 584.6, Loopback: true),
    };

    // ab -n 100 -c 4 without -k: the server closes first and keeps TIME_WAIT.
    private static GroupReport AbWithoutKeepAlive() => Healthy("ab", "ab") with
    {
        Connections = 104,
        RequestsPerConnection = new(104, 100 / 104.0, 1, 1, 1, 1),
        ConcurrentPeak = 5,
        CloseClientFin = 0,
        CloseServerFin = 104,
        TimeWaitClient = 0,
        TimeWaitClientPeak = 0,
        TimeWaitServer = 100,
        TimeWaitServerPeak = 100,
        PortExhaustion = null,
        ServerAskedClose = 100,
    };

    [Fact]
    public void ClientChurnOnLoopback_WarnsWithForecastForARealNetwork()
    {
        Finding? f = Only(CurlLoop(), RuleIds.ClientTimeWait);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(
            "curl: client TIME_WAIT on 10 of 10 connections closed by FIN (100.0%), peak 10 at once against at most 1 open; "
            + "48.3 TIME_WAIT entries/s would exhaust 28,232 ports toward 127.0.0.1:18480 in 585 s across a real network; "
            + "on loopback tcp_tw_reuse=2 reuses TIME_WAIT ports after ~1 s, so not here",
            f.Statement);
        Assert.Null(Only(CurlLoop(), RuleIds.ServerTimeWait));
    }

    [Fact]
    public void ClientExhaustionSoonOnARealNetwork_IsAnError()
    {
        GroupReport g = CurlLoop() with
        {
            PortExhaustion = new PortExhaustionForecast("10.0.0.2:80", 4_812, 28_232, 60, 5.9, Loopback: false),
        };

        Finding? f = Only(g, RuleIds.ClientTimeWait);

        Assert.Equal(FindingSeverity.Error, f?.Severity);
        Assert.EndsWith("; 4,812 TIME_WAIT entries/s would exhaust 28,232 ports toward 10.0.0.2:80 in 5.9 s", f?.Statement, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60.0, 10.0, FindingSeverity.Error)]
    [InlineData(61.0, 10.0, FindingSeverity.Warning)]
    [InlineData(61.0, 120.0, FindingSeverity.Error)]
    public void ExhaustionWithinMinuteOrRun_IsAnError(double seconds, double duration, FindingSeverity expected)
    {
        GroupReport g = CurlLoop() with
        {
            DurationSeconds = duration,
            PortExhaustion = new PortExhaustionForecast("10.0.0.2:80", 28_232 / seconds, 28_232, 60, seconds, Loopback: false),
        };

        Assert.Equal(expected, Only(g, RuleIds.ClientTimeWait)?.Severity);
    }

    [Fact]
    public void NoExhaustionAtThisRate_SaysHowManySocketsItHolds()
    {
        GroupReport g = CurlLoop() with
        {
            PortExhaustion = new PortExhaustionForecast("10.0.0.2:80", 48.3, 28_232, 60, null, Loopback: false),
        };

        Finding? f = Only(g, RuleIds.ClientTimeWait);

        Assert.Equal(FindingSeverity.Warning, f?.Severity);
        Assert.EndsWith(
            "; 48.3 TIME_WAIT entries/s toward 10.0.0.2:80 hold about 2,898 sockets (60.0 s each), below the 28,232 ports",
            f?.Statement,
            StringComparison.Ordinal);
    }

    [Fact]
    public void KeepAliveRunClosingAtTheEnd_IsNotPilingUp()
    {
        // 10 keep-alive connections leave 10 TIME_WAIT sockets when the tool ends: share 100%, peak 10, but 10 open.
        GroupReport g = Healthy() with { Connections = 10, ConcurrentPeak = 10, CloseClientFin = 10, TimeWaitClient = 10, TimeWaitClientPeak = 10 };

        Assert.Null(Only(g, RuleIds.ClientTimeWait));
    }

    [Theory]
    [InlineData(9, 1, 10, false)] // peak below time-wait-peak-at-least
    [InlineData(10, 1, 10, true)]
    [InlineData(19, 10, 19, false)] // peak below 2 x concurrent peak
    [InlineData(20, 10, 20, true)]
    public void PeakAroundThresholds(long peak, long concurrentPeak, long count, bool fires)
    {
        GroupReport g = CurlLoop() with { TimeWaitClientPeak = peak, ConcurrentPeak = concurrentPeak, TimeWaitClient = count, CloseClientFin = count };

        Assert.Equal(fires, Only(g, RuleIds.ClientTimeWait) is not null);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    public void ShareAroundThreshold(long timeWait, bool fires)
    {
        // 100 closed by FIN; peak stays high enough.
        GroupReport g = CurlLoop() with { CloseClientFin = 100, TimeWaitClient = timeWait, TimeWaitClientPeak = 40 };

        Assert.Equal(fires, Only(g, RuleIds.ClientTimeWait) is not null);
    }

    [Fact]
    public void NoFinClose_NoShare_DoesNotFire()
    {
        GroupReport g = CurlLoop() with { CloseClientFin = 0, CloseClientRst = 10 };

        Assert.Null(Only(g, RuleIds.ClientTimeWait));
    }

    [Fact]
    public void ServerClosesFirst_ServerTimeWaitWithTheNumbers()
    {
        Finding? f = Only(AbWithoutKeepAlive(), RuleIds.ServerTimeWait);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(
            "ab: server TIME_WAIT on 100 of 104 connections closed by FIN (96.2%), peak 100 at once against at most 5 open: "
            + "the server closes first",
            f.Statement);
        Assert.Contains("ab -k", f.Advice, StringComparison.Ordinal);
        Assert.Null(Only(AbWithoutKeepAlive(), RuleIds.ClientTimeWait));
    }

    [Fact]
    public void ServerForcedTheCloses_AdviceIsAboutTheServer()
    {
        GroupReport g = AbWithoutKeepAlive() with { ServerForcedClose = 100 };

        Finding? f = Only(g, RuleIds.ServerTimeWait);

        Assert.Contains("keepalive_requests", f?.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerPeakBelowThresholds_DoesNotFire()
    {
        GroupReport g = AbWithoutKeepAlive() with { TimeWaitServerPeak = 9 };

        Assert.Null(Only(g, RuleIds.ServerTimeWait));
    }
}
