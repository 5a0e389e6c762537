using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Reports;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// `wirelens run --tool X` and `wirelens compare` as a user runs them: the CLI as a child process, each real tool
/// briefly against the embedded target on loopback while WireLens captures, saving the run folder (capture.pcap,
/// run.json, the tool's output) and the CSV report. Each test first checks the saved capture with tshark, so that
/// agreement is never 0 == 0, then asserts the tool's known behaviour from what WireLens wrote: connections.csv per
/// connection against tshark's tcp.stream, the run's tools.csv row, the manifest's summary (what the tool itself said).
/// </summary>
/// <remarks>
/// Loads are kept small (at most 400 requests, wrk for 1 s) and every command is bounded by
/// <see cref="LiveCampaign.Timeout"/>. The counts asserted as exact were exact in every run on a two-core machine
/// shared with other test runs; where a tool may vary (hey's spare connections, ab's unused ones) the bound is the one
/// measured and documented in ToolReportScenarioTests, where the same tools ran against nginx.
/// </remarks>
public sealed class LiveRunTests
{
    private const string Label = "group";

    [Fact]
    public async Task Wrk_Duration_ConcurrencyConnectionsAfterOneProbe_WireCountsAtMostConcurrencyMoreThanWrk()
    {
        // Arrange
        RequireCapture();
        Require.Tool("wrk", "wrk");
        const int connections = 4;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", "wrk", "-c", $"{connections}", "-d", "1");

        // Assert: the manifest, then the wire as tshark reads it.
        SavedRun run = AssertSavedRun(live, "wrk", "wrk", connections, program: "wrk", versionPrinted: true);
        long wrkSays = ToolSaysRequests(run);
        Assert.Equal(connections, run.Entry.Summary!.Connections);
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();

        // wrk 4.1 opens one connection more than -c, first: before its threads start it checks the address with a
        // connect() and close() (wrk.connect, called from wrk.resolve in its Lua prelude). tshark shows it as the
        // first SYN, no request, closed by the client before any of the -c connections is opened.
        Assert.Equal(connections + 1, wire.Count);
        OracleConnection probe = wire.Values.MinBy(o => o.FirstSynNs)!;
        Assert.Equal(0, probe.HttpRequests);
        Assert.Equal(probe.SynSender, probe.FirstFinSender);
        OracleConnection[] loaded = [.. wire.Values.Where(o => o != probe)];
        Assert.All(loaded, o => Assert.True(o.FirstSynNs > probe.FirstFinNs, $"stream {o.Stream} opened before the probe closed"));
        Assert.All(loaded, o => Assert.True(o.HttpRequests > 50, $"stream {o.Stream}: {o.HttpRequests} requests"));

        // wrk counts the responses it read; requests still in flight when the duration ends are on the wire too, at
        // most one per connection.
        long onWire = wire.Values.Sum(o => (long)o.HttpRequests);
        Assert.InRange(onWire, wrkSays, wrkSays + connections);

        // WireLens says the same.
        AssertSynsWithinRun(run, wire);
        AssertConnectionsAgree(live, wire);
        ReportRow wrk = AssertOneGroup(live, run);
        Assert.Equal(connections + 1, wrk.Count("connections"));
        Assert.Equal(onWire, wrk.Count("requests"));
        Assert.True(wrk.Count("requests_per_conn_p50") > 50, $"p50 {wrk.Count("requests_per_conn_p50")}");
    }

    [Fact]
    public async Task Ab_WithoutKeepAlive_OneRequestPerConnection_AbCountEqualsWire()
    {
        // Arrange
        RequireCapture();
        Require.Tool("ab", "apache2-utils");
        const int requests = 200;
        const int concurrency = 4;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", "ab", "-c", $"{concurrency}", "-n", $"{requests}");

        // Assert: ab sends HTTP/1.0 without keep-alive, so each request has a connection of its own. ab also opens
        // connections ahead of need and closes the unused ones at its end (at most one per concurrency slot).
        SavedRun run = AssertSavedRun(live, "ab", "ab", concurrency, program: "ab", versionPrinted: true);
        Assert.Equal(requests, ToolSaysRequests(run));
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();
        OracleConnection[] used = [.. wire.Values.Where(o => o.HttpRequests > 0)];
        Assert.Equal(requests, used.Length);
        Assert.All(used, o => Assert.Equal(1, o.HttpRequests));
        Assert.InRange(wire.Count - used.Length, 0, concurrency);

        AssertSynsWithinRun(run, wire);
        IReadOnlyList<ReportRow> connections = AssertConnectionsAgree(live, wire);
        Assert.All(connections.Where(c => c.Count("http_requests") > 0), c => Assert.Equal("http/1.0", c["http_protocol"]));
        ReportRow ab = AssertOneGroup(live, run);
        Assert.Equal(wire.Count, ab.Count("connections"));
        Assert.Equal(requests, ab.Count("requests"));
        Assert.Equal(1, ab.Count("requests_per_conn_max"));
    }

