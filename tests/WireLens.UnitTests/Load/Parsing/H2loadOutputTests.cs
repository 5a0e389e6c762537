using WireLens.Load.Parsing;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class H2loadOutputTests
{
    [Theory]
    [InlineData("h2load-h2", 200, 29546.46, 0.048, 0.260, 0.079)]
    [InlineData("h2load-h1", 200, 48899.76, 0.043, 0.235, 0.066)]
    public void Parse_Success_DoneRequestsClientsAndRequestTimes(string name, long requests, double rate, double min, double max, double mean)
    {
        ToolSummary? summary = H2loadOutput.Parse(ToolOutput.Text(name + ".stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(requests, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(rate, summary.RequestsPerSecond);
        Assert.Equal(4, summary.Connections);
        Assert.Equal(["min", "max", "mean", "stdev"], summary.LatencyMs.Keys);
        Assert.Equal(min, summary.LatencyMs["min"], 9);
        Assert.Equal(max, summary.LatencyMs["max"], 9);
        Assert.Equal(mean, summary.LatencyMs["mean"], 9);
    }

    [Fact]
    public void Parse_404_FailedCountsNon2xx()
    {
        ToolSummary? summary = H2loadOutput.Parse(ToolOutput.Text("h2load-404.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(50, summary.Requests);
        Assert.Equal(50, summary.Errors);
        Assert.Equal(5, summary.Connections);
    }

    [Fact]
    public void Parse_Refused_NoneDoneAllFailed()
    {
        ToolSummary? summary = H2loadOutput.Parse(ToolOutput.Text("h2load-refused.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(0, summary.Requests);
        Assert.Equal(20, summary.Errors);
        Assert.Equal(0, summary.RequestsPerSecond);
    }

    [Fact]
    public void Parse_Duration_DoneNotStarted()
    {
        ToolSummary? summary = H2loadOutput.Parse(ToolOutput.Text("h2load-duration.stdout.txt"));

        Assert.NotNull(summary);
        Assert.Equal(32813, summary.Requests);
        Assert.Equal(32813.00, summary.RequestsPerSecond);
        Assert.Equal(2.08, summary.LatencyMs["max"], 9);
    }

    [Fact]
    public void Version_FromDashDashVersion()
    {
        Assert.Equal("1.52.0", H2loadOutput.Version("h2load nghttp2/1.52.0\n"));
        Assert.Null(H2loadOutput.Version("nghttpx nghttp2/1.52.0"));
    }
}
