using System.Text;
using WireLens.Reporting.Runs;
using WireLens.Wire;

namespace WireLens.UnitTests.Reporting.Runs;

/// <summary>Manifests for the tests: one with every field set, one with only the required ones, and run.json text.</summary>
internal static class RunManifests
{
    /// <summary>2026-01-02T03:04:05Z, <see cref="ConnectionRecords.Base"/>.</summary>
    public static Timestamp Base => ConnectionRecords.Base;

    public static Timestamp Seconds(double seconds) => Base.AddSeconds(seconds);

    public static RunManifest Full() => new(
        RunManifest.CurrentVersion,
        new CaptureInfo("load.pcapng", "lo", new PortRange(32768, 60999), 123456, 7, 0),
        [
            new RunEntry(
                "wrk", "wrk", "4.2.0", ["wrk", "-t2", "-c50", "-d10s", "http://127.0.0.1:8080/"], "http://127.0.0.1:8080/", 50,
                new Timestamp(Base.UnixNanoseconds + 123_456_789), Seconds(10.5),
                new ToolSummary(100_000, 3, 9999.87, 50, new Dictionary<string, double>
                {
                    ["p50"] = 0.45,
                    ["p90"] = 1.2,
                    ["p99"] = 12.003,
                    ["mean"] = 0.6,
                    ["max"] = 105,
                })),
            new RunEntry(
                "builtin:keepalive", "builtin", null, [], "http://[::1]:8080/", null,
                Seconds(11), Seconds(11), null),
        ]);

    public static RunManifest Minimal() => new(
        RunManifest.CurrentVersion,
        null,
        [new RunEntry("hey", "hey", null, [], null, null, Base, Seconds(1), null)]);

    /// <summary>A manifest whose one run has <paramref name="runProperties"/> added after label, tool, start and stop.</summary>
    public static string WithRun(string runProperties = "", string start = "\"2026-01-02T03:04:05Z\"", string stop = "\"2026-01-02T03:04:06Z\"") =>
        $$"""{"wirelens_run_manifest": 1, "runs": [{"label": "a", "tool": "wrk", "start": {{start}}, "stop": {{stop}}{{runProperties}}}]}""";

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
