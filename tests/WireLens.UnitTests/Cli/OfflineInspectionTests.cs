using WireLens.Analysis.Connections;
using WireLens.Cli.Commands;
using WireLens.Cli.Inspection;
using WireLens.Reporting.Inspection;
using WireLens.Testing;

namespace WireLens.UnitTests.Cli;

public sealed class OfflineInspectionTests
{
    [Fact]
    public void Analyze_SampleCapture_FinalSnapshotHoldsTheReportAndEveryConnection()
    {
        // Arrange: ab without keep-alive, one connection per request, server closes first (captures/README.md).
        string file = Path.Combine(TestPaths.Captures, "ab-no-keepalive.pcap");
        AnalyzeCommand.Run(new AnalyzeArguments(file, null, null, null, 300), TextWriter.Null, TextWriter.Null, out AnalysisReport? report);
        Assert.NotNull(report);
        Assert.True(report.Summary.Connections > 100);

        // Act
        InspectionSnapshot snapshot = OfflineInspection.Analyze(file);

        // Assert: the same report, one row per connection, in stream order, with frame ranges.
        Assert.Equal(InspectionState.Finished, snapshot.Header.State);
        Assert.Equal(report.Summary.Connections, snapshot.Connections.Count);
        Assert.Equal(report.Summary.Capture.PacketsRead, snapshot.Header.Packets);
        Assert.Equal(report.Tools.Groups.Select(g => (g.Group, g.Connections)), snapshot.Tools!.Groups.Select(g => (g.Group, g.Connections)));
        Assert.Equal(report.Findings.Select(f => f.Statement), snapshot.Findings.Select(f => f.Statement));
        Assert.Equal([file], snapshot.Captures);
        Assert.Equal(report.Summary.Capture.FirstPacketTime, snapshot.Origin);
        long serverFin = 0;
        for (int i = 0; i < snapshot.Connections.Count; i++)
        {
            ConnectionSummary row = snapshot.Connections[i];
            Assert.Equal(i, row.Stream);
            Assert.InRange(row.FirstFrame, 1, row.LastFrame);
            serverFin += row.Close == CloseKind.ServerFin ? 1 : 0;
        }

        Assert.Equal(report.Tools.Groups.Sum(g => g.CloseServerFin), serverFin);
        var perGroup = Enumerable.Range(0, snapshot.Connections.Count).GroupBy(i => snapshot.Connections[i].Group).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(report.Tools.Groups.ToDictionary(g => g.Group, g => g.Connections), perGroup);
    }

    [Fact]
    public void Run_UnreadableFile_NoReportAndTheError()
    {
        string file = Path.Combine(TestPaths.NewTempDirectory("wl-insp"), "missing.pcap");
        var inspection = new OfflineInspection(new AnalyzeArguments(file, null, null, null, 300));
        var stderr = new StringWriter();

        int exit = inspection.Run(TextWriter.Null, stderr, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exit);
        Assert.NotEqual(InspectionState.Finished, inspection.Current.Header.State);
        Assert.StartsWith("wirelens: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Null(inspection.Report);
        inspection.Failed("it broke");
        Assert.Equal(InspectionState.Failed, inspection.Current.Header.State);
        Assert.Equal("it broke", inspection.Current.Header.Message);
    }
}
