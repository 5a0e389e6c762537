using System.Globalization;
using System.Text.RegularExpressions;
using WireLens.EndToEnd.Tests.Live;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>One run of the real CLI: its result and the child's peak resident set size.</summary>
internal sealed record HostileRun(ProcessResult Result, long PeakRssBytes)
{
    public double PeakRssMegabytes => PeakRssBytes / (1024.0 * 1024.0);

    /// <summary>The number on the text report's line <paramref name="label"/> (e.g. "Released: idle"), commas removed.</summary>
    public long Report(string label)
    {
        Match m = Regex.Match(Result.StdOut, $@"^  {Regex.Escape(label)} +(?<n>[0-9,]+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"no report line \"{label}\" in:\n{Result.StdOut}");
        return long.Parse(m.Groups["n"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Runs <c>wirelens</c> as a child process (the command of <see cref="LiveCli.Command"/>) under
/// <c>/usr/bin/time -f %M</c> (Debian's <c>time</c>), which reports the child's peak RSS in KiB.
/// </summary>
internal static class HostileCli
{
    public static HostileRun Run(string workDir, TimeSpan timeout, params string[] args)
    {
        string time = Require.Tool("time", "time");
        (string file, List<string> all) = LiveCli.Command(args);
        string rssFile = Path.Combine(workDir, $"rss-{Guid.NewGuid():N}.txt");
        ProcessResult result = ProcessRunner.Run(time, ["-f", "%M", "-o", rssFile, file, .. all], timeout);
        Assert.False(result.TimedOut, result.Describe("wirelens"));
        string rss = File.ReadAllText(rssFile).Trim().Split('\n')[^1];
        File.Delete(rssFile);
        return new HostileRun(result, long.Parse(rss, CultureInfo.InvariantCulture) * 1024);
    }

    /// <summary>No exception reached the user: no stack trace, no "Unhandled exception".</summary>
    public static void AssertNoCrash(HostileRun run)
    {
        Assert.DoesNotContain("   at ", run.Result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Result.StdOut, StringComparison.Ordinal);
    }
}
