using System.Globalization;
using WireLens.Load;
using WireLens.Load.Builtin;
using WireLens.Load.Processes;
using WireLens.Load.Tools;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Load;

/// <summary>
/// `wirelens load` as the load runner starts it: a child process from <see cref="BuiltinTool"/>'s plan (the CLI
/// under test, <see cref="CliUnderTest"/>), its machine line read back by the adapter.
/// </summary>
public sealed class BuiltinLoadCommandProcessTests
{
    [Fact]
    public async Task PlannedProcess_RunsToTheEnd_Exit0AndMachineLineAsLast()
    {
        // Arrange
        Require.Tool("nginx", "nginx-light");
        await using NginxServer server = await NginxServer.StartAsync();
        var tool = new BuiltinTool();
        string executable = tool.Locate() ?? throw new InvalidOperationException("the CLI is not beside the test binary");
        var options = new LoadOptions { Target = new Uri(server.BaseUrl + "/"), Profile = "close", Connections = 2, Requests = 30 };
        Assert.True(tool.TryPlan(options, executable, out LoadPlan? plan, out string problem), problem);

        // Act
        ProcessResult result = await ProcessRunner.RunAsync(plan!.Process.FileName, plan.Process.Arguments, TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.StdOut.TrimEnd('\n').Split('\n');
        Assert.StartsWith("builtin:close  GET ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith(BuiltinSummaryLine.Prefix + " {", lines[^1], StringComparison.Ordinal);
        ToolSummary? summary = tool.ParseSummary(new LoadOutput(result.StdOut, result.StdErr, result.ExitCode, 1, 0));
        Assert.NotNull(summary);
        Assert.Equal(30, summary.Requests);
        Assert.Equal(0, summary.Errors);
        Assert.Equal(30, summary.Connections);
        Assert.Equal(["p50", "p90", "p99", "mean", "max"], summary.LatencyMs.Keys);
        Assert.Equal(string.Empty, result.StdErr);
    }

    [Fact]
    public async Task Sigint_MidRun_SummaryPrintedThenExit130()
    {
        // Arrange: a 60-second run, interrupted once it has been sending for a while.
        Require.Tool("nginx", "nginx-light");
        await using NginxServer server = await NginxServer.StartAsync();
        (string file, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();
        await using RunningProcess process = ProcessRunner.Start(file, [.. prefix, "load", "--target", server.BaseUrl + "/", "-c", "2", "-d", "60"]);
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.False(process.HasExited, process.StdErr);

        // Act
        process.Interrupt();
        ProcessResult result = await process.WaitAsync(TimeSpan.FromSeconds(15));

        // Assert
        Assert.False(result.TimedOut);
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("  interrupted  ", result.StdOut, StringComparison.Ordinal);
        BuiltinSummary? summary = BuiltinSummaryLine.TryParse(result.StdOut);
        Assert.NotNull(summary);
        Assert.True(summary.Interrupted);
        Assert.True(summary.Requests > 0, result.StdOut);
        Assert.InRange(summary.ElapsedSeconds, 0.5, 10);
        Assert.StartsWith(BuiltinSummaryLine.Prefix, result.StdOut.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableTarget_SummaryWithConnectErrorsAndOneErrorLine_Exit1()
    {
        // Arrange: a port nobody listens on.
        int port = FreePort.Get();
        (string file, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();

        // Act
        ProcessResult result = await ProcessRunner.RunAsync(
            file, [.. prefix, "load", "--target", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/", "-n", "3", "-c", "1"], TimeSpan.FromSeconds(60));

        // Assert
        Assert.Equal(1, result.ExitCode);
        BuiltinSummary? summary = BuiltinSummaryLine.TryParse(result.StdOut);
        Assert.NotNull(summary);
        Assert.Equal(3, summary.ConnectErrors);
        Assert.Equal(0, summary.Connections);
        Assert.Equal(3, summary.ConnectFailures);
        string[] errors = result.StdErr.TrimEnd('\n').Split('\n');
        Assert.Single(errors);
        Assert.StartsWith("wirelens: error: cannot reach http://127.0.0.1:", errors[0], StringComparison.Ordinal);
    }
}
