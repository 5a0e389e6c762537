using WireLens.Load.Parsing;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

/// <summary>On reports recorded by others (vegeta is not packaged on Debian; see tests/golden/tool-output/README.md).</summary>
public sealed class VegetaOutputTests
{
    [Fact]
    public void Parse_Success_TotalRateAndGoDurations()
    {
        ToolSummary? summary = VegetaOutput.Parse(ToolOutput.Text("vegeta-success.txt"));

        Assert.NotNull(summary);
        Assert.Equal(270000, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(450.00, summary.RequestsPerSecond);
        Assert.Null(summary.Connections);
        Assert.Equal(["min", "mean", "p50", "p90", "p95", "p99", "max"], summary.LatencyMs.Keys);
        Assert.Equal(4.478, summary.LatencyMs["min"], 9);
        Assert.Equal(6.786, summary.LatencyMs["p50"], 9);
        Assert.Equal(100.934, summary.LatencyMs["max"], 9);
    }

    [Fact]
    public void Parse_Timeouts_CodeZeroIsAnError_MinutesRead()
    {
        ToolSummary? summary = VegetaOutput.Parse(ToolOutput.Text("vegeta-timeouts.txt"));

        Assert.NotNull(summary);
        Assert.Equal(60, summary.Requests);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(1.02, summary.RequestsPerSecond);
        Assert.Equal(5014, summary.LatencyMs["mean"], 9);
        Assert.Equal(120_000, summary.LatencyMs["p99"], 9);
    }

    [Fact]
    public void Parse_MixedStatus_2xxAreFine_0And500AreErrors()
    {
        ToolSummary? summary = VegetaOutput.Parse(ToolOutput.Text("vegeta-mixed-status.txt"));

        Assert.NotNull(summary);
        Assert.Equal(137872615, summary.Requests);
        Assert.Equal(27489 + 2, summary.Errors);
        Assert.Equal(229787.65, summary.RequestsPerSecond);
        Assert.Equal(6, summary.LatencyMs["p50"], 9);
    }

    [Fact]
    public void Parse_Microseconds()
    {
        ToolSummary? summary = VegetaOutput.Parse(ToolOutput.Text("vegeta-microseconds.txt"));

        Assert.NotNull(summary);
        Assert.Equal(30000, summary.Requests);
        Assert.Equal(56, summary.Errors);
        Assert.Equal(0.421299, summary.LatencyMs["min"], 9);
        Assert.Equal(1.085, summary.LatencyMs["p99"], 9);
    }

    [Fact]
    public void Parse_OlderLatencyLayout_ByName()
    {
        const string text = """
            Requests      [total, rate]            1200, 120.00
            Latencies     [mean, 50, 95, 99, max]  1.5ms, 1ms, 3ms, 4ms, 1.2s
            Status Codes  [code:count]             200:1200
            """;

        ToolSummary? summary = VegetaOutput.Parse(text);

        Assert.NotNull(summary);
        Assert.Equal(1200, summary.Requests);
        Assert.Equal(["mean", "p50", "p95", "p99", "max"], summary.LatencyMs.Keys);
        Assert.Equal(1200, summary.LatencyMs["max"], 9);
    }

    [Theory]
    [InlineData("Version: 12.11.1\nCommit: 123\nRuntime: go1.21", "12.11.1")]
    [InlineData("Version: v12.8.4\nCommit: ", "12.8.4")]
    [InlineData("vegeta: unknown flag", null)]
    public void Version_FromDashDashVersion(string text, string? expected)
    {
        Assert.Equal(expected, VegetaOutput.Version(text));
    }
}
