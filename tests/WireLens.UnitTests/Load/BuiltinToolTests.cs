using WireLens.Load;
using WireLens.Load.Builtin;
using WireLens.Load.Processes;
using WireLens.Load.Tools;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load;

public sealed class BuiltinToolTests
{
    private static readonly Uri s_target = new("https://localhost:8443/x?y=1");

    [Fact]
    public void Identity_IsBuiltinWithoutPackageAndWithWireLensVersion()
    {
        var tool = new BuiltinTool();

        Assert.Equal("builtin", tool.Name);
        Assert.Equal(string.Empty, tool.DebianPackage);
        Assert.Equal(BuiltinGenerator.Version, tool.ReadVersion("/nowhere"));
        Assert.False(string.IsNullOrEmpty(BuiltinGenerator.Version));
    }

    [Theory]
    [InlineData(null, "builtin:keepalive")]
    [InlineData("", "builtin:keepalive")]
    [InlineData("tls-resumed", "builtin:tls-resumed")]
    public void Label_IsBuiltinAndTheProfile(string? profile, string expected) =>
        Assert.Equal(expected, BuiltinTool.Label(new LoadOptions { Target = s_target, Profile = profile }));

    [Fact]
    public void TryPlan_EveryOption_MapsToTheLoadCommandsFlagsThenTheExtraArguments()
    {
        // Arrange
        var options = new LoadOptions
        {
            Target = s_target,
            Profile = "tls-full",
            Connections = 8,
            Requests = 1000,
            Rate = 12.5,
            KeepAlive = false,
            Insecure = true,
            TlsResume = false,
            MaxConnectionsPerServer = 4,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1.5),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ExtraArguments = ["--timeout", "5"],
        };
        (string self, IReadOnlyList<string> prefix) = SelfCommand.Resolve();

        // Act
        bool ok = new BuiltinTool().TryPlan(options, self, out LoadPlan? plan, out string problem);

        // Assert
        Assert.True(ok, problem);
        Assert.Equal("builtin", plan!.Tool);
        Assert.Equal(self, plan.Process.FileName);
        Assert.Equal(
            [
                .. prefix, "load", "--target", "https://localhost:8443/x?y=1", "--profile", "tls-full", "-c", "8", "-n", "1000",
                "--rate", "12.5", "--keepalive", "off", "--insecure", "--tls-resume", "off", "--max-connections-per-server", "4",
                "--idle-timeout", "1.5", "--lifetime", "30", "--timeout", "5",
            ],
            plan.Process.Arguments);
        Assert.Equal(8, plan.Concurrency);

        // 1000 requests at 12.5/s take 80 s.
        Assert.Equal(TimeSpan.FromSeconds(80) + BuiltinTool.TimeLimitMargin, plan.TimeLimit);
        Assert.Equal(1, plan.Repeat);
        Assert.Equal(1, plan.Parallel);
    }

    [Fact]
    public void TryPlan_DurationAndHttp2_TimeLimitIsTheDurationPlusMargin()
    {
        var options = new LoadOptions { Target = new Uri("http://127.0.0.1:1/"), Profile = "h2", Connections = 2, Duration = TimeSpan.FromSeconds(3) };

        Assert.True(new BuiltinTool().TryPlan(options, "/opt/wirelens", out LoadPlan? plan, out _));

        Assert.Equal(["load", "--target", "http://127.0.0.1:1/", "--profile", "h2", "-c", "2", "-d", "3"], plan!.Process.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(3) + BuiltinTool.TimeLimitMargin, plan.TimeLimit);
        Assert.Equal(2, plan.Concurrency);
    }

    [Fact]
    public void TryPlan_ClosedLoopWithCount_HasNoTimeLimitOfItsOwn()
    {
        Assert.True(new BuiltinTool().TryPlan(new LoadOptions { Target = s_target, Requests = 5 }, "/opt/wirelens", out LoadPlan? plan, out _));

        Assert.Null(plan!.TimeLimit);
        Assert.Equal(BuiltinSettings.DefaultConcurrency, plan.Concurrency);
    }

    [Fact]
    public void TryPlan_ImpossibleOptions_NoPlanAndOneLine()
    {
        bool ok = new BuiltinTool().TryPlan(new LoadOptions { Target = new Uri("http://127.0.0.1/"), Profile = "tls-full" }, "/x", out LoadPlan? plan, out string problem);

        Assert.False(ok);
        Assert.Null(plan);
        Assert.Contains("https://", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSummary_OutputWithTheMachineLine_GivesTheToolSummary()
    {
        // Arrange: the human summary, then the line, as `wirelens load` prints them.
        var summary = new BuiltinSummary
        {
            Label = "builtin:close", Requests = 50, Ok = 48, StatusErrors = 2, ConnectErrors = 1, Connections = 51,
            ElapsedSeconds = 0.5, RequestsPerSecond = 100, P50Ms = 1.5, P90Ms = 2, P99Ms = 3, MeanMs = 1.6, MaxMs = 4,
        };
        string stdout = "builtin:close  GET http://x/\n  requests ...\n" + BuiltinSummaryLine.Format(summary) + "\n";

        // Act
        ToolSummary? parsed = new BuiltinTool().ParseSummary(new LoadOutput(stdout, string.Empty, 0, 1, 0));

        // Assert
        Assert.NotNull(parsed);
        Assert.Equal(50, parsed.Requests);
        Assert.Equal(3, parsed.Errors);
        Assert.Equal(100, parsed.RequestsPerSecond);
        Assert.Equal(51, parsed.Connections);
        Assert.Equal(["p50", "p90", "p99", "mean", "max"], parsed.LatencyMs.Keys);
        Assert.Equal(1.5, parsed.LatencyMs["p50"]);
        Assert.Equal(4, parsed.LatencyMs["max"]);
    }

    [Fact]
    public void ParseSummary_NoLine_Null()
    {
        Assert.Null(new BuiltinTool().ParseSummary(new LoadOutput("wirelens: error: nope\n", "x", 1, 1, 1)));
        Assert.Null(new BuiltinTool().ParseSummary(null!));
    }
}
