using System.Globalization;
using System.Runtime.InteropServices;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// Capture without root, as docs/live.md tells it: a single-file publish, the setcap command the "not permitted"
/// line names for that binary, then an unprivileged user (nobody) capturing real loopback traffic with it; and a
/// rebuild published over it, which drops the capability.
/// </summary>
public sealed class CaptureWithoutRootTests
{
    private const int Requests = 5;

    // A publish builds the CLI and its projects (minutes on a busy 2-core machine).
    private static readonly TimeSpan s_publishLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SingleFileBinary_SetcapFromTheMessage_NobodyCaptures()
    {
        // Arrange: a single-file binary in a folder nobody may read, and output folders nobody may write.
        Require.Root();
        string setpriv = Require.Tool("setpriv", "util-linux");
        string getcap = Require.Tool("getcap", "libcap2-bin");
        Require.Tool("setcap", "libcap2-bin");
        string curl = Require.Tool("curl", "curl");
        string dir = TestPaths.NewTempDirectory("wl-setcap");
        string published = Path.Combine(dir, "bin");
        string outDir = Path.Combine(dir, "out");
        string csv = Path.Combine(dir, "csv");
        Directory.CreateDirectory(outDir);
        Directory.CreateDirectory(csv);
        await PublishAsync(published);
        Assert.True((await ProcessRunner.RunAsync("chmod", ["-R", "a+rX", dir], s_limit)).Succeeded);
        Assert.True((await ProcessRunner.RunAsync("chmod", ["0777", outDir, csv], s_limit)).Succeeded);
        string binary = Path.Combine(published, "wirelens");
        Assert.Equal(string.Empty, await CapabilitiesAsync(getcap, binary));

        // Act 1: nobody, no capability.
        ProcessResult denied = await ProcessRunner.RunAsync(
            setpriv, [.. AsNobody(outDir), binary, "live", "--iface", "lo", "-d", "1", "--out", outDir, "--no-tui"], s_limit);

        // Assert 1: the line ends with the setcap command for this very binary.
        string line = LiveCli.AssertOneErrorLine(denied);
        string command = line[(line.LastIndexOf("): ", StringComparison.Ordinal) + 3)..];
        Assert.Equal($"setcap cap_net_raw,cap_net_admin=eip {binary}", command);
        Assert.StartsWith("wirelens: error: not permitted to capture on lo: run as root, or give this binary cap_net_raw,cap_net_admin (as root): ", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(outDir));

        // Act 2: the command of the message, as root; then nobody captures while curl makes requests.
        ProcessResult granted = await ProcessRunner.RunAsync("sh", ["-c", command], s_limit);
        Assert.True(granted.Succeeded, granted.Describe(command));
        Assert.Equal("cap_net_admin,cap_net_raw=eip", await CapabilitiesAsync(getcap, binary));
        await using NginxServer nginx = await NginxServer.StartAsync();
        string port = nginx.Port.ToString(CultureInfo.InvariantCulture);
        await using RunningProcess live = ProcessRunner.Start(setpriv,
        [
            .. AsNobody(outDir), binary, "live", "--iface", "lo", "--filter", $"tcp port {port}", "-d", "4",
            "--out", outDir, "--csv", csv, "--no-tui",
        ]);
        Assert.True(await live.WaitForOutputAsync("capturing on lo", s_limit), live.StdErr);
        for (int i = 0; i < Requests; i++)
        {
            ProcessResult request = await ProcessRunner.RunAsync(curl, ["-sS", "-o", "/dev/null", nginx.BaseUrl + "/"], s_limit);
            Assert.True(request.Succeeded, request.Describe("curl"));
        }

        ProcessResult captured = await live.WaitAsync(s_limit);

        // Assert 2: a capture of every request, owned by nobody, and analysed.
        Assert.True(captured.Succeeded, captured.Describe("wirelens live as nobody"));
        string run = LiveCli.RunFolder(outDir);
        string pcap = Path.Combine(run, "capture.pcap");
        Assert.True(File.Exists(pcap), captured.StdErr);
        Assert.Equal("nobody", await OwnerAsync(pcap));
        Assert.Contains("Saved " + pcap + " (", captured.StdOut + captured.StdErr, StringComparison.Ordinal);
        string[] connections = File.ReadAllLines(Path.Combine(csv, "connections.csv"));
        Assert.True(connections.Length - 1 == Requests, string.Join('\n', connections));
        Assert.All(connections.Skip(1), row =>
        {
            Assert.Contains("," + port + ",", row, StringComparison.Ordinal);
            Assert.Contains(",curl/", row, StringComparison.Ordinal);
        });

        // Act 3: a rebuild that changes the binary (another version stamped in), published over it.
        await PublishAsync(published, "-p:InformationalVersion=0.0.0-rebuilt");

        // Assert 3: the new file has no capability: setcap must be run again after every rebuild.
        Assert.Equal(string.Empty, await CapabilitiesAsync(getcap, binary));
    }

    /// <summary>setpriv's arguments for nobody:nogroup, with a home it can write (its own is /nonexistent).</summary>
    private static string[] AsNobody(string home) =>
        ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "env", "HOME=" + home];

    /// <summary>The framework-dependent single-file publish that docs/live.md and the message name.</summary>
    /// <remarks>Its build goes to a folder of its own (--artifacts-path), away from the checkout's bin and obj.</remarks>
    private static async Task PublishAsync(string output, params string[] extra)
    {
        string project = Path.Combine(TestPaths.RepoRoot, "src", "WireLens.Cli", "WireLens.Cli.csproj");
        ProcessResult result = await ProcessRunner.RunAsync(
            Dotnet(),
            [
                "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishSingleFile=true",
                "--self-contained", "false", "-o", output, "--artifacts-path", output + ".build", "-nologo", .. extra,
            ],
            s_publishLimit);
        Assert.True(result.Succeeded, result.Describe("dotnet publish"));
    }

    /// <summary>The capabilities getcap prints for <paramref name="file"/> ("" for none).</summary>
    private static async Task<string> CapabilitiesAsync(string getcap, string file)
    {
        ProcessResult result = await ProcessRunner.RunAsync(getcap, [file], s_limit);
        Assert.True(result.Succeeded, result.Describe("getcap"));
        string text = result.StdOut.Trim();
        return text.StartsWith(file + " ", StringComparison.Ordinal) ? text[(file.Length + 1)..] : text;
    }

    private static async Task<string> OwnerAsync(string file)
    {
        ProcessResult result = await ProcessRunner.RunAsync("stat", ["-c", "%U", file], s_limit);
        Assert.True(result.Succeeded, result.Describe("stat"));
        return result.StdOut.Trim();
    }

    /// <summary>The muxer running the tests (test binaries run as dotnet X.dll), else dotnet from PATH.</summary>
    private static string Dotnet() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
