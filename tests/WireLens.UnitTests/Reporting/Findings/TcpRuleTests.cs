using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class TcpRuleTests
{
    [Fact]
    public void SynRetransmits_FewConnections_WarningWithTheNumbers()
    {
        // SynRetransmits counts SYN plus SYN/ACK retransmissions.
        GroupReport g = Healthy() with { Connections = 4_000, SynRetransmits = 15, SynAckRetransmits = 3, ConnectionsWithSynRetransmits = 14 };

        Finding? f = Only(g, RuleIds.SynRetransmits);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.StartsWith("wrk: 12 SYN and 3 SYN/ACK retransmissions on 14 of 4,000 connections (0.35%); ", f.Statement, StringComparison.Ordinal);
        Assert.Contains("somaxconn", f.Advice, StringComparison.Ordinal);
        Assert.Contains("tcp_abort_on_overflow", f.Advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(39, FindingSeverity.Warning)]
    [InlineData(40, FindingSeverity.Error)]
    public void SynRetransmits_OnePercentOfConnections_IsAnError(long connections, FindingSeverity expected)
    {
        GroupReport g = Healthy() with { Connections = 4_000, SynRetransmits = connections, ConnectionsWithSynRetransmits = connections };

        Assert.Equal(expected, Only(g, RuleIds.SynRetransmits)?.Severity);
    }

    [Fact]
    public void SynRetransmits_None_DoesNotFire()
    {
        Assert.Null(Only(Healthy() with { SynRetransmits = 0 }, RuleIds.SynRetransmits));
    }

    [Fact]
    public void SynRetransmits_BelowConfiguredMinimum_DoesNotFire()
    {
        GroupReport g = Healthy() with { Connections = 4_000, SynRetransmits = 4, ConnectionsWithSynRetransmits = 4 };
        var thresholds = FindingThresholds.Default with { SynRetransmitsAtLeast = 5 };

        Assert.Null(Only(g, RuleIds.SynRetransmits, thresholds));
    }

    [Fact]
    public void Refused_AllConnections_ErrorWithTheNumbers()
    {
        GroupReport g = Healthy("curl", "curl") with { Connections = 3, Refused = 3, RequestsPerConnection = new(0, null, null, null, null, null) };

        Finding? f = Only(g, RuleIds.Refused);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Error, f.Severity);
        Assert.Equal("curl: 3 of 3 connections refused (100.0%): the SYN was answered by RST", f.Statement);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, FindingSeverity.Warning)]
    [InlineData(9, FindingSeverity.Warning)]
    [InlineData(10, FindingSeverity.Error)]
    public void Refused_AroundThresholds(long refused, FindingSeverity? expected)
    {
        GroupReport g = Healthy() with { Connections = 1_000, Refused = refused };

        Assert.Equal(expected, Only(g, RuleIds.Refused)?.Severity);
    }

    [Fact]
    public void Retransmissions_AboveOnePercent_WarningWithTheNumbers()
    {
        GroupReport g = Healthy() with
        {
            PayloadFrames = 10_000,
            RetransmittedPayloadFrames = 101,
            RetransmissionShare = 0.0101,
            Retransmissions = 120,
            FastRetransmissions = 12,
            SpuriousRetransmissions = 3,
        };

        Finding? f = Only(g, RuleIds.Retransmissions);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(
            "wrk: 1.01% of payload frames were retransmissions (101 of 10,000); 120 retransmissions in all, 12 fast, 3 spurious",
            f.Statement);
    }

    [Theory]
    [InlineData(0.01, 10_000, null)] // not above 1%
    [InlineData(0.02, 99, null)] // too few payload frames
    [InlineData(0.02, 100, FindingSeverity.Warning)]
    [InlineData(0.05, 10_000, FindingSeverity.Warning)]
    [InlineData(0.0501, 10_000, FindingSeverity.Error)]
    public void Retransmissions_AroundThresholds(double share, long payloadFrames, FindingSeverity? expected)
    {
        GroupReport g = Healthy() with { PayloadFrames = payloadFrames, RetransmissionShare = share };

        Assert.Equal(expected, Only(g, RuleIds.Retransmissions)?.Severity);
    }

    [Fact]
    public void Retransmissions_NoPayload_DoesNotFire()
    {
        Assert.Null(Only(Healthy() with { PayloadFrames = 0, RetransmissionShare = null }, RuleIds.Retransmissions));
    }

    [Fact]
    public void KeepAliveRace_WarningWithTheNumbers()
    {
        GroupReport g = Healthy() with { Connections = 1_200, KeepAliveRaces = 3 };

        Finding? f = Only(g, RuleIds.KeepAliveRace);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(
            "wrk: 3 of 1,200 connections lost a request to the keep-alive race: the server closed the idle connection and "
            + "answered the client's next request with RST",
            f.Statement);
        Assert.Contains("keepalive_timeout", f.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepAliveRace_None_DoesNotFire()
    {
        Assert.Null(Only(Healthy() with { KeepAliveRaces = 0 }, RuleIds.KeepAliveRace));
    }
}
