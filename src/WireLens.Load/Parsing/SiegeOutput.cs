using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Parsing;

/// <summary>
/// siege 4's summary on standard error (tests/golden/tool-output/siege-*.stderr.txt):
/// <code>
/// Transactions:		         100 hits
/// Response time:		        0.00 secs
/// Transaction rate:	    10000.00 trans/sec
/// Successful transactions:         100
/// Failed transactions:	           0
/// Longest transaction:	        0.01
/// Shortest transaction:	        0.00
/// </code>
/// Requests are siege's transactions (responses, any status); errors its failed transactions (socket errors) plus the
/// transactions that were not successful (status 400 and above). Times are seconds with two decimals.
/// </summary>
public static partial class SiegeOutput
{
    /// <summary>The summary (from standard error, else standard output), or null without a "Transactions:" line.</summary>
    public static ToolSummary? Parse(string stderr, string stdout)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stdout);
        string text = TransactionsLine().IsMatch(stderr) ? stderr : stdout;
        Match transactions = TransactionsLine().Match(text);
        if (!transactions.Success)
        {
            return null;
        }

        long? hits = TextNumbers.Count(transactions.Groups[1].ValueSpan);
        long? successful = Field(SuccessfulLine(), text) is { } s ? TextNumbers.Count(s) : null;
        long? failed = Field(FailedLine(), text) is { } f ? TextNumbers.Count(f) : null;
        long? errors = failed is null && successful is null
            ? null
            : (failed ?? 0) + (hits is { } h && successful is { } ok && h > ok ? h - ok : 0);

        var latency = new Dictionary<string, double>();
        AddSeconds(latency, "mean", Field(ResponseTimeLine(), text));
        AddSeconds(latency, "min", Field(ShortestLine(), text));
        AddSeconds(latency, "max", Field(LongestLine(), text));
        double? rate = Field(RateLine(), text) is { } r ? TextNumbers.Real(r) : null;
        return new ToolSummary(hits, errors, rate, null, latency);
    }

    /// <summary>`siege --version` prints "SIEGE 4.0.7" (to standard error): 4.0.7.</summary>
    public static string? Version(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        Match m = VersionLine().Match(versionOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string? Field(Regex line, string text)
    {
        Match m = line.Match(text);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static void AddSeconds(Dictionary<string, double> latency, string name, string? seconds)
    {
        if (seconds is not null && TextNumbers.Real(seconds) is { } s)
        {
            latency.TryAdd(name, s * 1000);
        }
    }

    [GeneratedRegex(@"^Transactions:\s+(\d+) hits\s*$", RegexOptions.Multiline)]
    private static partial Regex TransactionsLine();

    [GeneratedRegex(@"^Successful transactions:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SuccessfulLine();

    [GeneratedRegex(@"^Failed transactions:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex FailedLine();

    [GeneratedRegex(@"^Response time:\s+([0-9.]+) secs\s*$", RegexOptions.Multiline)]
    private static partial Regex ResponseTimeLine();

    [GeneratedRegex(@"^Transaction rate:\s+([0-9.]+) trans/sec\s*$", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^Longest transaction:\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex LongestLine();

    [GeneratedRegex(@"^Shortest transaction:\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ShortestLine();

    [GeneratedRegex(@"SIEGE (\d[^\s]*)")]
    private static partial Regex VersionLine();
}
