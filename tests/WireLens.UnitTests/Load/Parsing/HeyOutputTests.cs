using WireLens.Load.Parsing;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class HeyOutputTests
{
    [Fact]
    public void Parse_Success_RequestsFromStatusDistribution()
    {
        ToolSummary? summary = HeyOutput.Parse(ToolOutput.Text("hey-success.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(200, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(16889.3756, summary.RequestsPerSecond);
        Assert.Null(summary.Connections);
        Assert.Equal(["p10", "p25", "p50", "p75", "p90", "p95", "p99", "mean", "min", "max"], summary.LatencyMs.Keys);
        Assert.Equal(0.1, summary.LatencyMs["p50"], 9);
        Assert.Equal(1.4, summary.LatencyMs["p99"], 9);
        Assert.Equal(0.2, summary.LatencyMs["mean"], 9);
        Assert.Equal(2.6, summary.LatencyMs["max"], 9);
    }

    [Fact]
    public void Parse_404_ResponsesAreRequestsAndErrors_ZeroPercentileLeftOut()
    {
        ToolSummary? summary = HeyOutput.Parse(ToolOutput.Text("hey-404.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(50, summary.Requests);
        Assert.Equal(50, summary.Errors);
        Assert.Equal(12801.8451, summary.RequestsPerSecond);
        Assert.False(summary.LatencyMs.ContainsKey("p0"));
        Assert.False(summary.LatencyMs.ContainsKey("p99"));
        Assert.Equal(1.0, summary.LatencyMs["p95"], 9);
    }

    [Fact]
    public void Parse_Refused_ErrorDistributionCounted_NaNLeftOut()
    {
        ToolSummary? summary = HeyOutput.Parse(ToolOutput.Text("hey-refused.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(0, summary.Requests);
        Assert.Equal(20, summary.Errors);
        Assert.Equal(7115.1766, summary.RequestsPerSecond);
        Assert.False(summary.LatencyMs.ContainsKey("mean"));
    }

    [Theory]
    [InlineData("hey-duration", 20123, 20113.9372)]
    [InlineData("hey-interrupted", 10019, 10080.2937)]
    public void Parse_DurationAndInterrupted(string name, long requests, double rate)
    {
        ToolSummary? summary = HeyOutput.Parse(ToolOutput.Text(name + ".stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(requests, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(rate, summary.RequestsPerSecond);
    }
}
