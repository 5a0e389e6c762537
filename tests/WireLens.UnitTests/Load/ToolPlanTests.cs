using WireLens.Load;
using WireLens.Load.Parsing;
using WireLens.Load.Tools;

namespace WireLens.UnitTests.Load;

/// <summary>How each adapter maps the common options to its tool's flags (docs/generators.md), argument by argument.</summary>
public sealed class ToolPlanTests
{
    private const string Url = "http://127.0.0.1:8080/";
    private static readonly LoadOptions s_base = new() { Target = new Uri("http://127.0.0.1:8080") };

    private static LoadPlan Plan(ILoadTool tool, LoadOptions options, string executable = "/usr/bin/x")
    {
        Assert.True(tool.TryPlan(options, executable, out LoadPlan? plan, out string problem), problem);
        Assert.NotNull(plan);
        Assert.Equal(tool.Name, plan.Tool);
        Assert.Equal(executable, plan.Executable);
        return plan;
    }

    private static string Refusal(ILoadTool tool, LoadOptions options)
    {
        Assert.False(tool.TryPlan(options, "/usr/bin/x", out LoadPlan? plan, out string problem));
        Assert.Null(plan);
        Assert.DoesNotContain('\n', problem);
        return problem;
    }

    [Fact]
    public void Wrk_Defaults_TenConnectionsTenSecondsWithLatency()
    {
        LoadPlan plan = Plan(new WrkTool(processorCount: 2), s_base);

        Assert.Equal(["-t", "2", "-c", "10", "-d", "10s", "--latency", Url], plan.Process.Arguments);
        Assert.Equal(10, plan.Concurrency);
        Assert.Equal(1, plan.Repeat);
        Assert.Equal(TimeSpan.FromSeconds(46), plan.TimeLimit);
    }

    [Fact]
    public void Wrk_KeepAliveOff_ConnectionCloseHeader_ThreadsAtMostConnections_RawBeforeUrl()
    {
        LoadOptions options = s_base with { Connections = 1, Duration = TimeSpan.FromSeconds(3), KeepAlive = false, Insecure = true, ExtraArguments = ["--timeout", "5s"] };

        LoadPlan plan = Plan(new WrkTool(processorCount: 8), options);

        Assert.Equal(["-t", "1", "-c", "1", "-d", "3s", "--latency", "-H", "Connection: close", "--timeout", "5s", Url], plan.Process.Arguments);
    }

    [Fact]
    public void Wrk_Refusals()
    {
        var wrk = new WrkTool();
        Assert.Equal("-n is not supported by wrk (it runs for a duration: use -d)", Refusal(wrk, s_base with { Requests = 10 }));
        Assert.StartsWith("--rate is not supported by wrk", Refusal(wrk, s_base with { Rate = 100 }), StringComparison.Ordinal);
        Assert.StartsWith("--http2 is not supported by wrk", Refusal(wrk, s_base with { Http2 = true }), StringComparison.Ordinal);
        Assert.Equal("wrk takes whole seconds for -d", Refusal(wrk, s_base with { Duration = TimeSpan.FromMilliseconds(1500) }));
    }

    [Fact]
    public void Hey_Count_RateSharedByWorkers_KeepAliveOff()
    {
        LoadOptions options = s_base with { Connections = 4, Requests = 200, Rate = 100, KeepAlive = false };

        LoadPlan plan = Plan(new HeyTool(), options);

        Assert.Equal(["-n", "200", "-c", "4", "-q", "25", "-disable-keepalive", Url], plan.Process.Arguments);
        Assert.Null(plan.TimeLimit);
        Assert.Equal(4, plan.Concurrency);
    }

    [Fact]
    public void Hey_Defaults_HundredPerWorker()
    {
        Assert.Equal(["-n", "1000", "-c", "10", Url], Plan(new HeyTool(), s_base).Process.Arguments);
    }

    [Fact]
    public void Hey_Duration_Z_Http2OnHttps()
    {
        LoadOptions options = s_base with { Target = new Uri("https://localhost:8443/x?a=1&b=2"), Duration = TimeSpan.FromMilliseconds(1500), Http2 = true, Insecure = true };

        LoadPlan plan = Plan(new HeyTool(), options);

        Assert.Equal(["-z", "1500ms", "-c", "10", "-h2", "https://localhost:8443/x?a=1&b=2"], plan.Process.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(36.65), plan.TimeLimit);
    }

