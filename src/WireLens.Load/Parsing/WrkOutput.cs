using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Parsing;

/// <summary>
/// wrk 4's summary on standard output (tests/golden/tool-output/wrk-*.stdout.txt):
/// <code>
///   2 threads and 10 connections
///   Thread Stats   Avg      Stdev     Max   +/- Stdev
///     Latency   222.14us  438.38us   5.04ms   95.59%
///   Latency Distribution                                      (with --latency)
///      50%   51.00us
///   67901 requests in 1.10s, 9.91MB read
///   Socket errors: connect 0, read 3, write 0, timeout 0     (only when there were some)
///   Non-2xx or 3xx responses: 12                             (only when there were some)
/// Requests/sec:  61727.00
/// </code>
/// Requests are wrk's "requests in" (responses read, any status); errors are its socket errors plus non-2xx/3xx.
/// </summary>
public static partial class WrkOutput
{
    /// <summary>The summary, or null when the requests line is missing (wrk could not connect, or was killed).</summary>
    public static ToolSummary? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Match requests = RequestsLine().Match(stdout);
        if (!requests.Success)
        {
            return null;
        }

        long errors = 0;
        Match socketErrors = SocketErrorsLine().Match(stdout);
        if (socketErrors.Success)
        {
            for (int i = 1; i <= 4; i++)
            {
                errors += TextNumbers.Count(socketErrors.Groups[i].ValueSpan) ?? 0;
            }
        }

        Match non2xx = Non2xxLine().Match(stdout);
        if (non2xx.Success)
        {
            errors += TextNumbers.Count(non2xx.Groups[1].ValueSpan) ?? 0;
        }

        Match rate = RateLine().Match(stdout);
        Match connections = ConnectionsLine().Match(stdout);
        var latency = new Dictionary<string, double>();
        foreach (Match p in PercentileLine().Matches(stdout))
        {
            if (TextNumbers.Milliseconds(p.Groups[2].ValueSpan, p.Groups[3].ValueSpan) is { } ms)
            {
                latency.TryAdd("p" + p.Groups[1].Value, ms);
            }
        }

        Match stats = LatencyStatsLine().Match(stdout);
        if (stats.Success)
        {
            AddIfRead(latency, "mean", stats.Groups[1].ValueSpan, stats.Groups[2].ValueSpan);
            AddIfRead(latency, "stdev", stats.Groups[3].ValueSpan, stats.Groups[4].ValueSpan);
            AddIfRead(latency, "max", stats.Groups[5].ValueSpan, stats.Groups[6].ValueSpan);
        }

        return new ToolSummary(
            TextNumbers.Count(requests.Groups[1].ValueSpan),
            errors,
            rate.Success ? TextNumbers.Real(rate.Groups[1].ValueSpan) : null,
            connections.Success ? TextNumbers.Count(connections.Groups[1].ValueSpan) : null,
            latency);
    }

    /// <summary>`wrk -v` prints "wrk debian/4.1.0-3+b2 [epoll] Copyright ..." (and exits 1): the version after any "name/".</summary>
    public static string? Version(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        Match m = VersionLine().Match(versionOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static void AddIfRead(Dictionary<string, double> latency, string name, ReadOnlySpan<char> number, ReadOnlySpan<char> unit)
    {
        if (TextNumbers.Milliseconds(number, unit) is { } ms)
        {
            latency.TryAdd(name, ms);
        }
    }

    [GeneratedRegex(@"^\s*(\d+) requests in [0-9.]+\w+, ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^\s*\d+ threads and (\d+) connections\s*$", RegexOptions.Multiline)]
    private static partial Regex ConnectionsLine();

    [GeneratedRegex(@"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"^\s*Non-2xx or 3xx responses: (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"^\s*Latency\s+([0-9.]+)([a-z]+)\s+([0-9.]+)([a-z]+)\s+([0-9.]+)([a-z]+)\s", RegexOptions.Multiline)]
    private static partial Regex LatencyStatsLine();

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([0-9.]+)([a-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"^wrk (?:[^\s/]+/)?([0-9][^\s-]*)", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
