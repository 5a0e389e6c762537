using System.Globalization;
using System.Text.RegularExpressions;
using WireLens.Reporting.Runs;

namespace WireLens.EndToEnd.Tests.Reports;

/// <summary>
/// What wrk 4 prints at the end of a run, as a run manifest's <see cref="ToolSummary"/>:
/// <code>
///   2 threads and 10 connections
///   34246 requests in 1.10s, 5.00MB read
///   Socket errors: connect 0, read 3, write 0, timeout 0     (only when there were some)
///   Non-2xx or 3xx responses: 12                             (only when there were some)
/// Requests/sec:  31144.36
/// </code>
/// </summary>
public static partial class WrkOutput
{
    public static ToolSummary Parse(string stdout)
    {
        Match requests = RequestsLine().Match(stdout);
        Match rate = RateLine().Match(stdout);
        Match connections = ConnectionsLine().Match(stdout);
        Assert.True(requests.Success && rate.Success && connections.Success, $"not wrk's summary:\n{stdout}");

        // wrk prints these lines only when a count is above 0.
        long errors = 0;
        Match socketErrors = SocketErrorsLine().Match(stdout);
        if (socketErrors.Success)
        {
            errors += Enumerable.Range(1, 4).Sum(i => Long(socketErrors.Groups[i].Value));
        }

        Match non2xx = Non2xxLine().Match(stdout);
        if (non2xx.Success)
        {
            errors += Long(non2xx.Groups[1].Value);
        }

        return new ToolSummary(
            Long(requests.Groups[1].Value),
            errors,
            double.Parse(rate.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            Long(connections.Groups[1].Value),
            new Dictionary<string, double>());
    }

    /// <summary>`wrk -v` prints "wrk debian/4.1.0-3+b2 [epoll] Copyright ..." (and exits 1): the second word.</summary>
    public static string? Version(string versionOutput)
    {
        Match m = VersionLine().Match(versionOutput);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static long Long(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

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

    [GeneratedRegex(@"^wrk (\S+)", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}
