using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Parsing;

/// <summary>
/// hey's summary on standard output (tests/golden/tool-output/hey-*.stdout.txt):
/// <code>
/// Summary:
///   Slowest:	0.0026 secs
///   Fastest:	0.0001 secs
///   Average:	0.0002 secs
///   Requests/sec:	16889.3756
/// Latency distribution:
///   50% in 0.0001 secs
/// Status code distribution:
///   [200]	200 responses
/// Error distribution:
///   [20]	Get "http://127.0.0.1:18099/": dial tcp ...: connect: connection refused
/// </code>
/// hey prints no request total: requests are the responses of the status code distribution (any status), errors the
/// error distribution's counts plus the responses outside 2xx/3xx. Latencies are in seconds with four decimals, so
/// below 0.1 ms they read 0. hey prints <c>0% in 0.0000 secs</c> for percentiles it has too few samples for: left out.
/// </summary>
public static partial class HeyOutput
{
    /// <summary>The summary, or null when there is no "Summary:" with a Requests/sec line.</summary>
    public static ToolSummary? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Match rate = RateLine().Match(stdout);
        if (!stdout.Contains("Summary:", StringComparison.Ordinal) || !rate.Success)
        {
            return null;
        }

        // The distributions come last, status codes before errors; each line is "  [N]\t...".
        int statusAt = stdout.IndexOf("Status code distribution:", StringComparison.Ordinal);
        int errorAt = stdout.IndexOf("Error distribution:", StringComparison.Ordinal);
        string statusSection = statusAt < 0 ? string.Empty : stdout[statusAt..(errorAt > statusAt ? errorAt : stdout.Length)];
        string errorSection = errorAt < 0 ? string.Empty : stdout[errorAt..];
        long responses = 0;
        long errors = 0;
        foreach (Match m in StatusLine().Matches(statusSection))
        {
            long count = TextNumbers.Count(m.Groups[2].ValueSpan) ?? 0;
            responses += count;
            if (TextNumbers.Count(m.Groups[1].ValueSpan) is not (>= 200 and < 400))
            {
                errors += count;
            }
        }

        foreach (Match m in ErrorLine().Matches(errorSection))
        {
            errors += TextNumbers.Count(m.Groups[1].ValueSpan) ?? 0;
        }

        var latency = new Dictionary<string, double>();
        foreach (Match m in PercentileLine().Matches(stdout))
        {
            if (m.Groups[1].Value != "0" && TextNumbers.Real(m.Groups[2].ValueSpan) is { } seconds)
            {
                latency.TryAdd("p" + m.Groups[1].Value, seconds * 1000);
            }
        }

        AddSeconds(latency, "mean", AverageLine().Match(stdout));
        AddSeconds(latency, "min", FastestLine().Match(stdout));
        AddSeconds(latency, "max", SlowestLine().Match(stdout));
        return new ToolSummary(responses, errors, TextNumbers.Real(rate.Groups[1].ValueSpan), null, latency);
    }

    private static void AddSeconds(Dictionary<string, double> latency, string name, Match m)
    {
        if (m.Success && TextNumbers.Real(m.Groups[1].ValueSpan) is { } seconds)
        {
            latency.TryAdd(name, seconds * 1000);
        }
    }

    [GeneratedRegex(@"^\s*Requests/sec:\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^\s*Average:\s+([0-9.]+) secs\s*$", RegexOptions.Multiline)]
    private static partial Regex AverageLine();

    [GeneratedRegex(@"^\s*Fastest:\s+([0-9.]+) secs\s*$", RegexOptions.Multiline)]
    private static partial Regex FastestLine();

    [GeneratedRegex(@"^\s*Slowest:\s+([0-9.]+) secs\s*$", RegexOptions.Multiline)]
    private static partial Regex SlowestLine();

    [GeneratedRegex(@"^\s*(\d+)% in ([0-9.]+) secs\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"^\s*\[(\d+)\]\s+(\d+) responses\s*$", RegexOptions.Multiline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s*\[(\d+)\]\t", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