    [Fact]
    public async Task Hey_KeepAlive_ConcurrencyConnectionsCarryTheRequests_HeyCountEqualsWire()
    {
        // Arrange
        RequireCapture();
        Require.Tool("hey", "hey");
        const int requests = 200;
        const int concurrency = 4;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", "hey", "-c", $"{concurrency}", "-n", $"{requests}");

        // Assert: hey prints no version, so the manifest has none. Go keeps one connection per worker; a worker that
        // asks for a connection just before its last one is back in the pool has Go dial a spare, which may stay
        // unused (with -c 4 against nginx: 4 connections carried the requests, 0 to 3 were unused, in 15 captures).
        SavedRun run = AssertSavedRun(live, "hey", "hey", concurrency, program: "hey", versionPrinted: false);
        Assert.Equal(requests, ToolSaysRequests(run));
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();
        Assert.Equal(requests, wire.Values.Sum(o => o.HttpRequests));
        Assert.Equal(concurrency, wire.Values.Count(o => o.HttpRequests > 0));
        Assert.InRange(wire.Count, concurrency, (2 * concurrency) - 1);

        AssertSynsWithinRun(run, wire);
        AssertConnectionsAgree(live, wire);
        ReportRow hey = AssertOneGroup(live, run);
        Assert.Equal(wire.Count, hey.Count("connections"));
        Assert.Equal(requests, hey.Count("requests"));
    }

    [Fact]
    public async Task H2load_H2c_ConnectionsEqualClients_H2loadCountEqualsStreamsOnWire()
    {
        // Arrange
        RequireCapture();
        Require.Tool("h2load", "nghttp2-client");
        const int requests = 200;
        const int clients = 4;

        // Act: --http2 without a scheme loads the embedded target's h2c endpoint (prior knowledge).
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", "h2load", "--http2", "-c", $"{clients}", "-n", $"{requests}");

        // Assert: a connection per client, -n split evenly over them; a request is a HEADERS frame from the client.
        SavedRun run = AssertSavedRun(live, "h2load", "h2load", clients, program: "h2load", versionPrinted: true);
        Assert.Equal(requests, ToolSaysRequests(run));
        Assert.Equal(clients, run.Entry.Summary!.Connections);
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire(h2c: true);
        Assert.Equal(clients, wire.Count);
        Assert.All(wire.Values, o => Assert.Equal(requests / clients, o.H2ClientStreams.Count));

        AssertSynsWithinRun(run, wire);
        IReadOnlyList<ReportRow> connections = AssertConnectionsAgree(live, wire, h2c: true);
        Assert.All(connections, c => Assert.Equal("h2c", c["http_protocol"]));
        ReportRow h2load = AssertOneGroup(live, run);
        Assert.Equal(clients, h2load.Count("connections"));
        Assert.Equal(requests, h2load.Count("requests"));
        Assert.Equal(requests / clients, h2load.Count("requests_per_conn_max"));
    }

    [Fact]
    public async Task CurlLoop_OneConnectionPerInvocation_CurlCountEqualsWire()
    {
        // Arrange
        RequireCapture();
        Require.Tool("curl", "curl");
        const int invocations = 20;
        const int parallel = 2;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", "curl", "-c", $"{parallel}", "-n", $"{invocations}");

        // Assert: each curl process makes one request on a connection of its own; the loop sums curl's num_connects.
        SavedRun run = AssertSavedRun(live, "curl", "curl", parallel, program: "curl", versionPrinted: true);
        Assert.Equal(invocations, ToolSaysRequests(run));
        Assert.Equal(invocations, run.Entry.Summary!.Connections);
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();
        Assert.Equal(invocations, wire.Count);
        Assert.All(wire.Values, o => Assert.Equal(1, o.HttpRequests));

        AssertSynsWithinRun(run, wire);
        AssertConnectionsAgree(live, wire);
        ReportRow curl = AssertOneGroup(live, run);
        Assert.Equal(invocations, curl.Count("connections"));
        Assert.Equal(invocations, curl.Count("requests"));
        Assert.Equal(1, curl.Count("requests_per_conn_max"));
    }

