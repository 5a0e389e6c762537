using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Reports;
using WireLens.Load.Processes;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// `wirelens demo`, the README's first command, as a user runs it (with --out and --csv so the test can read what it
/// saved): every built-in profile and every installed tool runs against the embedded target under capture, and the
/// side-by-side report shows each one's known behaviour, each run's connections first counted by tshark.
/// </summary>
public class LiveDemoTests
{
    // A hang guard, not a speed goal: the demo takes about 30 s alone on 2 cores (bench/README.md has timings).
    private static readonly TimeSpan s_bound = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Demo_ComparesTheBuiltinProfilesAndEveryInstalledTool()
    {
        Require.Root();
        foreach ((string tool, string package) in new[]
        {
            ("wrk", "wrk"), ("hey", "hey"), ("ab", "apache2-utils"), ("curl", "curl"), ("h2load", "nghttp2-client"), ("siege", "siege"),
        })
        {
            Require.Tool(tool, package);
        }

        string root = TestPaths.NewTempDirectory("wl-demo");
        try
        {
            (string file, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();
            ProcessResult result = await ProcessRunner.RunAsync(
                file, [.. prefix, "demo", "--out", root, "--csv", Path.Combine(root, "csv")], s_bound);

            Assert.True(result.ExitCode == 0, $"demo exited with {result.ExitCode}:\n{result.StdErr}");
            string[] labels =
            [
                "builtin:keepalive", "builtin:close", "builtin:tls-full", "builtin:tls-resumed", "builtin:h2",
                "wrk", "hey", "ab", "curl", "h2load", "siege",
            ];

            // First the wire: each run's capture, read by tshark, has the connections its row counts.
            var runs = Directory.GetDirectories(root).Where(d => File.Exists(Path.Combine(d, SavedRun.ManifestFile)))
                .Select(SavedRun.Read).OrderBy(r => r.Entry.Start).ToList();
            Assert.Equal(labels, runs.Select(r => r.Entry.Label));
            var rows = ReportRow.ReadAll(Path.Combine(root, "csv", "tools.csv")).ToDictionary(r => r["group"]);
            Assert.Equal(labels.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
            foreach (SavedRun run in runs)
            {
                int wireConnections = run.Wire(h2c: run.Entry.Label == "h2load").Count;
                Assert.True(wireConnections > 0, $"{run.Entry.Label}: tshark sees no connection in {run.CapturePath}");
                Assert.Equal(wireConnections, rows[run.Entry.Label].Count("connections"));
            }

            // Then what each is known for.
            Assert.Equal(4, rows["builtin:keepalive"].Count("connections"));
            Assert.Equal(2000, rows["builtin:keepalive"].Count("requests"));
            Assert.Equal(500, rows["builtin:close"].Count("connections"));
            Assert.Equal(300, rows["builtin:tls-full"].Count("tls_full"));
            Assert.Equal(0, rows["builtin:tls-full"].Count("tls_resumed"));
            Assert.InRange(rows["builtin:tls-resumed"].Count("tls_resumed"), 250, 299);
            // HTTP/2 over TLS 1.3: the server's ALPN choice is encrypted (tls_alpn says "encrypted=4"), but 4 TLS
            // connections carried the 2,000 requests.
            Assert.Equal(4, rows["builtin:h2"].Count("connections"));
            Assert.Equal(4, rows["builtin:h2"].Count("tls_handshakes"));
            Assert.Equal(2000, rows["builtin:h2"].Count("tool_says_requests"));
            Assert.True(rows["wrk"].Count("requests_per_conn_max") > 100);
            Assert.InRange(rows["ab"].Number("requests_per_conn_mean"), 0.95, 1.0);
            Assert.Equal(50, rows["curl"].Count("connections"));
            foreach (string counted in new[] { "builtin:keepalive", "builtin:close", "hey", "ab", "curl", "h2load", "siege" })
            {
                Assert.Equal(rows[counted].Count("tool_says_requests"), rows[counted].Count("requests"));
            }

            Assert.Contains("Connection behaviour by run", result.StdOut, StringComparison.Ordinal);
            if (Require.FindOnPath("vegeta") is null)
            {
                Assert.Contains("skipping vegeta: vegeta is not installed", result.StdErr, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
