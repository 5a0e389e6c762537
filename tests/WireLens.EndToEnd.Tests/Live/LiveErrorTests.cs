using System.Globalization;
using WireLens.Load.Processes;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// Each failure to start a live command, produced for real (an unprivileged user, libpcap hidden in a mount namespace,
/// a missing interface, a tool off PATH, a closed port): exit 1 and one line on standard error, never a stack trace.
/// </summary>
public sealed class LiveErrorTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Unprivileged_NotPermittedToCapture_OneLineWithPublishAndSetcap()
    {
        // Arrange: the test build's CLI (dotnet wirelens.dll, whatever CliUnderTest says) as nobody, with a folder it
        // may write to.
        Require.Root();
        string setpriv = Require.Tool("setpriv", "util-linux");
        string outDir = TestPaths.NewTempDirectory("wl-nobody");
        Assert.True((await ProcessRunner.RunAsync("chmod", ["0777", outDir], s_limit)).Succeeded);
        (string file, IReadOnlyList<string> prefix) = SelfCommand.Resolve();
        Assert.True(prefix.Count == 1 && prefix[0].EndsWith("wirelens.dll", StringComparison.Ordinal), $"{file} {string.Join(' ', prefix)}");
        List<string> args = [.. prefix, "live", "--iface", "lo", "-d", "1", "--out", outDir];
        ProcessResult probe = await ProcessRunner.RunAsync(
            setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "test", "-r", args[0]], s_limit);
        Assert.True(probe.ExitCode == 0, $"{args[0]} is not readable by nobody; this test needs the test binary readable by all");

        // Act
        ProcessResult result = await ProcessRunner.RunAsync(
            setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", "HOME=" + outDir, file, .. args], s_limit);

        // Assert: the CLI runs as dotnet wirelens.dll, which cannot hold capabilities, so the line names the
        // single-file publish of this checkout and the setcap of what it publishes (CaptureWithoutRootTests runs them).
        string line = LiveCli.AssertOneErrorLine(result);
        string root = TestPaths.RepoRoot;
        Assert.StartsWith("wirelens: error: not permitted to capture on lo: run as root, or publish a single-file binary", line, StringComparison.Ordinal);
        Assert.Contains($"dotnet publish {root}/src/WireLens.Cli/WireLens.Cli.csproj -c Release -r ", line, StringComparison.Ordinal);
        Assert.EndsWith($" -o {root}/artifacts/single-file && setcap cap_net_raw,cap_net_admin=eip {root}/artifacts/single-file/wirelens", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unprivileged_NativeBinary_OneLineWithSetcapOfThatBinary()
    {
        // Arrange: the launcher's NativeAOT binary (./test.sh names it in WIRELENS_TEST_CLI) as nobody.
        Require.Root();
        string setpriv = Require.Tool("setpriv", "util-linux");
        (string binary, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();
        if (prefix.Count > 0)
        {
            Assert.Skip($"{CliUnderTest.Variable} does not name a native binary (./test.sh sets it to the launcher's build)");
        }

        string outDir = TestPaths.NewTempDirectory("wl-nobody-native");
        Assert.True((await ProcessRunner.RunAsync("chmod", ["0777", outDir], s_limit)).Succeeded);

        // Act
        ProcessResult result = await ProcessRunner.RunAsync(
            setpriv, ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", "HOME=" + outDir, binary, "live", "--iface", "lo", "-d", "1", "--out", outDir], s_limit);

        // Assert: a native binary can hold the capabilities itself, so the line is the setcap of that very binary.
        string line = LiveCli.AssertOneErrorLine(result);
        Assert.Equal(
            $"wirelens: error: not permitted to capture on lo: run as root, or give this binary cap_net_raw,cap_net_admin (as root): setcap cap_net_raw,cap_net_admin=eip {binary}",
            line);
    }

    [Fact]
    public async Task LibpcapMissing_OneLineWithAptGet()
    {
        // Arrange: in a private mount namespace, /dev/null is bind-mounted over every libpcap the system has.
        Require.Root();
        string unshare = Require.Tool("unshare", "util-linux");
        string[] libraries = [.. Directory.GetDirectories("/usr/lib").Prepend("/usr/lib")
            .SelectMany(d => Directory.GetFiles(d, "libpcap.so*"))
            .Where(f => new FileInfo(f).LinkTarget is null)];
        Assert.NotEmpty(libraries);
        string mounts = string.Join(" && ", libraries.Select(l => $"mount --bind /dev/null '{l}'"));
        string outDir = TestPaths.NewTempDirectory("wl-nopcap");
        (string file, List<string> args) = LiveCli.Command("live", "--iface", "lo", "-d", "1", "--out", outDir);

        // Act
        ProcessResult result = await ProcessRunner.RunAsync(unshare, ["-m", "sh", "-c", mounts + " && exec \"$@\"", "sh", file, .. args], s_limit);

        // Assert
        string line = LiveCli.AssertOneErrorLine(result);
        Assert.Contains("apt-get install libpcap0.8", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownInterface_OneLineNamingTheInterfaces()
    {
        // Arrange
        Require.Root();
        string outDir = TestPaths.NewTempDirectory("wl-noiface");

        // Act
        ProcessResult result = await LiveCli.RunAsync(s_limit, "live", "--iface", "nosuch0", "-d", "1", "--out", outDir);

        // Assert
        string line = LiveCli.AssertOneErrorLine(result);
        Assert.Contains("\"nosuch0\" not found", line, StringComparison.Ordinal);
        Assert.Matches(@"capture devices: .*\blo\b", line);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }

    [Fact]
    public async Task ToolNotInstalled_OneLineWithAptGet()
    {
        // Arrange: an absolute CLI path and a PATH holding no tool at all.
        string outDir = TestPaths.NewTempDirectory("wl-notool");
        (string file, List<string> args) = LiveCli.Command("run", "--tool", "hey", "--out", outDir);
        Assert.True(Path.IsPathRooted(file), file);

        // Act
        ProcessResult result = await ProcessRunner.RunAsync(file, args, s_limit, env: new Dictionary<string, string> { ["PATH"] = "/nonexistent" });

        // Assert
        string line = LiveCli.AssertOneErrorLine(result);
        Assert.Equal("wirelens: error: hey is not installed: apt-get install hey", line);
    }

    [Fact]
    public async Task TargetUnreachable_OneLine()
    {
        // Arrange: a port nobody listens on.
        string port = FreePort.Get().ToString(CultureInfo.InvariantCulture);
        string outDir = TestPaths.NewTempDirectory("wl-unreach");

        // Act
        ProcessResult result = await LiveCli.RunAsync(s_limit, "run", "--target", $"http://127.0.0.1:{port}/", "-d", "1", "--out", outDir);

        // Assert
        string line = LiveCli.AssertOneErrorLine(result);
        Assert.StartsWith($"wirelens: error: target unreachable: http://127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));
    }
}
