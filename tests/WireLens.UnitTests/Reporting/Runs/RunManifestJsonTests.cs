using System.Text;
using WireLens.Reporting.Runs;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.UnitTests.Reporting.Runs;

public sealed partial class RunManifestJsonTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("wl-manifest");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ToUtf8_FullManifest_ReadsBackTheSameValues()
    {
        // Arrange
        RunManifest written = RunManifests.Full();

        // Act
        byte[] bytes = RunManifestJson.ToUtf8(written);
        bool ok = RunManifestJson.TryParse(bytes, out RunManifest? read, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal("", error);
        AssertSame(written, read!);
        Assert.Equal(bytes, RunManifestJson.ToUtf8(read!));
    }

    [Fact]
    public void ToUtf8_MinimalManifest_ReadsBackTheSameValues()
    {
        // Arrange
        RunManifest written = RunManifests.Minimal();

        // Act
        bool ok = RunManifestJson.TryParse(RunManifestJson.ToUtf8(written), out RunManifest? read, out string error);

        // Assert
        Assert.True(ok, error);
        AssertSame(written, read!);
    }

    [Fact]
    public void ToUtf8_Manifest_IndentedSnakeCaseWithoutNulls()
    {
        // Arrange
        var manifest = new RunManifest(1, new CaptureInfo("x.pcap", null, new PortRange(1024, 65535), null, null, null),
        [
            new RunEntry("ab", "ab", "2.3", ["ab", "-n", "10"], "http://localhost/?a=1&b=<2>", 1,
                RunManifests.Seconds(0.25), RunManifests.Seconds(1),
                new ToolSummary(10, null, 1234.5, null, new Dictionary<string, double> { ["p50"] = 1 })),
        ]);

        // Act
        string text = Encoding.UTF8.GetString(RunManifestJson.ToUtf8(manifest));

        // Assert
        Assert.Equal(
            """
            {
              "wirelens_run_manifest": 1,
              "capture": {
                "file": "x.pcap",
                "port_range": [
                  1024,
                  65535
                ]
              },
              "runs": [
                {
                  "label": "ab",
                  "tool": "ab",
                  "tool_version": "2.3",
                  "command": [
                    "ab",
                    "-n",
                    "10"
                  ],
                  "target": "http://localhost/?a=1&b=<2>",
                  "concurrency": 1,
                  "start": "2026-01-02T03:04:05.250Z",
                  "stop": "2026-01-02T03:04:06Z",
                  "summary": {
                    "requests": 10,
                    "requests_per_s": 1234.5,
                    "latency_ms": {
                      "p50": 1
                    }
                  }
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void ToUtf8_StringsThatNeedEscapes_ReadBackExactly()
    {
        // Arrange
        string[] command = ["sh", "-c", "echo \"a\\b\"\n\ttab\u0001\u007f", "", "é€😀", "</script>&'+`"];
        var manifest = new RunManifest(1, new CaptureInfo("a \"b\".pcap", "eth0\\1", null, null, null, null),
            [new RunEntry("run \"1\" é😀\\", "curl", "8.0 \"x\"", command, "http://h/\u00e9", null, RunManifests.Base, RunManifests.Base, null)]);

        // Act
        byte[] bytes = RunManifestJson.ToUtf8(manifest);
        bool ok = RunManifestJson.TryParse(bytes, out RunManifest? read, out string error);

        // Assert
        Assert.True(ok, error);
        AssertSame(manifest, read!);
        string text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\\n\\ttab\\u0001", text, StringComparison.Ordinal);
        Assert.Contains("</script>&'+`", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ToFileAndStream_TryReadGivesItBack()
    {
        // Arrange
        string path = Path.Combine(_dir, "load.run.json");
        RunManifest manifest = RunManifests.Full();
        using var stream = new MemoryStream();

        // Act
        RunManifestJson.Write(path, manifest);
        RunManifestJson.Write(stream, manifest);
        bool ok = RunManifestJson.TryRead(path, out RunManifest? read, out string error);

        // Assert
        Assert.True(ok, error);
        AssertSame(manifest, read!);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void ToUtf8_ManifestTheReaderWouldRefuse_ThrowsWithTheReadersError()
    {
        // Arrange
        RunManifest full = RunManifests.Full();
        RunManifest twice = full with { Runs = [full.Runs[0], full.Runs[0]] };
        RunManifest backwards = full with { Runs = [full.Runs[0] with { Stop = RunManifests.Seconds(-1) }] };

        // Act / Assert
        Assert.Equal("run.json: runs[1].label: \"wrk\" is also the label of runs[0] (Parameter 'manifest')",
            Assert.Throws<ArgumentException>(() => RunManifestJson.ToUtf8(twice)).Message);
        Assert.Equal("run.json: runs[0].stop: before start (Parameter 'manifest')",
            Assert.Throws<ArgumentException>(() => RunManifestJson.ToUtf8(backwards)).Message);
        Assert.Throws<ArgumentException>(() => RunManifestJson.ToUtf8(full with
        {
            Runs = [full.Runs[0] with { Summary = full.Runs[0].Summary! with { RequestsPerSecond = double.NaN } }],
        }));
    }

    [Theory]
    [InlineData("\"2026-01-02T03:04:05Z\"", 0)]
    [InlineData("\"2026-01-02t03:04:05z\"", 0)]
    [InlineData("\"2026-01-02 03:04:05Z\"", 0)]
    [InlineData("\"2026-01-02T03:04:05.1Z\"", 100_000_000)]
    [InlineData("\"2026-01-02T03:04:05.000000001Z\"", 1)]
    [InlineData("\"2026-01-02T03:04:05.123456789Z\"", 123_456_789)]
    [InlineData("\"2026-01-02T05:04:05+02:00\"", 0)]
    [InlineData("\"2026-01-01T21:34:05.5-05:30\"", 500_000_000)]
    [InlineData("\"2026-01-02T03:04:04.999999999Z\"", -1)]
    [InlineData("1767323045", 0)]
    [InlineData("1767323045.123456789", 123_456_789)]
    [InlineData("1767323045.0000000004", 0)]
    [InlineData("1767323045.0000000006", 1)]
    [InlineData("1.767323045e9", 0)]
    [InlineData("17673230451e-1", 100_000_000)]
    public void TryParse_Time_ExactToTheNanosecond(string json, long nanosecondsAfterBase)
    {
        // Act
        bool ok = RunManifestJson.TryParse(RunManifests.WithRun(start: json, stop: json), out RunManifest? manifest, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(RunManifests.Base.UnixNanoseconds + nanosecondsAfterBase, manifest!.Runs[0].Start.UnixNanoseconds);
    }

    [Theory]
    [InlineData("\"2024-02-29T00:00:00Z\"", 1_709_164_800_000_000_000)]
    [InlineData("\"2000-02-29T12:00:00Z\"", 951_825_600_000_000_000)]
    [InlineData("\"1970-01-01T00:00:00Z\"", 0)]
    [InlineData("\"1969-12-31T23:59:59.999999999Z\"", -1)]
    [InlineData("\"1677-09-21T00:12:43.145224192Z\"", long.MinValue)]
    [InlineData("\"2262-04-11T23:47:16.854775807Z\"", long.MaxValue)]
    public void TryParse_TimeFarFromNow_UnixNanoseconds(string json, long unixNanoseconds)
    {
        // Act
        bool ok = RunManifestJson.TryParse(RunManifests.WithRun(start: json, stop: json), out RunManifest? manifest, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(unixNanoseconds, manifest!.Runs[0].Start.UnixNanoseconds);
        Assert.Equal(json, $"\"{RunManifestJson.FormatTime(manifest.Runs[0].Start)}\"");
    }

    [Theory]
    [InlineData(0, "2026-01-02T03:04:05Z")]
    [InlineData(120_000_000, "2026-01-02T03:04:05.120Z")]
    [InlineData(1000, "2026-01-02T03:04:05.000001Z")]
    [InlineData(123_456_789, "2026-01-02T03:04:05.123456789Z")]
    [InlineData(-1, "2026-01-02T03:04:04.999999999Z")]
    public void FormatTime_FewestDigitsThatKeepItExact(long nanosecondsAfterBase, string expected)
    {
        // Act / Assert
        Assert.Equal(expected, RunManifestJson.FormatTime(new Timestamp(RunManifests.Base.UnixNanoseconds + nanosecondsAfterBase)));
    }

    [Fact]
    public void TryParse_InvalidUtf8InAString_ErrorNotException()
    {
        // Arrange: "target": "<0xFF 0xFE>"
        byte[] json = [.. RunManifests.Utf8(RunManifests.WithRun(", \"target\": \"")), 0xFF, 0xFE, .. "\"}]}"u8];

        // Act
        bool ok = RunManifestJson.TryParse(json, out _, out string error);

        // Assert
        Assert.False(ok);
        Assert.Equal("run.json: runs[0].target: not valid Unicode text", error);
    }

    [Fact]
    public void TryParse_ByteOrderMark_SkippedAndCountedInOffsets()
    {
        // Arrange
        byte[] good = [0xEF, 0xBB, 0xBF, .. RunManifests.Utf8(RunManifests.WithRun())];
        byte[] bad = [0xEF, 0xBB, 0xBF, .. "{x"u8];

        // Act
        bool goodOk = RunManifestJson.TryParse(good, out _, out string goodError);
        bool badOk = RunManifestJson.TryParse(bad, out _, out string badError);

        // Assert
        Assert.True(goodOk, goodError);
        Assert.False(badOk);
        Assert.Equal("run.json: not JSON at byte 4 (line 1, column 2)", badError);
    }

    [Fact]
    public void TryParse_UnknownPropertiesAndNulls_IgnoredAndAbsent()
    {
        // Arrange
        string json = """
            {
              "wirelens_run_manifest": 1,
              "future": {"x": [1, 2]},
              "capture": {"file": null, "interface": "lo", "snaplen": 65535, "port_range": null},
              "runs": [{
                "label": "a", "tool": "wrk", "start": "2026-01-02T03:04:05Z", "stop": "2026-01-02T03:04:06Z",
                "tool_version": null, "command": null, "target": null, "concurrency": null,
                "summary": {"requests": null, "latency_ms": {"p50": 1.5}, "p75_ms": 3},
                "env": {"GOMAXPROCS": "4"}
              }]
            }
            """;

        // Act
        bool ok = RunManifestJson.TryParse(json, out RunManifest? manifest, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(new CaptureInfo(null, "lo", null, null, null, null), manifest!.Capture);
        RunEntry run = Assert.Single(manifest.Runs);
        Assert.Null(run.ToolVersion);
        Assert.Empty(run.Command);
        Assert.Null(run.Target);
        Assert.Null(run.Concurrency);
        Assert.Null(run.Summary!.Requests);
        Assert.Equal(1.5, Assert.Single(run.Summary.LatencyMs).Value);
    }

    [Fact]
    public void TryParse_NoCaptureNoRuns_EmptyManifest()
    {
        // Act
        bool ok = RunManifestJson.TryParse("""{"wirelens_run_manifest": 1, "capture": null, "runs": []}""", out RunManifest? manifest, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Null(manifest!.Capture);
        Assert.Empty(manifest.Runs);
    }

    [Fact]
    public void TryParse_TooManyRuns_Refused()
    {
        // Arrange
        string run = """{"label": "r", "tool": "wrk", "start": 0, "stop": 0}""";
        string json = $$"""{"wirelens_run_manifest": 1, "runs": [{{string.Join(", ", Enumerable.Repeat(run, RunManifestJson.MaxRuns + 1))}}]}""";

        // Act
        bool ok = RunManifestJson.TryParse(json, out _, out string error);

        // Assert
        Assert.False(ok);
        Assert.Equal("run.json: runs: 1001 runs, more than 1000", error);
    }

    [Fact]
    public void TryParse_LargerThanTheLimit_RefusedUnread()
    {
        // Arrange
        byte[] json = new byte[RunManifestJson.MaxFileBytes + 1];

        // Act
        bool ok = RunManifestJson.TryParse(json, out _, out string error, "big.run.json");

        // Assert
        Assert.False(ok);
        Assert.Equal("big.run.json: larger than 32 MiB", error);
    }

    [Fact]
    public void TryRead_LargeFile_RefusedWithItsName()
    {
        // Arrange
        string path = Path.Combine(_dir, "big.run.json");
        using (FileStream file = File.Create(path))
        {
            file.SetLength(RunManifestJson.MaxFileBytes + 1);
        }

        // Act
        bool ok = RunManifestJson.TryRead(path, out _, out string error);

        // Assert
        Assert.False(ok);
        Assert.Equal("big.run.json: larger than 32 MiB", error);
    }

    [Fact]
    public void TryRead_MissingFileOrDirectory_CannotRead()
    {
        // Act
        bool missing = RunManifestJson.TryRead(Path.Combine(_dir, "none.run.json"), out _, out string missingError);
        bool directory = RunManifestJson.TryRead(_dir, out _, out string directoryError);

        // Assert
        Assert.False(missing);
        Assert.StartsWith("none.run.json: cannot read: ", missingError, StringComparison.Ordinal);
        Assert.False(directory);
        Assert.StartsWith($"{Path.GetFileName(_dir)}: cannot read: ", directoryError, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_BadFile_ErrorNamesTheFile()
    {
        // Arrange
        string path = Path.Combine(_dir, "load.run.json");
        File.WriteAllText(path, """{"wirelens_run_manifest": 9, "runs": []}""");

        // Act
        bool ok = RunManifestJson.TryRead(path, out _, out string error);

        // Assert
        Assert.False(ok);
        Assert.Equal("load.run.json: wirelens_run_manifest: unknown version 9 (this WireLens reads 1)", error);
    }

    [Fact]
    public void TryParse_EveryPrefixAndSeededCorruption_NeverThrows()
    {
        // Arrange
        byte[] valid = RunManifestJson.ToUtf8(RunManifests.Full());
        var random = new Random(20260102);

        // Act / Assert: every answer is a bool and an error line, never an exception. (The last byte is a newline.)
        for (int length = 0; length < valid.Length - 1; length++)
        {
            bool ok = RunManifestJson.TryParse(valid.AsMemory(0, length), out _, out string error);
            Assert.False(ok);
            Assert.DoesNotContain('\n', error);
        }

        for (int i = 0; i < 2000; i++)
        {
            byte[] corrupt = (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            }

            bool ok = RunManifestJson.TryParse(corrupt, out RunManifest? manifest, out string error);
            Assert.Equal(ok, manifest is not null);
            Assert.Equal(ok, error.Length == 0);
            Assert.DoesNotContain('\n', error);
        }
    }

    [Fact]
    public void TryParse_TheExampleInTheDocs_Reads()
    {
        // Arrange
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "run-manifest.md"));
        int start = doc.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        string json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        // Act
        bool ok = RunManifestJson.TryParse(json, out RunManifest? manifest, out string error);

        // Assert
        Assert.True(ok, error);
        Assert.Equal(["wrk", "builtin:keepalive"], manifest!.Runs.Select(r => r.Label));
        Assert.Equal("2026-01-02T03:04:26.500Z", RunManifestJson.FormatTime(manifest.Runs[1].Stop));
    }

    private static void AssertSame(RunManifest expected, RunManifest actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Capture, actual.Capture);
        Assert.Equal(expected.Runs.Count, actual.Runs.Count);
        for (int i = 0; i < expected.Runs.Count; i++)
        {
            RunEntry e = expected.Runs[i];
            RunEntry a = actual.Runs[i];
            Assert.Equal(e.Label, a.Label);
            Assert.Equal(e.Tool, a.Tool);
            Assert.Equal(e.ToolVersion, a.ToolVersion);
            Assert.Equal(e.Command, a.Command);
            Assert.Equal(e.Target, a.Target);
            Assert.Equal(e.Concurrency, a.Concurrency);
            Assert.Equal(e.Start, a.Start);
            Assert.Equal(e.Stop, a.Stop);
            Assert.Equal(e.Summary is null, a.Summary is null);
            if (e.Summary is { } es && a.Summary is { } s)
            {
                Assert.Equal(es with { LatencyMs = s.LatencyMs }, s);
                Assert.Equal(es.LatencyMs.ToArray(), s.LatencyMs.ToArray());
            }
        }
    }
}
