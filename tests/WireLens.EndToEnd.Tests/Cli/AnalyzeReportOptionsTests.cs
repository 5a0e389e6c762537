using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.Cli;
using WireLens.Cli.Commands;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Reporting.Runs;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.EndToEnd.Tests.Cli;

/// <summary>
/// `wirelens analyze` with the per-group report's options on committed samples: files and JSON sections, run manifests
/// (found beside the capture, given, broken), --fail-on, and one-line errors for bad values.
/// </summary>
public sealed class AnalyzeReportOptionsTests
{
    private static readonly string s_ab = Path.Combine(TestPaths.Captures, "ab-no-keepalive.pcap");

    [Fact]
    public void Csv_WritesToolsTimeSeriesAndFindings()
    {
        string dir = TestPaths.NewTempDirectory();

        (int exit, string stdout, string stderr) = Run(new AnalyzeArguments(s_ab, dir, null, null, 300));

        Assert.Equal((ExitCodes.Success, string.Empty), (exit, stderr));
        string[] tools = File.ReadAllLines(Path.Combine(dir, "tools.csv"));
        Assert.StartsWith("group,tool,tool_source,connections,requests,requests_estimated,", tools[0], StringComparison.Ordinal);
        Assert.StartsWith("ab,ab,user-agent,100,100,0,1.000,1,1,", tools[1], StringComparison.Ordinal);
        Assert.StartsWith("unknown,unknown,unknown,3,0,0,0.000,0,0,", tools[2], StringComparison.Ordinal);
        string[] findings = File.ReadAllLines(Path.Combine(dir, "findings.csv"));
        Assert.Equal("severity,rule,group,statement,advice", findings[0]);
        Assert.Equal(["warning,no-reuse,ab", "warning,server-time-wait,ab"], findings.Skip(1).Select(l => string.Join(',', l.Split(',')[..3])));
        Assert.StartsWith("group,second,opened,closed,requests,", File.ReadAllLines(Path.Combine(dir, "timeseries.csv"))[0], StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Contains("Findings (2)", stdout, StringComparison.Ordinal);
        Assert.True(stdout.IndexOf("Connection behaviour by tool", StringComparison.Ordinal) < stdout.IndexOf("Capture\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_HasToolsTimeSeriesAndFindings()
    {
        string dir = TestPaths.NewTempDirectory();
        string json = Path.Combine(dir, "r.json");

        (int exit, _, _) = Run(new AnalyzeArguments(s_ab, null, json, null, 300));

        Assert.Equal(ExitCodes.Success, exit);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement root = doc.RootElement;
        Assert.Equal(["summary", "tools", "timeseries", "findings", "connections"], root.EnumerateObject().Select(p => p.Name));
        JsonElement ab = root.GetProperty("tools")[0];
        Assert.Equal(("ab", 100L, 100L), (ab.GetProperty("group").GetString(), ab.GetProperty("connections").GetInt64(), ab.GetProperty("time_wait_server").GetInt64()));
        Assert.Equal(JsonValueKind.Null, ab.GetProperty("tls_ch_to_sh_full_p50_ms").ValueKind);
        Assert.Equal(["no-reuse", "server-time-wait"], root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal(100, root.GetProperty("connections").EnumerateArray().Count(c => c.GetProperty("tool").GetString() == "ab"));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("summary").GetProperty("capture").GetProperty("capturer").ValueKind);
    }

    [Theory]
    [InlineData("warning", ExitCodes.FailOn)]
    [InlineData("error", ExitCodes.Success)]
    public void FailOn_WarningsPresent_ExitsThreeAtWarning(string failOn, int expected)
    {
        (int exit, _, string stderr) = Run(new AnalyzeArguments(s_ab, null, null, null, 300) { FailOn = failOn });

        Assert.Equal((expected, string.Empty), (exit, stderr));
    }

    [Fact]
    public void Manifest_BesideTheCapture_GroupsByRunWithItsPortRange()
    {
        // Arrange: curl-loop (ten connections, the client closes first and holds TIME_WAIT) copied into a folder with
        // NAME.run.json describing two runs that split its connections, and a port range of 77 ports.
        string dir = TestPaths.NewTempDirectory();
        string capture = Path.Combine(dir, "load.pcap");
        string curlLoop = Path.Combine(TestPaths.Captures, "curl-loop.pcap");
        File.Copy(curlLoop, capture);
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(curlLoop);
        Assert.Equal(10, records.Count(r => r.ClientTimeWaitTime is not null));
        List<Timestamp> opens = [.. records.Select(r => r.SynTime ?? r.FirstTime).Order()];
        Timestamp middle = opens[opens.Count / 2];
        RunManifest manifest = new(
            RunManifest.CurrentVersion,
            new CaptureInfo("load.pcap", "lo", new PortRange(1024, 1100), 2036, 0, 0),
            [
                Run("first", opens[0], new Timestamp(middle.UnixNanoseconds - 1)),
                Run("second", middle, opens[^1]),
            ]);
        RunManifestJson.Write(Path.Combine(dir, "load.run.json"), manifest);
        string csv = Path.Combine(dir, "out");

        // Act
        string json = Path.Combine(dir, "report.json");
        (int exit, string stdout, string stderr) = Run(new AnalyzeArguments(capture, csv, json, null, 300));

        // Assert
        Assert.Equal((ExitCodes.Success, string.Empty), (exit, stderr));
        Assert.Contains("Run manifest: ", stdout, StringComparison.Ordinal);
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            JsonElement capturer = doc.RootElement.GetProperty("summary").GetProperty("capture").GetProperty("capturer");
            Assert.Equal((2036L, 0L, 0L), (capturer.GetProperty("received").GetInt64(), capturer.GetProperty("dropped_by_kernel").GetInt64(), capturer.GetProperty("dropped_by_interface").GetInt64()));
            Assert.Equal(JsonValueKind.Null, capturer.GetProperty("dropped_by_queue").ValueKind);
        }

        Assert.Contains("Connection behaviour by run", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n  Capturer received +2,036\n  Capturer dropped +0 by the kernel, 0 by the interface\n", stdout.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("Not analysed live", stdout, StringComparison.Ordinal);
        List<Dictionary<string, string>> rows = ReadCsv(Path.Combine(csv, "tools.csv"));
        Assert.Equal(["first", "second"], rows.Select(r => r["group"]).Order());
        Assert.All(rows, r => Assert.Equal(("curl", "run", "77"), (r["tool"], r["tool_source"], r["port_exhaustion_ports"])));
        Assert.Equal(records.Count, rows.Sum(r => int.Parse(r["connections"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(opens.Count / 2, int.Parse(rows.Single(r => r["group"] == "first")["connections"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Manifest_NoManifest_GroupsByTool()
    {
        string dir = TestPaths.NewTempDirectory();
        string capture = Path.Combine(dir, "load.pcap");
        File.Copy(s_ab, capture);
        File.WriteAllText(Path.Combine(dir, "load.run.json"), "{ not json");

        (int exit, string stdout, string stderr) = Run(new AnalyzeArguments(capture, null, null, null, 300) { NoManifest = true });

        Assert.Equal((ExitCodes.Success, string.Empty), (exit, stderr));
        Assert.Contains("Connection behaviour by tool", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_BrokenBesideTheCapture_OneLineErrorNamingIt()
    {
        string dir = TestPaths.NewTempDirectory();
        string capture = Path.Combine(dir, "load.pcap");
        File.Copy(s_ab, capture);
        File.WriteAllText(Path.Combine(dir, "load.run.json"), "{\"wirelens_run_manifest\": 1, \"runs\": [{\"label\": 7}]}");

        (int exit, string stdout, string stderr) = Run(new AnalyzeArguments(capture, null, null, null, 300));

        Assert.Equal((ExitCodes.NoResults, string.Empty), (exit, stdout));
        AssertOneLine(stderr, "load.run.json");
        Assert.Contains("--no-manifest", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("group-by", "--group-by must be run, tool, client, server or none")]
    [InlineData("group-by-run", "--group-by run needs a run manifest")]
    [InlineData("port-range", "--port-range must be LOW-HIGH")]
    [InlineData("time-wait", "--time-wait must be a positive number")]
    [InlineData("max-connections", "--max-connections must be at least 1")]
    [InlineData("fail-on", "--fail-on must be warning or error")]
    [InlineData("threshold", "no-such-threshold")]
    [InlineData("manifest-and-none", "--manifest and --no-manifest exclude each other")]
    [InlineData("manifest-missing", "missing.json")]
    public void BadReportOption_OneLineErrorExitOne(string option, string expected)
    {
        var args = new AnalyzeArguments(s_ab, null, null, null, 300);
        args = option switch
        {
            "group-by" => args with { GroupBy = "tools\u001b[2J" },
            "group-by-run" => args with { GroupBy = "run" },
            "port-range" => args with { PortRange = "60999-32768" },
            "time-wait" => args with { TimeWaitSeconds = 0 },
            "max-connections" => args with { MaxConnections = 0 },
            "fail-on" => args with { FailOn = "info" },
            "threshold" => args with { Thresholds = ["no-such-threshold=1"] },
            "manifest-and-none" => args with { Manifest = "x.json", NoManifest = true },
            "manifest-missing" => args with { Manifest = Path.Combine(TestPaths.NewTempDirectory(), "missing.json") },
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };

        (int exit, string stdout, string stderr) = Run(args);

        Assert.Equal((ExitCodes.NoResults, string.Empty), (exit, stdout));
        AssertOneLine(stderr, expected);
        Assert.DoesNotContain('\u001b', stderr);
    }

    private static RunEntry Run(string label, Timestamp start, Timestamp stop) =>
        new(label, "curl", "7.88.1", ["sh", "-c", "for i in 1 2 3 4 5; do curl -s http://127.0.0.1:18480/; done"], "http://127.0.0.1:18480/", 1, start, stop, null);

    private static (int Exit, string Stdout, string Stderr) Run(AnalyzeArguments args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = AnalyzeCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        // tools.csv of these samples has no quoted cells (asserted: no quote character at all).
        string[] lines = File.ReadAllLines(path);
        Assert.DoesNotContain(lines, l => l.Contains('"', StringComparison.Ordinal));
        string[] header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static void AssertOneLine(string stderr, string expected)
    {
        string[] lines = stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"expected one line, got:\n{stderr}");
        Assert.StartsWith("wirelens: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
