using System.Diagnostics;
using System.Runtime.Versioning;
using WireLens.Load;
using WireLens.Load.Tools;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Load;

/// <summary>
/// Each adapter's plan run by the <see cref="LoadRunner"/> against nginx on loopback, and the tool's own summary read
/// from what it printed: count-bounded tools report exactly the requests asked for. Every run is bounded (small -n,
/// -d 1s) and every await has a time-out.
/// </summary>
public sealed class LoadRunnerTests
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(60);

    private static async Task<LoadResult> RunAsync(
        ILoadTool tool,
        string package,
        NginxServer server,
        LoadOptions options,
        CancellationTokenSource? cancel = null)
    {
        string executable = Require.Tool(tool.Name, package);
        Assert.Equal(executable, tool.Locate());
        Assert.True(tool.TryPlan(options with { Target = new Uri(server.BaseUrl + "/") }, executable, out LoadPlan? plan, out string problem), problem);
        CancellationToken token = cancel?.Token ?? TestContext.Current.CancellationToken;
        return await new LoadRunner().RunAsync(tool, plan!, token).WaitAsync(s_bound, TestContext.Current.CancellationToken);
    }

    /// <param name="result">The run.</param>
    /// <param name="requests">The requests asked for.</param>
    /// <param name="rateMayBeZero">
    /// siege prints its elapsed time with two decimals and a rate of 0.00 when that rounds to 0.00 s (40 requests on a
    /// fast machine): its rate is then present but zero.
    /// </param>
    private static void AssertCounted(LoadResult result, long requests, bool rateMayBeZero = false)
    {
        string output = $"exit {result.Output.ExitCode}\n{result.Output.Stdout}\n{result.Output.Stderr}";
        Assert.True(result.Output.ExitCode == 0, output);
        Assert.False(result.Interrupted, output);
        Assert.NotNull(result.Summary);
        Assert.Equal(requests, result.Summary.Requests);
        Assert.Equal(0, result.Summary.Errors);
        Assert.True(rateMayBeZero ? result.Summary.RequestsPerSecond >= 0 : result.Summary.RequestsPerSecond > 0, output);
        Assert.True(result.Stopped >= result.Started, $"{result.Started:O} .. {result.Stopped:O}");
    }

    [Fact]
    public async Task Ab_CountBounded_RequestsExactlyN()
    {
        await using NginxServer server = await NginxServer.StartAsync();

        LoadResult result = await RunAsync(new AbTool(), "apache2-utils", server, new() { Target = null!, Requests = 200, Connections = 4, KeepAlive = true });

        AssertCounted(result, 200);
        Assert.Equal("2.3", result.Version);
        Assert.Contains("p50", result.Summary!.LatencyMs.Keys);
    }

    [Fact]
    public async Task Hey_CountBounded_RequestsExactlyN()
    {
        await using NginxServer server = await NginxServer.StartAsync();

        LoadResult result = await RunAsync(new HeyTool(), "hey", server, new() { Target = null!, Requests = 200, Connections = 4 });

        AssertCounted(result, 200);
        Assert.Null(result.Version);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task H2load_CountBounded_RequestsExactlyN(bool http2)
    {
        await using NginxServer server = await NginxServer.StartAsync(new NginxOptions { Http2Cleartext = http2 });

        LoadResult result = await RunAsync(new H2loadTool(), "nghttp2-client", server, new() { Target = null!, Requests = 200, Connections = 4, Http2 = http2 });

        AssertCounted(result, 200);
        Assert.Equal(4, result.Summary!.Connections);
        Assert.Contains(http2 ? "Application protocol: h2c" : "Application protocol: http/1.1", result.Output.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+$", result.Version);
    }

    [Fact]
    public async Task CurlLoop_CountBounded_OneConnectionPerRequest()
    {
        await using NginxServer server = await NginxServer.StartAsync();

        LoadResult result = await RunAsync(new CurlTool(), "curl", server, new() { Target = null!, Requests = 20, Connections = 4 });

        AssertCounted(result, 20);
        Assert.Equal(20, result.Summary!.Connections);
        Assert.Equal(20, result.Output.Invocations);
        Assert.Equal(0, result.Output.FailedInvocations);
        Assert.Matches(@"^\d+\.\d+\.\d+$", result.Version);
    }

    [Fact]
    public async Task Siege_Repetitions_TransactionsExactlyN()
    {
        await using NginxServer server = await NginxServer.StartAsync();

        LoadResult result = await RunAsync(new SiegeTool(TestPaths.NewTempDirectory("wl-siege")), "siege", server, new() { Target = null!, Requests = 40, Connections = 4 });

        AssertCounted(result, 40, rateMayBeZero: true);
        Assert.Matches(@"^\d+\.\d+\.\d+$", result.Version);
    }

    [Fact]
    public async Task Wrk_OneSecond_RequestsOverDuration()
    {
        await using NginxServer server = await NginxServer.StartAsync();

        LoadResult result = await RunAsync(new WrkTool(), "wrk", server, new() { Target = null!, Duration = TimeSpan.FromSeconds(1), Connections = 4 });

        Assert.Equal(0, result.Output.ExitCode);
        Assert.False(result.Interrupted);
        Assert.NotNull(result.Summary);
        Assert.True(result.Summary.Requests > 0);
        Assert.Equal(4, result.Summary.Connections);
        Assert.True(result.Stopped - result.Started >= TimeSpan.FromSeconds(1));
        Assert.Matches(@"^\d+\.\d+\.\d+$", result.Version);
    }

    [Fact]
    public async Task Wrk_Cancelled_InterruptedWithinSeconds_SummaryStillRead()
    {
        // Arrange
        await using NginxServer server = await NginxServer.StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        // Act
        LoadResult result = await RunAsync(new WrkTool(), "wrk", server, new() { Target = null!, Duration = TimeSpan.FromSeconds(30), Connections = 2 }, cancel);

        // Assert: wrk prints its summary on SIGINT and exits at once.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"{watch.Elapsed}");
        Assert.True(result.Interrupted);
        Assert.False(result.TimedOut);
        Assert.NotNull(result.Summary);
        Assert.True(result.Summary.Requests > 0);
    }

    [Fact]
    public async Task Wrk_PastTimeLimit_TimedOut()
    {
        // Arrange
        await using NginxServer server = await NginxServer.StartAsync();
        string wrk = Require.Tool("wrk", "wrk");
        var tool = new WrkTool();
        Assert.True(tool.TryPlan(new LoadOptions { Target = new Uri(server.BaseUrl + "/"), Duration = TimeSpan.FromSeconds(30), Connections = 1 }, wrk, out LoadPlan? plan, out _));

        // Act
        LoadResult result = await new LoadRunner().RunAsync(tool, plan! with { TimeLimit = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken).WaitAsync(s_bound, TestContext.Current.CancellationToken);

        // Assert
        Assert.True(result.Interrupted);
        Assert.True(result.TimedOut);
        Assert.True(result.Stopped - result.Started < TimeSpan.FromSeconds(6));
        Assert.True(result.Summary?.Requests > 0);
    }

    [Fact]
    public async Task MissingExecutable_OneLineStartError()
    {
        // Arrange
        var tool = new WrkTool();
        Assert.True(tool.TryPlan(new LoadOptions { Target = new Uri("http://127.0.0.1:1/"), Duration = TimeSpan.FromSeconds(1) }, "/nonexistent/wrk", out LoadPlan? plan, out _));

        // Act
        LoadStartException ex = await Assert.ThrowsAsync<LoadStartException>(() => new LoadRunner().RunAsync(tool, plan!, TestContext.Current.CancellationToken));

        // Assert
        Assert.StartsWith("cannot start /nonexistent/wrk: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Null(tool.ReadVersion("/nonexistent/wrk"));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Vegeta_PipelineUnderShell_ArgumentsPassedUnquoted_ReportParsed()
    {
        // Arrange: vegeta is not packaged on Debian, so a stand-in script plays it: `attack` records its standard input
        // and arguments, `report` prints a recorded report.
        string dir = TestPaths.NewTempDirectory("wl-vegeta");
        string record = Path.Combine(dir, "attack.txt");
        string report = Path.Combine(TestPaths.Golden, "tool-output", "vegeta-success.txt");
        string fake = Path.Combine(dir, "vegeta");
        await File.WriteAllTextAsync(fake, $$"""
            #!/bin/sh
            if [ "$1" = attack ]; then shift; cat > '{{record}}'; for a in "$@"; do printf '[%s]\n' "$a" >> '{{record}}'; done; echo binary-results
            elif [ "$1" = report ]; then cat > /dev/null; cat '{{report}}'
            fi
            """, TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tool = new VegetaTool();
        var options = new LoadOptions { Target = new Uri("http://127.0.0.1:9/a b?x='1'&y=$HOME"), Rate = 5, Duration = TimeSpan.FromSeconds(1), ExtraArguments = ["-header=X-A: b c"] };
        Assert.True(tool.TryPlan(options, fake, out LoadPlan? plan, out string problem), problem);

        // Act
        LoadResult result = await new LoadRunner().RunAsync(tool, plan!, TestContext.Current.CancellationToken).WaitAsync(s_bound, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(0, result.Output.ExitCode);
        Assert.Equal(270000, result.Summary?.Requests);
        Assert.Equal(
            "GET http://127.0.0.1:9/a%20b?x='1'&y=$HOME\n[-rate=5/1s]\n[-duration=1s]\n[-http2=false]\n[-header=X-A: b c]\n",
            await File.ReadAllTextAsync(record, TestContext.Current.CancellationToken));
    }
}
