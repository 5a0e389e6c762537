using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Parsing;

/// <summary>
/// <c>vegeta report</c>'s text (tests/golden/tool-output/vegeta-*.txt, recorded by others: vegeta is not packaged on
/// Debian):
/// <code>
/// Requests      [total, rate, throughput]         30000, 1000.04, 998.14
/// Duration      [total, attack, wait]             30s, 29.999s, 794.709µs
/// Latencies     [min, mean, 50, 90, 95, 99, max]  421.299µs, 769.5µs, 746.773µs, 856.831µs, 909.698µs, 1.085ms, 10.001ms
/// Success       [ratio]                           99.81%
/// Status Codes  [code:count]                      0:56  200:29944
/// Error Set:
/// </code>
/// Each line names its fields in brackets, so older layouts (<c>Latencies [mean, 50, 95, 99, max]</c>) read as well.
/// Requests are vegeta's total (sent, answered or not); errors the requests whose code is not 2xx/3xx (code 0 is a
/// request that got no response); the rate is the attack's request rate; latencies are Go durations.
/// Only the first report in the text is read.
/// </summary>
public static partial class VegetaOutput
{
    /// <summary>The summary, or null without a "Requests [total, ...]" line.</summary>
    public static ToolSummary? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Match requests = RequestsLine().Match(stdout);
        if (!requests.Success)
        {
            return null;
        }

        Dictionary<string, string> requestFields = Fields(requests);
        long? total = requestFields.TryGetValue("total", out string? t) ? TextNumbers.Count(t) : null;
        double? rate = requestFields.TryGetValue("rate", out string? r) ? TextNumbers.Real(r) : null;

        var latency = new Dictionary<string, double>();
        Match latencies = LatenciesLine().Match(stdout, requests.Index);
        if (latencies.Success)
        {
            foreach ((string name, string value) in Fields(latencies))
            {
                if (TextNumbers.GoDurationMilliseconds(value) is { } ms)
                {
                    latency.TryAdd(char.IsAsciiDigit(name[0]) ? "p" + name : name, ms);
                }
            }
        }

        long? errors = null;
        Match codes = StatusCodesLine().Match(stdout, requests.Index);
        if (codes.Success)
        {
            errors = 0;
            foreach (Match pair in CodeCount().Matches(codes.Groups[1].Value))
            {
                if (TextNumbers.Count(pair.Groups[1].ValueSpan) is not (>= 200 and < 400))
                {
                    errors += TextNumbers.Count(pair.Groups[2].ValueSpan) ?? 0;
                }
            }
        }

        return new ToolSummary(total, errors, rate, null, latency);
    }

    /// <summary>`vegeta --version` prints "Version: 12.11.1" (older releases "Version: v12.8.4"): the number.</summary>
    public static string? Version(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        Match m = VersionLine().Match(versionOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>The line's bracketed names paired with its comma-separated values, as far as both go.</summary>
    private static Dictionary<string, string> Fields(Match line)
    {
        string[] names = line.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries);
        string[] values = line.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < Math.Min(names.Length, values.Length); i++)
        {
            if (names[i].Length > 0)
            {
                fields.TryAdd(names[i], values[i]);
            }
        }

        return fields;
    }

    [GeneratedRegex(@"^\s*Requests\s+\[([^\]]*)\]\s+(.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^\s*Latencies\s+\[([^\]]*)\]\s+(.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatenciesLine();

    [GeneratedRegex(@"^\s*Status Codes\s+\[code:count\]\s+(.*?)\s*$", RegexOptions.Multiline)]
    private static partial Regex StatusCodesLine();

    [GeneratedRegex(@"(\d+):(\d+)")]
    private static partial Regex CodeCount();

    [GeneratedRegex(@"^Version:\s+v?(\d\S*)", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
