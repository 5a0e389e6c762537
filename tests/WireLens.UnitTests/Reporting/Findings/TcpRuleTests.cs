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
            "wrk: 1.01% of payload frames were retransmissions not proven unnecessary (101 of 10,000); 101 retransmitted, "
            + "none of them D-SACKed as unnecessary; 120 retransmissions in all, 12 fast, 3 spurious",
            f.Statement);
        Assert.Contains("ip -s link", f.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Retransmissions_SomeDsacked_ShareLeavesThemOutAndStatementSaysHowMany()
    {
        GroupReport g = Healthy() with
        {
            PayloadFrames = 10_000,
            RetransmittedPayloadFrames = 121,
            RetransmissionShare = 0.0121,
            DsackRetransmissions = 20,
            Retransmissions = 140,
            FastRetransmissions = 12,
            SpuriousRetransmissions = 3,
        };

        Finding? f = Only(g, RuleIds.Retransmissions);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(
            "wrk: 1.01% of payload frames were retransmissions not proven unnecessary (101 of 10,000); 121 retransmitted, "
            + "20 of them D-SACKed as unnecessary (delayed ACK / tail loss probe); 140 retransmissions in all, 12 fast, 3 spurious",
            f.Statement);
    }

    [Fact]
    public void Retransmissions_TailLossProbesAllDsacked_DoesNotFire()
    {
        // The h2load-h2c sample: 7 of 190 payload frames retransmitted (3.68%), every one D-SACKed by the client.
        GroupReport g = Healthy() with
        {
            PayloadFrames = 190,
            RetransmittedPayloadFrames = 7,
            RetransmissionShare = 7 / 190.0,
            DsackRetransmissions = 7,
            Retransmissions = 7,
        };

        Assert.Equal(0.0, g.UnprovenRetransmissionShare);
        Assert.Null(Only(g, RuleIds.Retransmissions));
    }

    [Theory]
    [InlineData(100, 0, 10_000, null)] // not above 1%
    [InlineData(2, 0, 99, null)] // too few payload frames
    [InlineData(2, 0, 100, FindingSeverity.Warning)]
    [InlineData(500, 0, 10_000, FindingSeverity.Warning)]
    [InlineData(501, 0, 10_000, FindingSeverity.Error)]
    [InlineData(601, 100, 10_000, FindingSeverity.Error)] // 5.01% once the D-SACKed ones are left out
    [InlineData(601, 101, 10_000, FindingSeverity.Warning)] // 5.00%
    [InlineData(200, 100, 10_000, null)] // 2% retransmitted, 1% not D-SACKed
    [InlineData(201, 100, 10_000, FindingSeverity.Warning)]
    public void Retransmissions_AroundThresholds(long retransmitted, long dsacked, long payloadFrames, FindingSeverity? expected)
    {
        GroupReport g = Healthy() with
        {
            PayloadFrames = payloadFrames,
            RetransmittedPayloadFrames = retransmitted,
            RetransmissionShare = (double)retransmitted / payloadFrames,
            DsackRetransmissions = dsacked,
        };

        Assert.Equal(expected, Only(g, RuleIds.Retransmissions)?.Severity);
    }

    [Fact]
    public void Retransmissions_NoPayload_DoesNotFire()
    {
        GroupReport g = Healthy() with { PayloadFrames = 0, RetransmittedPayloadFrames = 0, RetransmissionShare = null };

        Assert.Null(g.UnprovenRetransmissionShare);
        Assert.Null(Only(g, RuleIds.Retransmissions));
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