    [Fact]
    public async Task Siege_ConnectionClose_OneRequestPerConnection_SiegeCountEqualsWire()
    {
        // Arrange
        RequireCapture();
        Require.Tool("siege", "siege");
        const int transactions = 40;
        const int users = 4;

        // Act: -n 40 -c 4 is siege -r 10 with WireLens's resource file (connection = close).
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", "siege", "-c", $"{users}", "-n", $"{transactions}");

        // Assert
        SavedRun run = AssertSavedRun(live, "siege", "siege", users, program: "siege", versionPrinted: true);
        Assert.Equal(transactions, ToolSaysRequests(run));
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();
        Assert.Equal(transactions, wire.Count);
        Assert.All(wire.Values, o => Assert.Equal(1, o.HttpRequests));

        AssertSynsWithinRun(run, wire);
        IReadOnlyList<ReportRow> connections = AssertConnectionsAgree(live, wire);
        Assert.All(connections, c => Assert.Equal("true", c["connection_close"]));
        ReportRow siege = AssertOneGroup(live, run);
        Assert.Equal(transactions, siege.Count("connections"));
        Assert.Equal(transactions, siege.Count("requests"));
        Assert.Equal(1, siege.Count("requests_per_conn_max"));
    }

    [Fact]
    public async Task Builtin_KeepAlive_ConcurrencyConnectionsCarryEveryRequest_CountsEqualWire()
    {
        // Arrange
        RequireCapture();
        const int requests = 400;
        const int workers = 4;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "-c", $"{workers}", "-n", $"{requests}");

        // Assert: the built-in generator is the default tool; it counts the connections it opened itself.
        SavedRun run = AssertSavedRun(live, "builtin:keepalive", "builtin", workers, program: null, versionPrinted: true);
        Assert.Equal(requests, ToolSaysRequests(run));
        Assert.Equal(workers, run.Entry.Summary!.Connections);
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();
        Assert.Equal(workers, wire.Count);
        Assert.Equal(requests, wire.Values.Sum(o => o.HttpRequests));