    [Fact]
    public void Hey_Refusals()
    {
        var hey = new HeyTool();
        Assert.Equal("--http2 needs https with hey (Go's client has no h2c)", Refusal(hey, s_base with { Http2 = true }));
        Assert.Equal("hey needs -n (2) at least -c (4)", Refusal(hey, s_base with { Requests = 2, Connections = 4 }));
        Assert.StartsWith("hey runs -n/-c requests per worker: -n (10) must be a multiple of -c (3)", Refusal(hey, s_base with { Requests = 10, Connections = 3 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Ab_Count_KeepAlive()
    {
        LoadPlan plan = Plan(new AbTool(), s_base with { Requests = 300, Connections = 3, KeepAlive = true });

        Assert.Equal(["-n", "300", "-c", "3", "-k", Url], plan.Process.Arguments);
        Assert.Null(plan.TimeLimit);
    }

    [Fact]
    public void Ab_Duration_T()
    {
        LoadPlan plan = Plan(new AbTool(), s_base with { Duration = TimeSpan.FromSeconds(5), Connections = 2 });

        Assert.Equal(["-t", "5", "-c", "2", Url], plan.Process.Arguments);
        Assert.NotNull(plan.TimeLimit);
    }

    [Fact]
    public void Ab_Refusals()
    {
        var ab = new AbTool();
        Assert.Equal("--http2 is not supported by ab (HTTP/1.0 only)", Refusal(ab, s_base with { Http2 = true }));
        Assert.Equal("ab needs -c (8) at most -n (4)", Refusal(ab, s_base with { Requests = 4, Connections = 8 }));
        Assert.StartsWith("--rate is not supported by ab", Refusal(ab, s_base with { Rate = 5 }), StringComparison.Ordinal);
        Assert.Equal("ab takes whole seconds for -d", Refusal(ab, s_base with { Duration = TimeSpan.FromMilliseconds(100) }));
    }

    [Fact]
    public void H2load_WithoutHttp2_H1()
    {
        LoadPlan plan = Plan(new H2loadTool(), s_base with { Requests = 200, Connections = 4 });

        Assert.Equal(["-n", "200", "-c", "4", "--h1", Url], plan.Process.Arguments);
    }

    [Fact]
    public void H2load_Http2Duration()
    {
        LoadPlan plan = Plan(new H2loadTool(), s_base with { Http2 = true, Duration = TimeSpan.FromSeconds(2), Connections = 2, KeepAlive = true });

        Assert.Equal(["-D", "2s", "-c", "2", Url], plan.Process.Arguments);
    }

    [Fact]
    public void H2load_Refusals()
    {
        var h2load = new H2loadTool();
        Assert.StartsWith("--rate is not supported by h2load", Refusal(h2load, s_base with { Rate = 1 }), StringComparison.Ordinal);
        Assert.StartsWith("--keepalive off is not supported by h2load", Refusal(h2load, s_base with { KeepAlive = false }), StringComparison.Ordinal);
        Assert.Equal("h2load needs -n (1) at least -c (2)", Refusal(h2load, s_base with { Requests = 1, Connections = 2 }));
    }

    [Fact]
    public void Siege_Repetitions_ResourceFileWritten()
    {
        string dir = WireLens.Testing.TestPaths.NewTempDirectory("wl-siege-plan");
        var siege = new SiegeTool(dir);

        LoadPlan plan = Plan(siege, s_base with { Requests = 100, Connections = 4 });

        string rc = plan.Process.Arguments[1];
        Assert.Equal(["-R", rc, "-c", "4", "-r", "25", Url], plan.Process.Arguments);
        Assert.Equal(dir, Path.GetDirectoryName(rc));
        Assert.Equal(SiegeTool.ResourceFile(keepAlive: false), File.ReadAllText(rc));
        Assert.Contains("connection = close\n", File.ReadAllText(rc), StringComparison.Ordinal);
    }

    [Fact]
    public void Siege_TimeKeepAlive_OtherResourceFile()
    {
        string dir = WireLens.Testing.TestPaths.NewTempDirectory("wl-siege-plan");
        var siege = new SiegeTool(dir);

        LoadPlan closePlan = Plan(siege, s_base with { Duration = TimeSpan.FromSeconds(1), Connections = 2 });
        LoadPlan keepPlan = Plan(siege, s_base with { Duration = TimeSpan.FromSeconds(1), Connections = 2, KeepAlive = true });

        Assert.Equal(["-c", "2", "-t", "1S", Url], keepPlan.Process.Arguments.Skip(2));
        Assert.NotEqual(closePlan.Process.Arguments[1], keepPlan.Process.Arguments[1]);
        Assert.Contains("connection = keep-alive\n", File.ReadAllText(keepPlan.Process.Arguments[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Siege_Refusals()
    {
        var siege = new SiegeTool(WireLens.Testing.TestPaths.NewTempDirectory("wl-siege-plan"));
        Assert.StartsWith("--http2 is not supported by siege", Refusal(siege, s_base with { Http2 = true }), StringComparison.Ordinal);
        Assert.StartsWith("--rate is not supported by siege", Refusal(siege, s_base with { Rate = 1 }), StringComparison.Ordinal);
        Assert.StartsWith("siege repeats -n/-c transactions per user: -n (10) must be a multiple of -c (4)", Refusal(siege, s_base with { Requests = 10, Connections = 4 }), StringComparison.Ordinal);
    }

    [Fact]
    public void Curl_Loop_RepeatAndParallel_WriteOutFormat()
    {
        LoadPlan plan = Plan(new CurlTool(), s_base with { Requests = 20, Connections = 4, KeepAlive = false });

        Assert.Equal(["-sS", "-o", "/dev/null", "--max-time", "30", "-w", CurlLoopOutput.WriteOutFormat, Url], plan.Process.Arguments);
        Assert.Equal(@"\nwirelens-curl %{http_code} %{time_total} %{num_connects} %{exitcode}\n", CurlLoopOutput.WriteOutFormat);
        Assert.Equal(20, plan.Repeat);
        Assert.Equal(4, plan.Parallel);
        Assert.Equal(4, plan.Concurrency);
        Assert.Null(plan.TimeLimit);
    }

    [Theory]
    [InlineData("http://h/", "--http2-prior-knowledge")]
    [InlineData("https://h/", "--http2")]
    public void Curl_Http2_InsecureK_DefaultsOneWorkerHundredRequests(string url, string http2Flag)
    {
        LoadPlan plan = Plan(new CurlTool(), s_base with { Target = new Uri(url), Http2 = true, Insecure = true });

        Assert.Equal([http2Flag, "-k", url], plan.Process.Arguments.Skip(7));
        Assert.Equal(100, plan.Repeat);
        Assert.Equal(1, plan.Parallel);
    }

    [Fact]
    public void Curl_Refusals()
    {
        var curl = new CurlTool();
        Assert.StartsWith("-d is not supported by the curl loop", Refusal(curl, s_base with { Duration = TimeSpan.FromSeconds(1) }), StringComparison.Ordinal);
        Assert.StartsWith("--rate is not supported by the curl loop", Refusal(curl, s_base with { Rate = 1 }), StringComparison.Ordinal);
        Assert.StartsWith("--keepalive on is not possible with the curl loop", Refusal(curl, s_base with { KeepAlive = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void Vegeta_Pipeline_PositionalParametersNoInterpolation()
    {
        LoadOptions options = s_base with
        {
            Target = new Uri("https://h/a b'c"),
            Rate = 50,
            Duration = TimeSpan.FromSeconds(2),
            Connections = 4,
            KeepAlive = false,
            Http2 = true,
            Insecure = true,
            ExtraArguments = ["-timeout=5s"],
        };

        LoadPlan plan = Plan(new VegetaTool(), options, "/opt/vegeta");

        Assert.Equal("/bin/sh", plan.Process.FileName);
        Assert.Equal(
            ["-c", VegetaTool.Script, "/opt/vegeta", "https://h/a%20b'c", "-rate=50/1s", "-duration=2s", "-workers=4", "-max-workers=4", "-keepalive=false", "-insecure", "-timeout=5s"],
            plan.Process.Arguments);
        Assert.Equal(4, plan.Concurrency);
    }

    [Fact]
    public void Vegeta_FractionalRate_Http1_H2c()
    {
        Assert.Equal(["-rate=2500/1000s", "-duration=10s", "-http2=false"], Plan(new VegetaTool(), s_base with { Rate = 2.5 }).Process.Arguments.Skip(4));
        Assert.Equal(["-rate=1/1s", "-duration=10s", "-h2c"], Plan(new VegetaTool(), s_base with { Rate = 1, Http2 = true }).Process.Arguments.Skip(4));
    }

    [Fact]
    public void Vegeta_Refusals()
    {
        var vegeta = new VegetaTool();
        Assert.Equal("vegeta needs --rate (it attacks at a fixed rate for -d)", Refusal(vegeta, s_base));
        Assert.Equal("-n is not supported by vegeta (it attacks at --rate for -d)", Refusal(vegeta, s_base with { Requests = 5, Rate = 1 }));
    }

    public static TheoryData<LoadOptions, string> CommonRefusals() => new()
    {
        { s_base with { Requests = 10, Duration = TimeSpan.FromSeconds(1) }, "-n and -d are exclusive: give a request count or a duration" },
        { s_base with { Connections = 0 }, "-c must be at least 1" },
        { s_base with { Requests = 0 }, "-n must be at least 1" },
        { s_base with { Duration = TimeSpan.Zero }, "-d must be positive" },
        { s_base with { Rate = double.NaN }, "--rate must be a positive number of requests per second" },
        { s_base with { Target = new Uri("ftp://h/") }, "--target must be an http or https URL: ftp://h/" },
    };

    [Theory]
    [MemberData(nameof(CommonRefusals))]
    public void EveryTool_CommonRefusals(LoadOptions options, string expected)
    {
        Assert.All(LoadTools.External, tool => Assert.Equal(expected, Refusal(tool, options)));
    }
}
