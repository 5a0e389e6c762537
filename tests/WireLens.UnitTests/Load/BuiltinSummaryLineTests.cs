using WireLens.Load.Builtin;

namespace WireLens.UnitTests.Load;

public sealed class BuiltinSummaryLineTests
{
    private static readonly BuiltinSummary s_full = new()
    {
        Label = "builtin:tls-resumed",
        Requests = 19,
        Ok = 18,
        ConnectErrors = 1,
        TimeoutErrors = 2,
        StatusErrors = 1,
        OtherErrors = 3,
        Cancelled = 4,
        Dropped = 5,
        Late = 6,
        Connections = 20,
        ConnectFailures = 1,
        ElapsedSeconds = 1.234567,
        RequestsPerSecond = 15.389,
        P50Ms = 0.123,
        P90Ms = 0.456,
        P99Ms = 7.89,
        MeanMs = 0.5,
        MaxMs = 12.345,
        Interrupted = true,
    };

    [Fact]
    public void Format_ThenTryParse_GivesTheSameSummary()
    {
        // Act
        string line = BuiltinSummaryLine.Format(s_full);

        // Assert
        Assert.StartsWith("wirelens-load-summary {", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(s_full, BuiltinSummaryLine.TryParse(line));
        Assert.Equal(s_full, BuiltinSummaryLine.TryParse("noise\r\n" + line + "\r\n"));
    }

    [Fact]
    public void Format_NamesTheFieldsTheDocsList()
    {
        string line = BuiltinSummaryLine.Format(s_full);

        Assert.Contains("\"requests\":19,\"ok\":18,\"errors\":7,\"errors_by_kind\":{\"connect\":1,\"timeout\":2,\"status\":1,\"other\":3}", line, StringComparison.Ordinal);
        Assert.Contains("\"latency_ms\":{\"p50\":0.123,\"p90\":0.456,\"p99\":7.89,\"mean\":0.5,\"max\":12.345}", line, StringComparison.Ordinal);
        Assert.Contains("\"connections\":20", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralLines_TakesTheLast()
    {
        string first = BuiltinSummaryLine.Format(s_full with { Requests = 1 });
        string last = BuiltinSummaryLine.Format(s_full with { Requests = 2 });

        Assert.Equal(2, BuiltinSummaryLine.TryParse(first + "\n" + last)!.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wirelens-load-summary")]
    [InlineData("wirelens-load-summary ")]
    [InlineData("wirelens-load-summary {")]
    [InlineData("wirelens-load-summary []")]
    [InlineData("wirelens-load-summary null")]
    [InlineData("wirelens-load-summary {\"label\":\"x\"}")]
    [InlineData("wirelens-load-summaryX {}")]
    [InlineData("  wirelens-load-summary {}")]
    [InlineData("\u0000\u0001\u00ff garbage")]
    public void TryParse_Garbage_Null(string? output) => Assert.Null(BuiltinSummaryLine.TryParse(output));

    [Theory]
    [InlineData("\"requests\":19", "\"requests\":-1")]
    [InlineData("\"requests\":19", "\"requests\":1.5")]
    [InlineData("\"requests\":19", "\"requests\":\"19\"")]
    [InlineData("\"requests\":19", "\"requests\":99999999999999999999")]
    [InlineData("\"connect\":1", "\"connect\":null")]
    [InlineData("\"p99\":7.89", "\"p99\":-7.89")]
    [InlineData("\"p99\":7.89", "\"p99\":1e999")]
    [InlineData("\"label\":\"builtin:tls-resumed\"", "\"label\":3")]
    [InlineData("\"latency_ms\":{", "\"latency_ms\":[{")]
    public void TryParse_OneFieldBroken_Null(string field, string broken)
    {
        string line = BuiltinSummaryLine.Format(s_full);
        Assert.Contains(field, line, StringComparison.Ordinal);

        Assert.Null(BuiltinSummaryLine.TryParse(line.Replace(field, broken, StringComparison.Ordinal)));
    }

    [Fact]
    public void TryParse_EveryPrefixOfTheJson_NullOrTheWhole()
    {
        string line = BuiltinSummaryLine.Format(s_full);
        for (int length = 0; length < line.Length; length++)
        {
            Assert.Null(BuiltinSummaryLine.TryParse(line[..length]));
        }
    }

    [Fact]
    public void ToToolSummary_NoResponses_LeavesLatencyOut()
    {
        var none = new BuiltinSummary { Label = "builtin:keepalive", ConnectErrors = 5 };

        WireLens.Reporting.Runs.ToolSummary tool = BuiltinSummaryLine.ToToolSummary(none);

        Assert.Equal(0, tool.Requests);
        Assert.Equal(5, tool.Errors);
        Assert.Empty(tool.LatencyMs);
    }
}