        AssertSynsWithinRun(run, wire);
        IReadOnlyList<ReportRow> connections = AssertConnectionsAgree(live, wire);
        Assert.All(connections, c => Assert.Equal("http/1.1", c["http_protocol"]));
        ReportRow builtin = AssertOneGroup(live, run);
        Assert.Equal(workers, builtin.Count("connections"));
        Assert.Equal(requests, builtin.Count("requests"));
        Assert.Equal(workers, builtin.Count("tool_says_connections"));
    }

    [Fact]
    public async Task Builtin_CloseProfile_OneConnectionPerRequest_CountsEqualWire()
    {
        // Arrange
        RequireCapture();
        const int requests = 100;
        const int defaultWorkers = 10;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--profile", "close", "-n", $"{requests}");

        // Assert: Connection: close on every request, so every request opens a connection.
        SavedRun run = AssertSavedRun(live, "builtin:close", "builtin", defaultWorkers, program: null, versionPrinted: true);
        Assert.Equal(requests, ToolSaysRequests(run));
        Assert.Equal(requests, run.Entry.Summary!.Connections);
        IReadOnlyDictionary<long, OracleConnection> wire = run.Wire();
        Assert.Equal(requests, wire.Count);
        Assert.All(wire.Values, o => Assert.Equal(1, o.HttpRequests));

        AssertSynsWithinRun(run, wire);
        IReadOnlyList<ReportRow> connections = AssertConnectionsAgree(live, wire);
        Assert.All(connections, c => Assert.Equal("true", c["connection_close"]));
        ReportRow builtin = AssertOneGroup(live, run);
        Assert.Equal(requests, builtin.Count("connections"));
        Assert.Equal(requests, builtin.Count("requests"));
        Assert.Equal(1, builtin.Count("requests_per_conn_max"));
    }

    [Theory]
    [InlineData("ab")] // a connection per request, closed by the server
    [InlineData("builtin")] // four keep-alive connections, closed by the client
    public async Task SavedRun_AnalysedAgainOffline_SameCsvFilesAsTheLiveRun(string tool)
    {
        // Arrange: a run that wrote its CSV report, checked against tshark so the files hold something.
        RequireCapture();
        if (tool == "ab")
        {
            Require.Tool("ab", "apache2-utils");
        }

        const int requests = 200;
        using LiveCampaign live = await LiveCampaign.RunAsync("run", "--tool", tool, "-c", "4", "-n", $"{requests}");
        Assert.True(live.Result.Succeeded, live.Result.Describe("wirelens run"));
        SavedRun run = Assert.Single(live.Runs);
        Assert.Equal(requests, run.Wire().Values.Sum(o => o.HttpRequests));
        string offline = live.NewFolder("offline");

        // Act: the saved capture alone; analyze finds run.json beside it.
        ProcessResult analyze = await LiveCampaign.Cli(["analyze", run.CapturePath, "--csv", offline]);

        // Assert
        Assert.True(analyze.Succeeded, analyze.Describe("wirelens analyze"));
        Assert.Contains($"Run manifest: {Path.Combine(run.Folder, SavedRun.ManifestFile)} (1 runs)", analyze.StdOut, StringComparison.Ordinal);
        AssertSameFile(Path.Combine(live.CsvDirectory, "connections.csv"), Path.Combine(offline, "connections.csv"), hasRows: true);
        AssertSameFile(Path.Combine(live.CsvDirectory, "tools.csv"), Path.Combine(offline, "tools.csv"), hasRows: true);
        AssertSameFile(Path.Combine(live.CsvDirectory, "timeseries.csv"), Path.Combine(offline, "timeseries.csv"), hasRows: true);
        AssertSameFile(Path.Combine(live.CsvDirectory, "findings.csv"), Path.Combine(offline, "findings.csv"), hasRows: false);
        ReportRow group = Assert.Single(ReportRow.ReadAll(Path.Combine(offline, "tools.csv")));
        Assert.Equal(run.Entry.Label, group[Label]);
        Assert.Equal(requests, group.Count("requests"));
    }

    [Fact]
    public async Task Compare_BuiltinThenAb_AFolderAndAReportRowPerRun()
    {
        // Arrange
        RequireCapture();
        Require.Tool("ab", "apache2-utils");
        const int requests = 200;
        const int concurrency = 4;

        // Act
        using LiveCampaign live = await LiveCampaign.RunAsync("compare", "--tools", "builtin,ab", "-c", $"{concurrency}", "-n", $"{requests}");

        // Assert: two run folders, one after the other, each capture holding its own run (tshark).
        Assert.True(live.Result.Succeeded, live.Result.Describe("wirelens compare"));
        IReadOnlyList<SavedRun> runs = live.Runs;
        Assert.Equal(["builtin:keepalive", "ab"], runs.Select(r => r.Entry.Label));
        Assert.True(runs[0].Entry.Stop < runs[1].Entry.Start, "the runs overlap");
        foreach (SavedRun run in runs)
        {
            AssertManifest(run, run.Entry.Label, run.Entry.Label == "ab" ? "ab" : "builtin", concurrency, run.Entry.Label == "ab" ? "ab" : null, versionPrinted: true);
            Assert.Equal(requests, ToolSaysRequests(run));
        }

        IReadOnlyDictionary<long, OracleConnection> builtinWire = runs[0].Wire();
        Assert.Equal(concurrency, builtinWire.Count);
        Assert.Equal(requests, builtinWire.Values.Sum(o => o.HttpRequests));
        IReadOnlyDictionary<long, OracleConnection> abWire = runs[1].Wire();
        Assert.Equal(requests, abWire.Values.Count(o => o.HttpRequests == 1));
        Assert.Equal(requests, abWire.Values.Sum(o => o.HttpRequests));

        // The text report: one table row per run (the group column is 15 wide: builtin:keepalive is cut with '~'),
        // and each tool's own count beside the wire's.
        string[] lines = live.Result.StdOut.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("group ", StringComparison.Ordinal));
        Assert.True(header >= 0, live.Result.StdOut);
        string[] rows = [.. lines.Skip(header + 1).TakeWhile(l => l.Length > 0)];
        Assert.Equal(2, rows.Length);
        Assert.Single(rows, r => r.StartsWith("builtin:keepal", StringComparison.Ordinal));
        Assert.Single(rows, r => r.StartsWith("ab ", StringComparison.Ordinal));
        Assert.Contains($"  builtin:keepalive: requests {requests} vs {requests};", live.Result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"  ab: requests {requests} vs {requests};", live.Result.StdOut, StringComparison.Ordinal);

        // The CSV: a combined tools.csv with exactly the two runs, and each run's own files in a subfolder whose
        // tools.csv row is the combined one.
        IReadOnlyList<ReportRow> groups = ReportRow.ReadAll(Path.Combine(live.CsvDirectory, "tools.csv"));
        Assert.Equal(["ab", "builtin:keepalive"], groups.Select(g => g[Label]).Order(StringComparer.Ordinal));
        ReportRow builtin = groups.Single(g => g[Label] == "builtin:keepalive");
        Assert.Equal(concurrency, builtin.Count("connections"));
        Assert.Equal(requests, builtin.Count("requests"));
        Assert.Equal(requests, builtin.Count("tool_says_requests"));
        ReportRow ab = groups.Single(g => g[Label] == "ab");
        Assert.Equal(abWire.Count, ab.Count("connections"));
        Assert.Equal(requests, ab.Count("requests"));
        Assert.Equal(requests, ab.Count("tool_says_requests"));
        string[] combined = File.ReadAllLines(Path.Combine(live.CsvDirectory, "tools.csv"));
        foreach ((string label, string folder) in new[] { ("builtin:keepalive", "builtin-keepalive"), ("ab", "ab") })
        {
            string dir = Path.Combine(live.CsvDirectory, folder);
            foreach (string file in new[] { "connections.csv", "tools.csv", "timeseries.csv", "findings.csv" })
            {
                Assert.True(File.Exists(Path.Combine(dir, file)), $"compare did not write {folder}/{file}");
            }

            string[] own = File.ReadAllLines(Path.Combine(dir, "tools.csv"));
            Assert.Equal(2, own.Length);
            Assert.Equal(combined[0], own[0]);
            Assert.Contains(own[1], combined);
            Assert.StartsWith(label + ",", own[1], StringComparison.Ordinal);
        }
    }

    /// <summary>Capturing needs root; tshark is the oracle every test reads the capture with.</summary>
    private static void RequireCapture()
    {
        Require.Root();
        Require.Tool("tshark", "tshark");
    }

    /// <summary>
    /// The command exited 0 and saved exactly one run folder with the capture, the tool's output and a manifest
    /// (<see cref="AssertManifest"/>).
    /// </summary>
    private static SavedRun AssertSavedRun(LiveCampaign live, string label, string tool, int concurrency, string? program, bool versionPrinted)
    {
        Assert.True(live.Result.Succeeded, live.Result.Describe("wirelens run"));
        Assert.Contains($"Saved {live.Root}/", live.Result.StdOut, StringComparison.Ordinal);
        SavedRun run = Assert.Single(live.Runs);
        AssertManifest(run, label, tool, concurrency, program, versionPrinted);
        return run;
    }

    /// <summary>
    /// run.json names the capture beside it (taken on lo, nothing dropped) and the run: label, tool, its version when
    /// the tool prints one, the command (<paramref name="program"/> first, when given) with the embedded target's
    /// URL, the concurrency, start before stop and the tool's summary without errors.
    /// </summary>
    private static void AssertManifest(SavedRun run, string label, string tool, int concurrency, string? program, bool versionPrinted)
    {
        Assert.True(File.Exists(run.CapturePath), $"no {run.CapturePath}");
        CaptureInfo? capture = run.Manifest.Capture;
        Assert.NotNull(capture);
        Assert.Equal(SavedRun.CaptureFile, capture.File);
        Assert.Equal("lo", capture.Interface);
        Assert.Equal(0, capture.DroppedByKernel);
        Assert.Equal(0, capture.DroppedByInterface);

        RunEntry entry = run.Entry;
        Assert.Equal(label, entry.Label);
        Assert.Equal(tool, entry.Tool);
        if (versionPrinted)
        {
            Assert.Matches(@"^\d+\.\d+", entry.ToolVersion ?? string.Empty);
        }
        else
        {
            Assert.Null(entry.ToolVersion);
        }

        Assert.NotNull(entry.Target);
        Assert.StartsWith("http://127.0.0.1:", entry.Target, StringComparison.Ordinal);
        Assert.Contains(entry.Target, entry.Command);
        if (program is not null)
        {
            Assert.Equal(program, Path.GetFileName(entry.Command[0]));
        }
        else
        {
            Assert.Contains("load", entry.Command);
        }

        Assert.Equal(concurrency, entry.Concurrency);
        Assert.True(entry.Start < entry.Stop, $"start {entry.Start} not before stop {entry.Stop}");
        Assert.NotNull(entry.Summary);
        Assert.Equal(0, entry.Summary.Errors);
        Assert.NotEqual(string.Empty, run.Text("tool-stdout.txt") + run.Text("tool-stderr.txt"));
    }

    private static long ToolSaysRequests(SavedRun run)
    {
        long? requests = run.Entry.Summary?.Requests;
        Assert.True(requests is not null, $"{run.Folder}: the manifest has no request count of the tool");
        return requests.Value;
    }

    /// <summary>Every connection's SYN lies between the run's start and stop: the manifest's times are the capture's clock.</summary>
    private static void AssertSynsWithinRun(SavedRun run, IReadOnlyDictionary<long, OracleConnection> wire)
    {
        long start = run.Entry.Start.UnixNanoseconds;
        long stop = run.Entry.Stop.UnixNanoseconds;
        Assert.All(wire.Values, o =>
        {
            Assert.NotNull(o.FirstSynNs);
            Assert.InRange(o.FirstSynNs.Value, start, stop);
        });
    }

    /// <summary>
    /// connections.csv has a row per tcp.stream of tshark, under the same stream number, with the client that sent the
    /// SYN and as many requests (HTTP/1 request lines; on h2c the client's HEADERS streams).
    /// </summary>
    private static IReadOnlyList<ReportRow> AssertConnectionsAgree(LiveCampaign live, IReadOnlyDictionary<long, OracleConnection> wire, bool h2c = false)
    {
        IReadOnlyList<ReportRow> connections = ReportRow.ReadAll(Path.Combine(live.CsvDirectory, "connections.csv"));
        Assert.Equal(wire.Keys.Order(), connections.Select(c => c.Count("stream")).Order());
        Assert.All(connections, c =>
        {
            OracleConnection o = wire[c.Count("stream")];
            Assert.Equal(o.SynSender, $"{c["client_ip"]}:{c["client_port"]}");
            Assert.Equal(h2c ? o.H2ClientStreams.Count : o.HttpRequests, c.Count("http_requests"));
        });
        return connections;
    }

    /// <summary>
    /// tools.csv has one group, the run (so every connection fell inside its start and stop), named after the tool by
    /// the manifest, with the tool's own figures beside the wire's.
    /// </summary>
    private static ReportRow AssertOneGroup(LiveCampaign live, SavedRun run)
    {
        IReadOnlyList<ReportRow> groups = ReportRow.ReadAll(Path.Combine(live.CsvDirectory, "tools.csv"));
        ReportRow group = Assert.Single(groups);
        Assert.Equal(run.Entry.Label, group[Label]);
        Assert.Equal(run.Entry.Tool, group["tool"]);
        Assert.Equal("run", group["tool_source"]);
        Assert.Equal(ToolSaysRequests(run), group.Count("tool_says_requests"));
        Assert.Equal(run.Entry.Concurrency, (int)group.Count("run_concurrency"));
        Assert.Equal(run.Entry.ToolVersion ?? string.Empty, group["run_tool_version"]);
        return group;
    }

    /// <summary>The two files are equal byte for byte; on a difference the message shows the first differing line.</summary>
    private static void AssertSameFile(string live, string offline, bool hasRows)
    {
        Assert.True(File.Exists(offline), $"analyze did not write {offline}");
        string[] expected = File.ReadAllLines(live);
        string[] actual = File.ReadAllLines(offline);
        Assert.True(!hasRows || expected.Length > 1, $"{live} has no rows");
        for (int i = 0; i < Math.Min(expected.Length, actual.Length); i++)
        {
            Assert.True(expected[i] == actual[i], $"{Path.GetFileName(live)} line {i + 1} differs\n live:    {expected[i]}\n offline: {actual[i]}");
        }

        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(File.ReadAllBytes(live), File.ReadAllBytes(offline));
    }
}
