using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Reporting.Runs;

/// <summary>Every error the reader gives, with its exact line.</summary>
public sealed partial class RunManifestJsonTests
{
    [Theory]
    [InlineData("\"2026-01-02\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:05\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:05.Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:05.1234567891Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:05+0200\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:05+24:00\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:05ZZ\"", "not an RFC 3339 time")]
    [InlineData("\"2026-13-02T03:04:05Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-00-02T03:04:05Z\"", "not an RFC 3339 time")]
    [InlineData("\"2023-02-29T03:04:05Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-04-31T03:04:05Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T24:00:00Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:60:05Z\"", "not an RFC 3339 time")]
    [InlineData("\"2026-01-02T03:04:61Z\"", "not an RFC 3339 time")]
    [InlineData("\"２０２６-01-02T03:04:05Z\"", "not an RFC 3339 time")]
    [InlineData("\"\"", "not an RFC 3339 time")]
    [InlineData("true", "not an RFC 3339 time nor a number of Unix seconds")]
    [InlineData("null", "not an RFC 3339 time nor a number of Unix seconds")]
    [InlineData("\"2016-12-31T23:59:60Z\"", "a leap second, which Unix time cannot name")]
    [InlineData("\"2262-04-11T23:47:16.854775808Z\"", "out of range (1677-09-21 to 2262-04-11)")]
    [InlineData("\"0000-01-01T00:00:00Z\"", "out of range (1677-09-21 to 2262-04-11)")]
    [InlineData("1e20", "out of range (1677-09-21 to 2262-04-11)")]
    [InlineData("-1e300", "out of range (1677-09-21 to 2262-04-11)")]
    public void TryParse_BadTime_ErrorNamesThePath(string json, string problem)
    {
        // Act
        bool ok = RunManifestJson.TryParse(RunManifests.WithRun(start: json), out RunManifest? manifest, out string error);

        // Assert
        Assert.False(ok);
        Assert.Null(manifest);
        Assert.StartsWith($"run.json: runs[0].start: {problem}", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadManifests() => new()
    {
        { "", "run.json: not JSON at byte 0 (line 1, column 1)" },
        { "{\"wirelens_run_manifest\": 1,", "run.json: not JSON at byte 27 (line 1, column 28)" },
        { "{\"wirelens_run_manifest\": 1,\n \"runs\": [x]}", "run.json: not JSON at byte 39 (line 2, column 11)" },
        { "{\"a\": 1,}", "run.json: not JSON at byte 8 (line 1, column 9)" },
        { "[]", "run.json: not a JSON object" },
        { "{}", "run.json: wirelens_run_manifest: missing (not a WireLens run manifest)" },
        { """{"wirelens_run_manifest": 2, "runs": []}""", "run.json: wirelens_run_manifest: unknown version 2 (this WireLens reads 1)" },
        { """{"wirelens_run_manifest": "1", "runs": []}""", "run.json: wirelens_run_manifest: unknown version \"1\" (this WireLens reads 1)" },
        { """{"wirelens_run_manifest": 1}""", "run.json: runs: missing" },
        { """{"wirelens_run_manifest": 1, "runs": {}}""", "run.json: runs: not an array" },
        { """{"wirelens_run_manifest": 1, "runs": [], "runs": []}""", "run.json: runs: duplicate property" },
        { """{"wirelens_run_manifest": 1, "runs": [1]}""", "run.json: runs[0]: not an object" },
        { """{"wirelens_run_manifest": 1, "capture": [], "runs": []}""", "run.json: capture: not an object" },
        { """{"wirelens_run_manifest": 1, "capture": {"file": 3}, "runs": []}""", "run.json: capture.file: not a string" },
        { """{"wirelens_run_manifest": 1, "capture": {"received": -1}, "runs": []}""", "run.json: capture.received: not a whole number >= 0" },
        { """{"wirelens_run_manifest": 1, "capture": {"dropped_by_kernel": 1.5}, "runs": []}""", "run.json: capture.dropped_by_kernel: not a whole number >= 0" },
        { """{"wirelens_run_manifest": 1, "capture": {"dropped_by_interface": "0"}, "runs": []}""", "run.json: capture.dropped_by_interface: not a whole number >= 0" },
        { """{"wirelens_run_manifest": 1, "capture": {"port_range": [2, 1]}, "runs": []}""", "run.json: capture.port_range: not [low, high] with 1 <= low <= high <= 65535" },
        { """{"wirelens_run_manifest": 1, "capture": {"port_range": [0, 1]}, "runs": []}""", "run.json: capture.port_range: not [low, high] with 1 <= low <= high <= 65535" },
        { """{"wirelens_run_manifest": 1, "capture": {"port_range": [1, 65536]}, "runs": []}""", "run.json: capture.port_range: not [low, high] with 1 <= low <= high <= 65535" },
        { """{"wirelens_run_manifest": 1, "capture": {"port_range": [1024]}, "runs": []}""", "run.json: capture.port_range: not [low, high] with 1 <= low <= high <= 65535" },
        { """{"wirelens_run_manifest": 1, "capture": {"port_range": "1024-65535"}, "runs": []}""", "run.json: capture.port_range: not [low, high] with 1 <= low <= high <= 65535" },
        { RunManifests.WithRun(start: "\"2026-01-02T03:04:06Z\"", stop: "\"2026-01-02T03:04:05.999999999Z\""), "run.json: runs[0].stop: before start" },
        { """{"wirelens_run_manifest": 1, "runs": [{"tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: missing" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a", "start": 0, "stop": 0}]}""", "run.json: runs[0].tool: missing" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a", "tool": "wrk", "stop": 0}]}""", "run.json: runs[0].start: missing" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a", "tool": "wrk", "start": 0}]}""", "run.json: runs[0].stop: missing" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": null, "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: not a string" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "", "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: not 1 to 64 printable characters" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a\nb", "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: not 1 to 64 printable characters" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a\u007f", "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: not 1 to 64 printable characters" },
        { $$"""{"wirelens_run_manifest": 1, "runs": [{"label": "{{new string('x', 65)}}", "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: not 1 to 64 printable characters" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "no-run", "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: \"no-run\" is reserved" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "ambiguous", "tool": "wrk", "start": 0, "stop": 0}]}""", "run.json: runs[0].label: \"ambiguous\" is reserved" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a", "tool": "WRK", "start": 0, "stop": 0}]}""", "run.json: runs[0].tool: not a tool name (1 to 32 of a-z 0-9 . _ -, not unknown or ambiguous)" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a", "tool": "unknown", "start": 0, "stop": 0}]}""", "run.json: runs[0].tool: not a tool name (1 to 32 of a-z 0-9 . _ -, not unknown or ambiguous)" },
        { """{"wirelens_run_manifest": 1, "runs": [{"label": "a", "tool": "wrk", "start": 0, "stop": 0}, {"label": "b", "tool": "wrk", "start": 0, "stop": 0}, {"label": "a", "tool": "hey", "start": 0, "stop": 0}]}""", "run.json: runs[2].label: \"a\" is also the label of runs[0]" },
        { RunManifests.WithRun(", \"label\": \"b\""), "run.json: runs[0].label: duplicate property" },
        { RunManifests.WithRun(", \"tool_version\": 4.2"), "run.json: runs[0].tool_version: not a string" },
        { RunManifests.WithRun(", \"command\": \"wrk -c1\""), "run.json: runs[0].command: not an array of strings" },
        { RunManifests.WithRun(", \"command\": [\"wrk\", 1]"), "run.json: runs[0].command[1]: not a string" },
        { RunManifests.WithRun(", \"command\": [null]"), "run.json: runs[0].command[0]: not a string" },
        { RunManifests.WithRun(", \"target\": {}"), "run.json: runs[0].target: not a string" },
        { RunManifests.WithRun(", \"concurrency\": 0"), "run.json: runs[0].concurrency: not a whole number from 1 to 2147483647" },
        { RunManifests.WithRun(", \"concurrency\": 2147483648"), "run.json: runs[0].concurrency: not a whole number from 1 to 2147483647" },
        { RunManifests.WithRun(", \"concurrency\": \"4\""), "run.json: runs[0].concurrency: not a whole number from 1 to 2147483647" },
        { RunManifests.WithRun(", \"summary\": 1"), "run.json: runs[0].summary: not an object" },
        { RunManifests.WithRun(", \"summary\": {\"requests\": -1}"), "run.json: runs[0].summary.requests: not a whole number >= 0" },
        { RunManifests.WithRun(", \"summary\": {\"errors\": 1e3}"), "run.json: runs[0].summary.errors: not a whole number >= 0" },
        { RunManifests.WithRun(", \"summary\": {\"connections\": true}"), "run.json: runs[0].summary.connections: not a whole number >= 0" },
        { RunManifests.WithRun(", \"summary\": {\"requests_per_s\": -0.5}"), "run.json: runs[0].summary.requests_per_s: not a finite number >= 0" },
        { RunManifests.WithRun(", \"summary\": {\"requests_per_s\": 1e400}"), "run.json: runs[0].summary.requests_per_s: not a finite number >= 0" },
        { RunManifests.WithRun(", \"summary\": {\"latency_ms\": []}"), "run.json: runs[0].summary.latency_ms: not an object" },
        { RunManifests.WithRun(", \"summary\": {\"latency_ms\": {\"p50\": \"1\"}}"), "run.json: runs[0].summary.latency_ms.p50: not a finite number >= 0" },
        { RunManifests.WithRun(", \"summary\": {\"latency_ms\": {\"p50\": null}}"), "run.json: runs[0].summary.latency_ms.p50: not a number" },
        { RunManifests.WithRun(", \"summary\": {\"latency_ms\": {\"p50\": 1, \"p50\": 2}}"), "run.json: runs[0].summary.latency_ms.p50: duplicate property" },
        { RunManifests.WithRun(", \"target\": \"\\ud800\""), "run.json: runs[0].target: not valid Unicode text" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void TryParse_BadManifest_OneLineErrorWithThePath(string json, string expected)
    {
        // Act
        bool ok = RunManifestJson.TryParse(json, out RunManifest? manifest, out string error);

        // Assert
        Assert.False(ok);
        Assert.Null(manifest);
        Assert.Equal(expected, error);
    }
}
