using System.Diagnostics;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

public class ProcessRunnerTests
{
    [Fact]
    public void Run_ShellScript_ReturnsBothStreamsAndExitCode()
    {
        // Arrange / Act
        ProcessResult result = ProcessRunner.Run(
            "/bin/sh",
            ["-c", "cat; echo \"$WL_VALUE\"; echo oops >&2; exit 3"],
            TimeSpan.FromSeconds(10),
            stdin: "from stdin\n",
            env: new Dictionary<string, string> { ["WL_VALUE"] = "from env" });

        // Assert
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Equal("from stdin\nfrom env\n", result.StdOut);
        Assert.Equal("oops\n", result.StdErr);
    }

    [Fact]
    public void Run_ProcessOutlivesTimeout_KillsTreeAndSaysTimedOut()
    {
        // Arrange: a shell with a child; both must die, or the pipe would stay open.
        var watch = Stopwatch.StartNew();

        // Act
        ProcessResult result = ProcessRunner.Run("/bin/sh", ["-c", "echo started; sleep 30 & wait"], TimeSpan.FromMilliseconds(500));

        // Assert
        Assert.True(result.TimedOut);
        Assert.Equal("started\n", result.StdOut);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Start_Interrupt_ProcessSeesSigint()
    {
        // Arrange
        await using RunningProcess process = ProcessRunner.Start(
            "/bin/sh",
            ["-c", "trap 'echo got INT; exit 7' INT; echo ready; while :; do sleep 0.05; done"]);
        Assert.True(await process.WaitForOutputAsync("ready", TimeSpan.FromSeconds(10)), process.StdErr);

        // Act
        process.Interrupt();
        ProcessResult result = await process.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        Assert.False(result.TimedOut);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("got INT", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void FreePort_Get_ReturnsBindablePort()
    {
        int port = FreePort.Get();

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        listener.Start();
        Assert.InRange(port, 1024, 65535);
    }
}
