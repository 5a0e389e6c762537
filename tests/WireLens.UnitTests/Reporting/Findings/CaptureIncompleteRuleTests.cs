using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;
using WireLens.Reporting.Summary;
using static WireLens.UnitTests.Reporting.Findings.GroupReports;

namespace WireLens.UnitTests.Reporting.Findings;

public class CaptureIncompleteRuleTests
{
    private static Finding? Evaluate(CaptureHealth health) =>
        FindingEngine.Evaluate(Report(Healthy()), health, FindingThresholds.Default).SingleOrDefault();

    [Fact]
    public void NothingMissing_NoFinding()
    {
        Assert.Null(Evaluate(new CaptureHealth { Connections = 11, Received = 100_000, DroppedByKernel = 0, DroppedByInterface = 0, AckedUnseen = 0 }));
    }

    [Fact]
    public void TruncatedPackets_WarningForTheCapture()
    {
        Finding? f = Evaluate(new CaptureHealth { TruncatedPackets = 12 });

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Warning, f.Severity);
        Assert.Equal(RuleIds.CaptureIncomplete, f.Rule);
        Assert.Equal("*", f.Group);
        Assert.Equal("capture: 12 truncated packets; figures may be low", f.Statement);
        Assert.Equal("Capture whole packets (no snap length: tcpdump -s 0)", f.Advice);
    }

    [Fact]
    public void EveryKindOfLoss_ListedWithTheNumbers()
    {
        var health = new CaptureHealth
        {
            TruncatedPackets = 1,
            DamagedRecords = 2,
            Received = 100_000,
            DroppedByKernel = 3_000,
            DroppedByInterface = 10,
            Connections = 1_000,
            ConnectionsWithStreamGaps = 4,
            LostSegments = 17,
            AckedUnseen = 2,
        };

        Finding? f = Evaluate(health);

        Assert.NotNull(f);
        Assert.Equal(FindingSeverity.Error, f.Severity);
        Assert.Equal(
            "capture: 1 truncated packet, 2 damaged records, 3,010 packets dropped by the capturer (3,000 kernel, 10 interface) "
            + "of 100,000 received (3.01%), 4 of 1,000 connections with bytes missing, 17 segments not captured before a later one, "
            + "2 segments acknowledged but not captured; figures may be low",
            f.Statement);
    }

    [Theory]
    [InlineData(999, FindingSeverity.Warning)]
    [InlineData(1_000, FindingSeverity.Error)]
    public void DropsAroundOnePercent(long dropped, FindingSeverity expected)
    {
        Finding? f = Evaluate(new CaptureHealth { Received = 100_000, DroppedByKernel = dropped });

        Assert.Equal(expected, f?.Severity);
    }

    [Fact]
    public void DropsWithoutReceivedCount_AreAnError()
    {
        Assert.Equal(FindingSeverity.Error, Evaluate(new CaptureHealth { DroppedByInterface = 1 })?.Severity);
    }

    [Fact]
    public void GapsWithoutDrops_AdviceSaysWhereToCapture()
    {
        Finding? f = Evaluate(new CaptureHealth { Connections = 10, ConnectionsWithStreamGaps = 1 });

        Assert.Equal(FindingSeverity.Warning, f?.Severity);
        Assert.Contains("capture from before the load starts", f?.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void GapsFromASnapLength_AdviceNamesTheSnapLengthOnly()
    {
        Finding? f = Evaluate(new CaptureHealth { Connections = 10, ConnectionsWithStreamGaps = 10, TruncatedPackets = 40 });

        Assert.Equal("capture: 40 truncated packets, 10 of 10 connections with bytes missing; figures may be low", f?.Statement);
        Assert.Equal("Capture whole packets (no snap length: tcpdump -s 0)", f?.Advice);
    }

    [Fact]
    public void FromSummary_TakesFileFactsSegmentTotalsAndManifestDrops()
    {
        var summary = new CaptureSummary
        {
            Capture = new CaptureFacts { TruncatedPackets = 2, DamageMessages = ["truncated after packet 9"] },
            Connections = 100,
            ConnectionsWithStreamGap = 5,
            SegmentVerdicts = new SegmentVerdictTotals { LostSegments = 3, AckedUnseen = 4 },
        };
        var manifest = new RunManifest(RunManifest.CurrentVersion, new CaptureInfo("x.pcap", "lo", null, 1_000, 6, 7), []);

        CaptureHealth health = CaptureHealth.From(summary, manifest, damagedRecords: 3);

        Assert.Equal(
            new CaptureHealth
            {
                TruncatedPackets = 2,
                DamagedRecords = 3,
                Received = 1_000,
                DroppedByKernel = 6,
                DroppedByInterface = 7,
                Connections = 100,
                ConnectionsWithStreamGaps = 5,
                LostSegments = 3,
                AckedUnseen = 4,
            },
            health);
        Assert.Equal(1, CaptureHealth.From(summary, null).DamagedRecords);
        Assert.Null(CaptureHealth.From(summary, null).Received);
    }

    [Fact]
    public void FromReport_SumsTheGroups()
    {
        ToolsReport report = Report(
            Healthy("a") with { Connections = 10, ConnectionsWithStreamGaps = 1, LostSegments = 2 },
            Healthy("b") with { Connections = 5, ConnectionsWithStreamGaps = 3, LostSegments = 4 }) with
        {
            Manifest = new RunManifest(RunManifest.CurrentVersion, new CaptureInfo(null, null, null, 50, 1, null), []),
        };

        CaptureHealth health = CaptureHealth.From(new CaptureFacts { TruncatedPackets = 8 }, report);

        Assert.Equal(15, health.Connections);
        Assert.Equal(4, health.ConnectionsWithStreamGaps);
        Assert.Equal(6, health.LostSegments);
        Assert.Null(health.AckedUnseen);
        Assert.Equal(8, health.TruncatedPackets);
        Assert.Equal(50, health.Received);
        Assert.Equal(1, health.Dropped);
    }
}
