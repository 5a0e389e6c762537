using WireLens.Reporting.Runs;
using WireLens.Reporting.Statistics;

namespace WireLens.Load.Parsing;

/// <summary>
/// The curl loop's standard output: every invocation writes one line with <see cref="WriteOutFormat"/>,
/// <c>wirelens-curl 200 0.000323 1 0</c> (HTTP status, time_total in seconds, connections opened, curl's exit code).
/// A status of 000 means no response (connection refused, timeout). Requests are the invocations that got a response
/// (any status); errors those without one, with another status than 2xx/3xx, or with a non-zero exit code; connections
/// the sum of num_connects; the rate requests per second of the loop's wall time; latencies from time_total.
/// </summary>
public static class CurlLoopOutput
{
    /// <summary>The first word of every line, so that lines are told apart from anything else on standard output.</summary>
    public const string Marker = "wirelens-curl";

    /// <summary>
    /// curl's <c>-w</c> format. The leading newline starts the line even when a body was written to standard output
    /// without a final newline (raw arguments may undo <c>-o /dev/null</c>).
    /// </summary>
    public const string WriteOutFormat = "\\n" + Marker + " %{http_code} %{time_total} %{num_connects} %{exitcode}\\n";

    /// <summary>The summary, or null when no line was found.</summary>
    public static ToolSummary? Parse(string stdout, TimeSpan? elapsed)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        long requests = 0;
        long errors = 0;
        long connections = 0;
        var times = new List<double>();
        foreach (ReadOnlySpan<char> rawLine in stdout.AsSpan().EnumerateLines())
        {
            if (!TryReadLine(rawLine, out int status, out double seconds, out long connects, out int exitCode))
            {
                continue;
            }

            connections += connects;
            if (status > 0)
            {
                requests++;
                times.Add(seconds * 1000);
            }

            if (status is not (>= 200 and < 400) || exitCode != 0)
            {
                errors++;
            }
        }

        if (requests == 0 && errors == 0)
        {
            return null;
        }

        double? rate = elapsed is { } e && e > TimeSpan.Zero ? requests / e.TotalSeconds : null;
        return new ToolSummary(requests, errors, rate, connections, Latency(times));
    }

    private static bool TryReadLine(ReadOnlySpan<char> line, out int status, out double seconds, out long connects, out int exitCode)
    {
        status = 0;
        seconds = 0;
        connects = 0;
        exitCode = 0;
        Span<Range> parts = stackalloc Range[6];
        line = line.Trim();
        if (line.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 5 || !line[parts[0]].SequenceEqual(Marker))
        {
            return false;
        }

        if (TextNumbers.Count(line[parts[1]]) is not { } code || code > 999
            || TextNumbers.Real(line[parts[2]]) is not { } time
            || TextNumbers.Count(line[parts[3]]) is not { } opened
            || TextNumbers.Count(line[parts[4]]) is not { } exit || exit > 255)
        {
            return false;
        }

        (status, seconds, connects, exitCode) = ((int)code, time, opened, (int)exit);
        return true;
    }

    /// <summary>p50, p90, p99 (nearest rank), mean and max of the times, in milliseconds.</summary>
    private static Dictionary<string, double> Latency(List<double> times)
    {
        var latency = new Dictionary<string, double>();
        if (times.Count == 0)
        {
            return latency;
        }

        times.Sort();
        foreach ((string name, double p) in new[] { ("p50", 50.0), ("p90", 90.0), ("p99", 99.0) })
        {
            latency[name] = Percentile.NearestRank(times, p)!.Value;
        }

        latency["mean"] = times.Average();
        latency["max"] = times[^1];
        return latency;
    }
}
