using System.Globalization;
using WireLens.Cli.Commands;
using WireLens.Reporting.Findings;
using WireLens.Testing.Hostile;

namespace WireLens.UnitTests.Cli;

/// <summary><c>wirelens analyze --max-connections</c>: a SYN flood file against a bounded table, and the option's validation.</summary>
public sealed class AnalyzeMaxConnectionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wirelens-bound-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_SynFloodWithMaxConnections_SummaryAndFindingShowEvictions()
    {
        // Arrange
        string file = Path.Combine(_folder, "syn-flood.pcap");
        SynFlood.WritePcap(file, 200_000, seed: 42);
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);

        // Act
        int exit = AnalyzeCommand.Run(
            new AnalyzeArguments(file, null, null, null, 300) { MaxConnections = 10_000, NoManifest = true }, stdout, stderr, out AnalysisReport? report);

        // Assert
        Assert.Equal((0, string.Empty), (exit, stderr.ToString()));
        string text = stdout.ToString();
        Assert.Contains("Evicted (table full)", text, StringComparison.Ordinal);
        Assert.Contains("190,000 - raise --max-connections", text, StringComparison.Ordinal);
        Assert.NotNull(report);
        Assert.Equal(200_000L, report.Summary.Connections);
        Finding incomplete = Assert.Single(report.Findings, f => f.Rule == RuleIds.CaptureIncomplete);
        Assert.Contains("190,000 connections evicted from the full connection table", incomplete.Statement, StringComparison.Ordinal);
        Assert.Contains("--max-connections", incomplete.Advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Run_MaxConnectionsBelowOne_OneLineErrorExitOne(int max)
    {
        // Arrange
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);

        // Act
        int exit = AnalyzeCommand.Run(new AnalyzeArguments("missing.pcap", null, null, null, 300) { MaxConnections = max }, stdout, stderr);

        // Assert
        Assert.Equal(1, exit);
        Assert.Equal("wirelens: error: --max-connections must be at least 1\n", stderr.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, stdout.ToString());
    }

    [Fact]
    public void LiveSettings_MaxConnectionsZero_ProblemAndPassedToFinalAnalysis()
    {
        // Arrange
        var zero = new LiveSettings { MaxConnections = 0 };
        var bounded = new LiveSettings { MaxConnections = 5_000 };

        // Act
        string? problem = zero.Problem();
        AnalyzeArguments final = bounded.AnalyzeArguments("x.pcap", "x.run.json", groupBy: null);

        // Assert
        Assert.Equal("--max-connections must be at least 1", problem);
        Assert.Null(bounded.Problem());
        Assert.Equal(5_000, final.MaxConnections);
    }
}
