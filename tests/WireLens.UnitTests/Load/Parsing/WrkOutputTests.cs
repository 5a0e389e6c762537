using WireLens.Load.Parsing;
using WireLens.Load.Tools;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class WrkOutputTests
{
    [Fact]
    public void Parse_Success_RequestsRateConnectionsAndLatencyStats()
    {
        // Arrange
        LoadOutput output = ToolOutput.Load("wrk-success");

        // Act
        ToolSummary? summary = new WrkTool().ParseSummary(output);

        // Assert
        Assert.NotNull(summary);
        Assert.Equal(67901, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(61727.00, summary.RequestsPerSecond);
        Assert.Equal(10, summary.Connections);
        Assert.Equal(0.22214, summary.LatencyMs["mean"], 9);
        Assert.Equal(0.43838, summary.LatencyMs["stdev"], 9);
        Assert.Equal(5.04, summary.LatencyMs["max"], 9);
        Assert.False(summary.LatencyMs.ContainsKey("p50"));
    }

    [Fact]
    public void Parse_Latency_PercentilesInMilliseconds()
    {
        ToolSummary? summary = WrkOutput.Parse(ToolOutput.Text("wrk-latency.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(69416, summary.Requests);
        Assert.Equal(63104.19, summary.RequestsPerSecond);
        Assert.Equal(4, summary.Connections);
        Assert.Equal(["p50", "p75", "p90", "p99", "mean", "stdev", "max"], summary.LatencyMs.Keys);
        Assert.Equal(0.051, summary.LatencyMs["p50"], 9);
        Assert.Equal(0.079, summary.LatencyMs["p75"], 9);
        Assert.Equal(0.089, summary.LatencyMs["p90"], 9);
        Assert.Equal(0.129, summary.LatencyMs["p99"], 9);
        Assert.Equal(1.69, summary.LatencyMs["max"], 9);
    }

    [Fact]
    public void Parse_Non2xx_CountedAsErrors()
    {
        ToolSummary? summary = WrkOutput.Parse(ToolOutput.Text("wrk-404.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(59925, summary.Requests);
        Assert.Equal(59925, summary.Errors);
        Assert.Equal(54483.51, summary.RequestsPerSecond);
    }

    [Fact]
    public void Parse_Interrupted_SummaryStillRead()
    {
        ToolSummary? summary = WrkOutput.Parse(ToolOutput.Text("wrk-interrupted.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(16121, summary.Requests);
        Assert.Equal(16021.90, summary.RequestsPerSecond);
        Assert.Equal(4.86, summary.LatencyMs["p99"], 9);
    }

    [Fact]
    public void Parse_SocketErrors_Summed()
    {
        string text = ToolOutput.Text("wrk-close.stdout.txt")
            .Replace("Requests/sec:", "  Socket errors: connect 1, read 2, write 3, timeout 4\n  Non-2xx or 3xx responses: 5\nRequests/sec:", StringComparison.Ordinal);

        ToolSummary? summary = WrkOutput.Parse(text);

        Assert.NotNull(summary);
        Assert.Equal(14063, summary.Requests);
        Assert.Equal(15, summary.Errors);
    }

    [Fact]
    public void Parse_Refused_NoSummary()
    {
        Assert.Null(new WrkTool().ParseSummary(ToolOutput.Load("wrk-refused", exitCode: 1)));
    }

    [Theory]
    [InlineData("wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer\nUsage: wrk <options> <url>", "4.1.0")]
    [InlineData("wrk 4.2.0 [epoll] Copyright (C) 2012 Will Glozer", "4.2.0")]
    [InlineData("Usage: wrk <options> <url>", null)]
    public void Version_FromDashV(string text, string? expected)
    {
        Assert.Equal(expected, WrkOutput.Version(text));
    }
}
