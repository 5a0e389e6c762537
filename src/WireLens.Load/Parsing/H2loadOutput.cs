using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.Load.Parsing;

/// <summary>
/// h2load's (nghttp2 1.52) summary on standard output (tests/golden/tool-output/h2load-*.stdout.txt):
/// <code>
/// spawning thread #0: 4 total client(s). 200 total requests
/// finished in 6.77ms, 29546.46 req/s, 2.06MB/s
/// requests: 200 total, 200 started, 200 done, 200 succeeded, 0 failed, 0 errored, 0 timeout
///                      min         max         mean         sd        +/- sd
/// time for request:       48us       260us        79us        34us    93.00%
/// </code>
/// Requests are h2load's "done" (responses completed, any status: a duration run may have started a few more);
/// errors its "failed" (which counts non-2xx/3xx responses as well as errored and timed-out requests); connections
/// the clients of every "spawning thread" line.
/// </summary>
public static partial class H2loadOutput
{
    /// <summary>The summary, or null without a "requests:" line.</summary>
    public static ToolSummary? Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        Match requests = RequestsLine().Match(stdout);
        if (!requests.Success)
        {
            return null;
        }

        long? clients = null;
        foreach (Match m in ClientsLine().Matches(stdout))
        {
            clients = (clients ?? 0) + (TextNumbers.Count(m.Groups[1].ValueSpan) ?? 0);
        }

        var latency = new Dictionary<string, double>();
        Match time = RequestTimeLine().Match(stdout);
        if (time.Success)
        {
            Add(latency, "min", time.Groups[1].ValueSpan, time.Groups[2].ValueSpan);
            Add(latency, "max", time.Groups[3].ValueSpan, time.Groups[4].ValueSpan);
            Add(latency, "mean", time.Groups[5].ValueSpan, time.Groups[6].ValueSpan);
            Add(latency, "stdev", time.Groups[7].ValueSpan, time.Groups[8].ValueSpan);
        }

        Match finished = FinishedLine().Match(stdout);
        return new ToolSummary(
            TextNumbers.Count(requests.Groups[1].ValueSpan),
            TextNumbers.Count(requests.Groups[2].ValueSpan),
            finished.Success ? TextNumbers.Real(finished.Groups[1].ValueSpan) : null,
            clients,
            latency);
    }

    /// <summary>`h2load --version` prints "h2load nghttp2/1.52.0": 1.52.0.</summary>
    public static string? Version(string versionOutput)
    {
        ArgumentNullException.ThrowIfNull(versionOutput);
        Match m = VersionLine().Match(versionOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static void Add(Dictionary<string, double> latency, string name, ReadOnlySpan<char> number, ReadOnlySpan<char> unit)
    {
        if (TextNumbers.Milliseconds(number, unit) is { } ms)
        {
            latency.TryAdd(name, ms);
        }
    }

    [GeneratedRegex(@"^requests: \d+ total, \d+ started, (\d+) done, \d+ succeeded, (\d+) failed", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^finished in [0-9.]+\w+, ([0-9.]+) req/s", RegexOptions.Multiline)]
    private static partial Regex FinishedLine();

    [GeneratedRegex(@"^spawning thread #\d+: (\d+) total client\(s\)", RegexOptions.Multiline)]
    private static partial Regex ClientsLine();

    [GeneratedRegex(@"^time for request:\s+([0-9.]+)(\w+)\s+([0-9.]+)(\w+)\s+([0-9.]+)(\w+)\s+([0-9.]+)(\w+)", RegexOptions.Multiline)]
    private static partial Regex RequestTimeLine();

    [GeneratedRegex(@"^h2load nghttp2/(\S+)", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
