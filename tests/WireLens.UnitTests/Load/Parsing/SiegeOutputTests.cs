using WireLens.Load.Parsing;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class SiegeOutputTests
{
    private static ToolSummary? Parse(string name) =>
        SiegeOutput.Parse(ToolOutput.Text(name + ".stderr.txt"), ToolOutput.Text(name + ".stdout.txt"));

    [Fact]
    public void Parse_Repetitions_TransactionsFromStandardError()
    {
        ToolSummary? summary = Parse("siege-reps");

        Assert.NotNull(summary);
        Assert.Equal(100, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(10000.00, summary.RequestsPerSecond);
        Assert.Null(summary.Connections);
        Assert.Equal(["mean", "min", "max"], summary.LatencyMs.Keys);
        Assert.Equal(10, summary.LatencyMs["max"], 9);
    }

    [Fact]
    public void Parse_Time()
    {
        ToolSummary? summary = Parse("siege-time");

        Assert.NotNull(summary);
        Assert.Equal(4824, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(9276.92, summary.RequestsPerSecond);
    }

    [Fact]
    public void Parse_404_UnsuccessfulTransactionsAreErrors()
    {
        ToolSummary? summary = Parse("siege-404");

        Assert.NotNull(summary);
        Assert.Equal(20, summary.Requests);
        Assert.Equal(20, summary.Errors);
    }

    [Fact]
    public void Parse_Refused_FailedTransactionsAreErrors()
    {
        ToolSummary? summary = Parse("siege-refused");

        Assert.NotNull(summary);
        Assert.Equal(0, summary.Requests);
        Assert.Equal(10, summary.Errors);
    }

    [Fact]
    public void Parse_SummaryOnStandardOutput_AlsoRead()
    {
        Assert.Equal(100, SiegeOutput.Parse(string.Empty, ToolOutput.Text("siege-reps.stderr.txt"))?.Requests);
    }

    [Fact]
    public void Version_FromStandardError()
    {
        Assert.Equal("4.0.7", SiegeOutput.Version("SIEGE 4.0.7\n\nCopyright (C) 2018 by Jeffrey Fulmer, et al.\n"));
    }
}
