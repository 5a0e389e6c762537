using System.Globalization;
using System.Text.RegularExpressions;
using WireLens.Load.Processes;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// The real CLI as a child process (<see cref="CliUnderTest"/>: the launcher's native build under ./test.sh) for the live
/// tests, and what they read back: the run folder, its manifest, its CSV files, the processes it left.
/// </summary>
internal static partial class LiveCli
{
    /// <summary>The program and its leading arguments followed by <paramref name="args"/>.</summary>
    public static (string File, List<string> Args) Command(params string[] args)
    {
        (string file, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();
        return (file, [.. prefix, .. args]);
    }

    public static RunningProcess Start(params string[] args)
    {
        (string file, List<string> all) = Command(args);
        return ProcessRunner.Start(file, all);
    }

    public static Task<ProcessResult> RunAsync(TimeSpan timeout, params string[] args)
    {
        (string file, List<string> all) = Command(args);
        return ProcessRunner.RunAsync(file, all, timeout);
    }

    /// <summary>The one run folder under <paramref name="outDir"/> (run and live make one per run).</summary>
    public static string RunFolder(string outDir)
    {
        string[] folders = Directory.GetDirectories(outDir);
        Assert.True(folders.Length == 1, $"run folders under {outDir}: {string.Join(", ", folders)}");
        return folders[0];
    }

    public static RunManifest Manifest(string folder)
    {
        Assert.True(RunManifestJson.TryRead(Path.Combine(folder, "run.json"), out RunManifest? manifest, out string error), error);
        return manifest;
    }

    /// <summary>The pid from the "embedded target (pid N)" line on standard error.</summary>
    public static int EmbeddedTargetPid(string stderr)
    {
        Match match = TargetPidPattern().Match(stderr);
        Assert.True(match.Success, "no embedded target line: " + stderr);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="pid"/> is a living process (a zombie has finished: it counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The children of <paramref name="pid"/> whose comm is <paramref name="comm"/> and, when given, whose command line
    /// holds <paramref name="argument"/> (a load tool's version probe shares its comm with the load invocation).
    /// </summary>
    public static IReadOnlyList<int> Children(int pid, string comm, string? argument = null)
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int child))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int open = stat.IndexOf('(', StringComparison.Ordinal);
                int close = stat.LastIndexOf(')');
                string name = stat[(open + 1)..close];
                string[] rest = stat[(close + 2)..].Split(' ');
                if (name == comm && int.Parse(rest[1], CultureInfo.InvariantCulture) == pid
                    && (argument is null || File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0').Contains(argument)))
                {
                    found.Add(child);
                }
            }
            catch (IOException)
            {
                // Exited while listed.
            }
        }

        return found;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end)
            {
                return condition();
            }

            await Task.Delay(100);
        }

        return true;
    }

    /// <summary>Asserts the process failed with exit 1 and exactly one line on standard error, an error without a stack trace.</summary>
    public static string AssertOneErrorLine(ProcessResult result)
    {
        Assert.False(result.TimedOut, result.Describe("wirelens"));
        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        string[] lines = result.StdErr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, result.Describe("wirelens"));
        Assert.StartsWith("wirelens: error: ", lines[0], StringComparison.Ordinal);
        return lines[0];
    }

    [GeneratedRegex(@"embedded target \(pid (\d+)\)")]
    private static partial Regex TargetPidPattern();
}
