using WireLens.Analysis.Connections;
using WireLens.Capture.Live;
using WireLens.Cli.Inspection;
using WireLens.Cli.Live;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.UnitTests.Cli;

public sealed class CampaignInspectionTests
{
    [Fact]
    public void RunStarting_ConnectionsOfTheRun_GroupedUnderItsLabelLive()
    {
        // Arrange: a sample capture's connections replayed through a run's live watcher.
        InspectionSnapshot sample = OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, "ab-no-keepalive.pcap"));
        Assert.True(sample.Connections.Count > 100);
        List<ConnectionRecord> records = Records("ab-no-keepalive.pcap");
        using var feed = new CampaignInspection("lo", () => { });
        Timestamp start = records[0].FirstTime;
        ILiveWatcher watcher = feed.RunStarting("ab-1", "ab", "lo (tcp port 80)", "/x/capture.pcap", new GroupReportOptions(), FindingThresholds.Default, start);

        // Act
        foreach (ConnectionRecord r in records)
        {
            watcher.OnConnection(r);
        }

        watcher.OnPublished(Snapshot(records.Count), records[^1].LastTime);

        // Assert
        InspectionSnapshot s = feed.Current;
        Assert.Equal(InspectionState.Capturing, s.Header.State);
        Assert.Equal("ab-1", s.Header.Run);
        Assert.Equal(records.Count, s.Connections.Count);
        GroupReport group = Assert.Single(s.Tools!.Groups);
        Assert.Equal("ab-1", group.Group);
        Assert.Equal(records.Count, group.Connections);
        Assert.Equal("ab-1", s.Connections[0].Group);
    }

    private static LiveSnapshot Snapshot(long connections) =>
        new(TimeSpan.FromSeconds(1), new LiveCaptureStatistics(10, 0, 0, 10, 0, 10), 10, connections, 0, connections, 0, 0, 0, 0, 0, 0);

    private static List<ConnectionRecord> Records(string capture)
    {
        var sink = new Collect();
        WireLens.Cli.Commands.AnalyzeCommand.Run(
            new WireLens.Cli.Commands.AnalyzeArguments(Path.Combine(TestPaths.Captures, capture), null, null, null, 300),
            TextWriter.Null, TextWriter.Null, new WireLens.Cli.Commands.AnalyzeHooks { Connections = _ => sink }, out _);
        return sink.Records;
    }

    private sealed class Collect : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
