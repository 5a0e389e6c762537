using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class TlsRuleTests
{
    // 400 TLS connections, 10 open at once, 380 full handshakes: 370 never offered resumption, 10 offered and refused.
    private static GroupReport Churn() => Healthy("hey", "hey") with
    {
        Connections = 400,
        ConcurrentPeak = 10,
        TlsHandshakes = 400,
        TlsResumed = 20,
        TlsFullNotOffered = 370,
        TlsFullOfferRefused = 10,
    };

    [Fact]
    public void MostlyFull_WarningWithBothCauses()
    {
        Finding? f = Only(Churn(), RuleIds.TlsFullHandshakes);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(
            "hey: 380 of 400 TLS handshakes full (95.0%) against at most 10 connections open: 370 with no resumption offered "
            + "by the client, 10 offered but refused by the server",
            f.Statement);
        Assert.Contains("offered no resumption", f.Advice, StringComparison.Ordinal);
        Assert.Contains("refused the offered resumption", f.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerRefusesOnly_AdviceIsAboutTheServer()
    {
        GroupReport g = Churn() with { TlsFullNotOffered = 0, TlsFullOfferRefused = 380 };

        Finding? f = Only(g, RuleIds.TlsFullHandshakes);

        Assert.NotNull(f);
        Assert.DoesNotContain("offered no resumption", f.Advice, StringComparison.Ordinal);
        Assert.Contains("ssl_session_cache", f.Advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(40, false)] // 360 of 400 full: exactly 90%
    [InlineData(39, true)]
    public void ShareAroundThreshold(long resumed, bool fires)
    {
        GroupReport g = Churn() with { TlsResumed = resumed };

        Assert.Equal(fires, Only(g, RuleIds.TlsFullHandshakes) is not null);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void FewHandshakes_DoNotFire(long handshakes, bool fires)
    {
        // A single curl (or a few) pays a full handshake per process: not a finding.
        GroupReport g = Churn() with { TlsHandshakes = handshakes, TlsResumed = 0, ConcurrentPeak = 1 };

        Assert.Equal(fires, Only(g, RuleIds.TlsFullHandshakes) is not null);
    }

    [Theory]
    [InlineData(190, true)] // 380 full = 2 x 190
    [InlineData(191, false)]
    public void KeepAliveConnectionsEachPayingOnce_DoNotFire(long concurrentPeak, bool fires)
    {
        GroupReport g = Churn() with { ConcurrentPeak = concurrentPeak };

        Assert.Equal(fires, Only(g, RuleIds.TlsFullHandshakes) is not null);
    }

    [Fact]
    public void H2OfferedHttp11Selected_InfoWithTheNumbers()
    {
        GroupReport g = Healthy("curl", "curl") with { H2OfferedVisible = 12, H2OfferedHttp11Selected = 12 };

        Finding? f = Only(g, RuleIds.H2NotNegotiated);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Info, f.Severity);
        Assert.Equal("curl: 12 of 12 connections that offered h2 got HTTP/1.1 (where the choice is visible: TLS 1.2 ALPN, h2c Upgrade)", f.Statement);
    }

    [Fact]
    public void H2Selected_DoesNotFire()
    {
        GroupReport g = Healthy() with { H2OfferedVisible = 12, H2OfferedHttp11Selected = 0 };

        Assert.Null(Only(g, RuleIds.H2NotNegotiated));
    }
}
