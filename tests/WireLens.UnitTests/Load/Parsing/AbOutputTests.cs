using WireLens.Load.Parsing;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class AbOutputTests
{
    [Fact]
    public void Parse_Success_CompleteRequestsRateAndPercentiles()
    {
        ToolSummary? summary = AbOutput.Parse(ToolOutput.Text("ab-success.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(200, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(9521.54, summary.RequestsPerSecond);
        Assert.Null(summary.Connections);
        Assert.Equal(["p50", "p66", "p75", "p80", "p90", "p95", "p98", "p99", "max", "mean"], summary.LatencyMs.Keys);
        Assert.Equal(0, summary.LatencyMs["p50"]);
        Assert.Equal(1, summary.LatencyMs["p95"]);
        Assert.Equal(1, summary.LatencyMs["max"]);
        Assert.Equal(0.420, summary.LatencyMs["mean"], 9);
    }

    [Fact]
    public void Parse_KeepAlive()
    {
        ToolSummary? summary = AbOutput.Parse(ToolOutput.Text("ab-keepalive.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(300, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(68965.52, summary.RequestsPerSecond);
        Assert.Equal(0.043, summary.LatencyMs["mean"], 9);
    }

    [Fact]
    public void Parse_Non2xx_CountedAsErrors()
    {
        ToolSummary? summary = AbOutput.Parse(ToolOutput.Text("ab-404.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(50, summary.Requests);
        Assert.Equal(50, summary.Errors);
        Assert.Equal(9552.92, summary.RequestsPerSecond);
    }

    [Fact]
    public void Parse_FailedRequestsWithBreakdown()
    {
        string text = ToolOutput.Text("ab-success.stdout.txt").Replace(
            "Failed requests:        0",
            "Failed requests:        3\n   (Connect: 0, Receive: 0, Length: 3, Exceptions: 0)",
            StringComparison.Ordinal);

        Assert.Equal(3, AbOutput.Parse(text)?.Errors);
    }

    [Fact]
    public void Parse_Refused_NoSummary()
    {
        Assert.Null(AbOutput.Parse(ToolOutput.Text("ab-refused.stdout.txt")));
    }

    [Fact]
    public void Version_FromDashCapitalV()
    {
        Assert.Equal("2.3", AbOutput.Version("This is ApacheBench, Version 2.3 <$Revision: 1903618 $>\nCopyright 1996"));
        Assert.Null(AbOutput.Version("ab: wrong number of arguments"));
    }
}
