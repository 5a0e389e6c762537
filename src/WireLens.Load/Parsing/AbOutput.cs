using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Parsing;

/// <summary>
/// ApacheBench 2.3's summary on standard output (tests/golden/tool-output/ab-*.stdout.txt):
/// <code>
/// Complete requests:      300
/// Failed requests:        0          (with " (Connect: 0, Receive: 0, Length: 3, Exceptions: 0)" when not 0)
/// Non-2xx responses:      50         (only when there were some)
/// Requests per second:    68965.52 [#/sec] (mean)
/// Time per request:       0.043 [ms] (mean)
/// Percentage of the requests served within a certain time (ms)
///   50%      0
///  100%      1 (longest request)
/// </code>
/// Requests are ab's complete requests; errors its failed requests (which include responses of another length than
/// the first) plus non-2xx responses. Percentiles are whole milliseconds; 100% is the maximum.
/// </summary>
public static partial class AbOutput
{
    /// <summary>The summary, or null without a "Complete requests" line (ab stops without one on a connection error).</summary>
    public static ToolSummary? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Match complete = CompleteLine().Match(stdout);
        if (!complete.Success)
        {
            return null;
        }

        long errors = 0;
        Match failed = FailedLine().Match(stdout);
        if (failed.Success)
        {
            errors += TextNumbers.Count(failed.Groups[1].ValueSpan) ?? 0;
        }

        Match non2xx = Non2xxLine().Match(stdout);
        if (non2xx.Success)
        {
            errors += TextNumbers.Count(non2xx.Groups[1].ValueSpan) ?? 0;
        }

        var latency = new Dictionary<string, double>();
        int tableAt = stdout.IndexOf("Percentage of the requests served", StringComparison.Ordinal);
        if (tableAt >= 0)
        {
            foreach (Match m in PercentileLine().Matches(stdout, tableAt))
            {
                if (TextNumbers.Real(m.Groups[2].ValueSpan) is { } ms)
                {
                    latency.TryAdd(m.Groups[1].Value == "100" ? "max" : "p" + m.Groups[1].Value, ms);
                }
            }
        }

        Match mean = MeanLine().Match(stdout);
        if (mean.Success && TextNumbers.Real(mean.Groups[1].ValueSpan) is { } meanMs)
        {
            latency.TryAdd("mean", meanMs);
        }

        Match rate = RateLine().Match(stdout);
        return new ToolSummary(
            TextNumbers.Count(complete.Groups[1].ValueSpan),
            errors,
            rate.Success ? TextNumbers.Real(rate.Groups[1].ValueSpan) : null,
            null,
            latency);
    }

    /// <summary>`ab -V` prints "This is ApacheBench, Version 2.3 &lt;$Revision$&gt;": 2.3.</summary>
    public static string? Version(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        Match m = VersionLine().Match(versionOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^Complete requests:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CompleteLine();

    [GeneratedRegex(@"^Failed requests:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"^Non-2xx responses:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"^Requests per second:\s+([0-9.]+) \[#/sec\]", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^Time per request:\s+([0-9.]+) \[ms\] \(mean\)\s*$", RegexOptions.Multiline)]
    private static partial Regex MeanLine();

    [GeneratedRegex(@"^\s*(\d+)%\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"ApacheBench, Version (\d[^\s<]*)")]
    private static partial Regex VersionLine();
}
