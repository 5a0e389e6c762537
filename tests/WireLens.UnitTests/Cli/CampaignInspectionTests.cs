using WireLens.Analysis.Connections;
using WireLens.Capture.Live;
using WireLens.Cli.Inspection;
using WireLens.Cli.Live;
using WireLens.Reporting.Attribution;
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

    [Fact]
    public void TwoRuns_ThenTheFinalReport_ReplacesTheLiveViews()
    {
        // Arrange: run 1 replays ab without keep-alive, run 2 curl's loop; then the final analysis of a capture.
        List<ConnectionRecord> ab = Records("ab-no-keepalive.pcap");
        List<ConnectionRecord> curl = Records("curl-loop.pcap");
        int stops = 0;
        using var feed = new CampaignInspection("starting", () => stops++);
        feed.Planned(2);
        ILiveWatcher first = feed.RunStarting("ab", "ab", "lo (tcp port 1)", "/r1/capture.pcap", new GroupReportOptions(), FindingThresholds.Default, ab[0].FirstTime);
        ab.ForEach(first.OnConnection);
        first.OnPublished(Snapshot(ab.Count), ab[^1].LastTime);
        feed.Stopping();
        feed.RunStopped(dropped: 3);
        ILiveWatcher second = feed.RunStarting("curl", "curl", "lo (tcp port 2)", "/r2/capture.pcap", new GroupReportOptions(), FindingThresholds.Default, curl[0].FirstTime);
        curl.ForEach(second.OnConnection);
        second.OnPublished(Snapshot(curl.Count), curl[^1].LastTime);

        // Act 1: live, during run 2.
        InspectionSnapshot live = feed.Current;

        // Assert 1: both runs' groups and rows, run 2 in the header, run 1's drops counted.
        Assert.Equal(["ab", "curl"], live.Tools!.Groups.Select(g => g.Group));
        Assert.Equal(ab.Count + curl.Count, live.Connections.Count);
        Assert.Equal(curl.Count, Enumerable.Range(0, live.Connections.Count).Count(i => live.Connections[i].Capture == 1));
        Assert.Equal(["/r1/capture.pcap", "/r2/capture.pcap"], live.Captures);
        Assert.Equal("curl", live.Header.Run);
        Assert.Equal("2/2", live.Header.RunOrdinal);
        Assert.Equal("lo (tcp port 2)", live.Header.Source);
        Assert.Equal(3, live.Header.Drops);
        Assert.Equal(InspectionState.Capturing, live.Header.State);

        // Act 2: the final analysis (here of one sample capture) replaces the live views.
        feed.Analysing();
        Assert.Equal(InspectionState.Analysing, feed.Current.Header.State);
        WireLens.Cli.Commands.AnalyzeCommand.Run(
            new WireLens.Cli.Commands.AnalyzeArguments(Path.Combine(TestPaths.Captures, "curl-loop.pcap"), null, null, null, 300),
            TextWriter.Null, TextWriter.Null, feed.FinalHooks(1), out WireLens.Cli.Commands.AnalysisReport? report);
        feed.Finished(report!.Tools, report.Findings, report.Summary.Capture.FirstPacketTime, report.Summary.Capture.PacketsRead);
        InspectionSnapshot final = feed.Current;

        // Assert 2
        Assert.Equal(InspectionState.Finished, final.Header.State);
        Assert.Same(report.Tools, final.Tools);
        Assert.Equal(curl.Count, final.Connections.Count);
        Assert.Equal(1, final.Connections[0].Capture);
        Assert.Equal(report.Summary.Capture.PacketsRead, final.Header.Packets);
        Assert.Equal(0, stops);
        feed.RequestStop();
        Assert.Equal(1, stops);
    }

    [Fact]
    public void RunStarting_EvictedConnections_LiveFindingsSayCaptureIncomplete()
    {
        // Arrange: a sample capture's connections, every third released as evicted from a full table.
        List<ConnectionRecord> records = [.. Records("ab-no-keepalive.pcap")
            .Select((r, i) => i % 3 == 0 ? r with { FlushReason = FlushReason.Evicted } : r)];
        int evicted = records.Count(r => r.FlushReason == FlushReason.Evicted);
        Assert.True(evicted > 10);
        using var feed = new CampaignInspection("lo", () => { });
        ILiveWatcher watcher = feed.RunStarting("ab-1", "ab", "lo (tcp port 80)", "/x/capture.pcap", new GroupReportOptions(), FindingThresholds.Default, records[0].FirstTime);

        // Act
        records.ForEach(watcher.OnConnection);
        watcher.OnPublished(Snapshot(records.Count), records[^1].LastTime);

        // Assert: the live findings count them as the offline report does.
        Finding incomplete = Assert.Single(feed.Current.Findings, f => f.Rule == RuleIds.CaptureIncomplete);
        Assert.Contains($"{evicted} connections evicted from the full connection table", incomplete.Statement, StringComparison.Ordinal);
    }

    private static LiveSnapshot Snapshot(long connections) =>
        new(TimeSpan.FromSeconds(1), new LiveCaptureStatistics(10, 0, 0, 10, 0, 10), 10, connections, 0, connections, 0, 0, 0, 0, 0, 0);

    private static List<ConnectionRecord> Records(string capture)
    {
        var sink = new Collect();
        WireLens.Cli.Commands.AnalyzeCommand.Run(
            new WireLens.Cli.Commands.AnalyzeArguments(Path.Combine(TestPaths.Captures, capture), null, null, null, 300),
            TextWriter.Null, TextWriter.Null, new WireLens.Cli.Commands.AnalyzeHooks { Connections = sink }, out _);
        return sink.Records;
    }

    private sealed class Collect : IGroupedConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record, GroupedConnection grouped) => Records.Add(record);
    }
}
