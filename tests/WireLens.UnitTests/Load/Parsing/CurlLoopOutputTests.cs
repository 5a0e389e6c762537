using WireLens.Load.Parsing;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class CurlLoopOutputTests
{
    [Fact]
    public void Parse_Mixed_ResponsesAreRequests_404AndRefusedAreErrors()
    {
        // Arrange: 200, 200, 200, 404, then no response (exit 7).
        string stdout = ToolOutput.Text("curl-mixed.stdout.txt");

        // Act
        ToolSummary? summary = CurlLoopOutput.Parse(stdout, TimeSpan.FromSeconds(2));

        // Assert
        Assert.NotNull(summary);
        Assert.Equal(4, summary.Requests);
        Assert.Equal(2, summary.Errors);
        Assert.Equal(4, summary.Connections);
        Assert.Equal(2.0, summary.RequestsPerSecond);
        Assert.Equal(["p50", "p90", "p99", "mean", "max"], summary.LatencyMs.Keys);
        Assert.Equal(0.461, summary.LatencyMs["p50"], 9);
        Assert.Equal(1.737, summary.LatencyMs["p90"], 9);
        Assert.Equal(1.737, summary.LatencyMs["max"], 9);
        Assert.Equal((0.425 + 1.737 + 0.461 + 0.472) / 4, summary.LatencyMs["mean"], 9);
    }

    [Fact]
    public void Parse_NoElapsed_NoRate()
    {
        Assert.Null(CurlLoopOutput.Parse(ToolOutput.Text("curl-mixed.stdout.txt"), null)?.RequestsPerSecond);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello\n")]
    [InlineData("wirelens-curl 200 0.1 1\n")]
    [InlineData("wirelens-curl 200 0.1 1 0 extra\n")]
    [InlineData("wirelens-curl abc 0.1 1 0\n")]
    [InlineData("wirelens-curl 200 NaN 1 0\n")]
    [InlineData("wirelens-curl 99999 0.1 1 0\n")]
    public void Parse_NoValidLine_Null(string stdout)
    {
        Assert.Null(CurlLoopOutput.Parse(stdout, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Parse_ResponseWithNonZeroExit_RequestAndError()
    {
        // A timeout while reading the body: the status came, curl exited 28.
        ToolSummary? summary = CurlLoopOutput.Parse("<html>\nwirelens-curl 200 30.001 1 28\n", null);

        Assert.NotNull(summary);
        Assert.Equal(1, summary.Requests);
        Assert.Equal(1, summary.Errors);
    }
}
