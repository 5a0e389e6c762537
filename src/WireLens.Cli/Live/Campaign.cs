using System.Globalization;
using WireLens.Cli.Commands;
using WireLens.Load;
using WireLens.Load.Builtin;
using WireLens.Load.Target;
using WireLens.Load.Tools;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Csv;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Runs;

namespace WireLens.Cli.Live;

/// <summary>One run of a campaign before its target is known: the tool and how to make its options for a URL.</summary>
/// <param name="Tool">The tool's name (<c>wrk</c>, <c>builtin</c>).</param>
/// <param name="Options">The options for the run's URL.</param>
/// <param name="Scheme">Which endpoint of the embedded target (<see cref="LoadTargets.EmbeddedScheme"/>).</param>
public sealed record CampaignRun(string Tool, Func<Uri, LoadOptions> Options, string Scheme);

/// <summary>What a campaign needs beyond its runs.</summary>
public sealed record CampaignSettings
{
    /// <summary><c>--target</c>, or null for the embedded target.</summary>
    public string? Target { get; init; }

    public required LiveSettings Live { get; init; }

    /// <summary>The pause between two runs.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Leave out runs whose tool is not installed (the demo) instead of refusing to start.</summary>
    public bool SkipMissingTools { get; init; }

    /// <summary>The stop signal to use (the terminal UI requests stops through it); null: the campaign makes its own.</summary>
    public StopSignal? Signal { get; init; }

    /// <summary>The terminal UI's feed, told what the campaign does; null without the UI.</summary>
    public Inspection.CampaignInspection? Inspection { get; init; }
}

/// <summary>
/// <c>run</c>, <c>compare</c> and <c>demo</c>: check every run can be made, start the embedded target when no target is
/// given, capture each run in turn into its own folder, then report — a single run as <c>analyze</c> reports its saved
/// capture, several side by side with a row per run.
/// </summary>
public static class Campaign
{
    public static int Execute(IReadOnlyList<CampaignRun> runs, CampaignSettings settings, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (settings.Live.Problem() is { } problem)
        {
            return Cli.Error(stderr, problem, ExitCodes.NoResults);
        }

        LoadTools tools = LoadTools.Create(new BuiltinTool());
        var located = new List<(CampaignRun Run, ILoadTool Tool, string Executable)>();
        foreach (CampaignRun run in runs)
        {
            if (!tools.TryGet(run.Tool, out ILoadTool? tool))
            {
                return Cli.Error(stderr, $"unknown tool \"{run.Tool}\"; known: {string.Join(", ", tools.All.Select(t => t.Name))}", ExitCodes.NoResults);
            }

            if (tool.Locate() is not { } executable)
            {
                if (settings.SkipMissingTools)
                {
                    stderr.WriteLine($"wirelens: skipping {tool.Name}: {LoadTools.NotInstalled(tool)}");
                    continue;
                }

                return Cli.Error(stderr, LoadTools.NotInstalled(tool), ExitCodes.NoResults);
            }

            located.Add((run, tool, executable));
        }

        if (located.Count == 0)
        {
            return Cli.Error(stderr, "no load tool to run", ExitCodes.NoResults);
        }

        using StopSignal? own = settings.Signal is null ? new StopSignal() : null;
        StopSignal signal = settings.Signal ?? own!;
        Inspection.CampaignInspection? inspection = settings.Inspection;
        Uri? given = null;
        if (settings.Target is { } text)
        {
            given = LoadTargets.TryParse(text, out string targetProblem);
            if (given is null)
            {
                return Cli.Error(stderr, targetProblem, ExitCodes.NoResults);
            }

            if (LoadTargets.Unreachable(given) is { } unreachable)
            {
                return Cli.Error(stderr, unreachable, ExitCodes.NoResults);
            }
        }

        EmbeddedTarget? embedded = null;
        try
        {
            if (given is null)
            {
                try
                {
                    embedded = EmbeddedTarget.StartAsync(new EmbeddedTargetSettings(), signal.Token).GetAwaiter().GetResult();
                }
                catch (EmbeddedTargetException e)
                {
                    return Cli.Error(stderr, e.Message, ExitCodes.NoResults);
                }
                catch (OperationCanceledException)
                {
                    return ExitCodes.Interrupted;
                }

                stderr.WriteLine($"wirelens: embedded target (pid {embedded.ProcessId}): {embedded.HttpUrl} (HTTP/1.1), {embedded.HttpsUrl} (TLS, h1/h2), {embedded.H2cUrl} (h2c)");
            }

            // Every plan is made before anything runs: a tool that cannot do what was asked stops the campaign up front.
            var requests = new List<LoadRunRequest>();
            var labels = new HashSet<string>(StringComparer.Ordinal);
            foreach ((CampaignRun run, ILoadTool tool, string executable) in located)
            {
                Uri url = given ?? Endpoint(embedded!, run.Scheme, tool.Name == ToolNames.Builtin);
                LoadOptions options = run.Options(url);
                if (embedded is not null && url.Scheme == "https")
                {
                    options = options with { Insecure = true };
                }

                if (!tool.TryPlan(options, executable, out LoadPlan? plan, out string planProblem))
                {
                    if (settings.SkipMissingTools)
                    {
                        stderr.WriteLine($"wirelens: skipping {tool.Name}: {planProblem}");
                        continue;
                    }

                    return Cli.Error(stderr, $"{tool.Name}: {planProblem}", ExitCodes.NoResults);
                }

                string name = tool.Name == ToolNames.Builtin ? BuiltinTool.Label(options) : tool.Name;
                string label = name;
                for (int i = 2; !labels.Add(label); i++)
                {
                    label = $"{name}-{i}";
                }

                requests.Add(new LoadRunRequest(label, tool, executable, plan!, options));
            }

            inspection?.Planned(requests.Count);
            var captured = new List<CapturedRun>();
            foreach (LoadRunRequest request in requests)
            {
                if (signal.Token.IsCancellationRequested)
                {
                    break;
                }

                if (captured.Count > 0 && signal.Token.WaitHandle.WaitOne(settings.Pause))
                {
                    break;
                }

                Uri url = request.Options.Target;
                CapturedRun? done = CapturedLoadRun.Run(
                    request, settings.Live, settings.Live.Interface ?? LoadTargets.DefaultInterface(url),
                    settings.Live.Filter ?? LoadTargets.DefaultFilter(url), url.ToString(), stderr, out string captureError, signal.Token, inspection);
                if (done is null)
                {
                    return Cli.Error(stderr, captureError, ExitCodes.NoResults);
                }

                captured.Add(done);
            }

            inspection?.Analysing();
            int code = captured.Count switch
            {
                0 => ExitCodes.Interrupted,
                1 => ReportOne(captured[0], settings.Live, stdout, stderr, inspection),
                _ => ReportSideBySide(captured, settings.Live, stdout, stderr, inspection),
            };
            if (signal.Signalled)
            {
                return ExitCodes.Interrupted;
            }

            return ToolFailures(captured, stderr) && code == ExitCodes.Success ? ExitCodes.NoResults : code;
        }
        finally
        {
            embedded?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Says which tools exited non-zero (with the first line they wrote on standard error); true when one of them also
    /// left no packet in its capture: then the run has no results, whatever the report says.
    /// </summary>
    private static bool ToolFailures(IReadOnlyList<CapturedRun> runs, TextWriter stderr)
    {
        bool failed = false;
        foreach (CapturedRun run in runs)
        {
            if (run.Result is not { Interrupted: false } result || result.Output.ExitCode == 0)
            {
                continue;
            }

            string? said = result.Output.Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
                ?? result.Output.Stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            string detail = said is null ? string.Empty : ": " + Reporting.Text.WireText.EscapeControl(said.Length > 200 ? said[..200] : said);
            bool nothing = run.Statistics.Written == 0;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wirelens: {(nothing ? "error" : "warning")}: {run.Request.Label}: {result.Tool} exited with {result.Output.ExitCode}{detail}"));
            failed |= nothing;
        }

        return failed;
    }

    // The built-in generator reaches HTTPS by host name: .NET resumes TLS sessions per server name (SNI) and an IP
    // address sends none, so tls-resumed needs one (the certificate names localhost, and the generator connects
    // localhost as 127.0.0.1 first). Other tools get the address: one that follows a resolver listing ::1 first would
    // begin each connection with a refused IPv6 attempt, since the target listens on 127.0.0.1 only.
    private static Uri Endpoint(EmbeddedTarget target, string scheme, bool builtin) => scheme switch
    {
        "https" => builtin ? new UriBuilder(target.HttpsUrl) { Host = "localhost" }.Uri : target.HttpsUrl,
        "h2c" => target.H2cUrl,
        _ => target.HttpUrl,
    };

    private static int ReportOne(CapturedRun run, LiveSettings live, TextWriter stdout, TextWriter stderr, Inspection.CampaignInspection? inspection)
    {
        LiveReport.WriteSaved(stdout, run.CapturePath, run.ManifestPath, run.Statistics, sockets: 0);
        int code = AnalyzeCommand.Run(
            live.AnalyzeArguments(run.CapturePath, run.ManifestPath, groupBy: null), stdout, stderr, inspection?.FinalHooks(0), out AnalysisReport? report);
        if (report is not null)
        {
            inspection?.Finished(report.Tools, report.Findings, report.Summary.Capture.FirstPacketTime, report.Summary.Capture.PacketsRead);
        }

        return code;
    }

    private static int ReportSideBySide(
        List<CapturedRun> runs, LiveSettings live, TextWriter stdout, TextWriter stderr, Inspection.CampaignInspection? inspection)
    {
        Wire.Timestamp? origin = null;
        long packets = 0;
        var groups = new List<GroupReport>();
        var series = new List<TimeSeriesRow>();
        var findings = new List<Finding>();
        var entries = new List<RunEntry>();
        ToolsReport? first = null;
        int worst = ExitCodes.Success;
        for (int index = 0; index < runs.Count; index++)
        {
            CapturedRun run = runs[index];
            string label = run.Request.Label;
            LiveSettings one = live with
            {
                Csv = live.Csv is null ? null : Path.Combine(live.Csv, RunFolders.SafeName(label)),
                Json = live.Json is null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(live.Json))!, $"{Path.GetFileNameWithoutExtension(live.Json)}-{RunFolders.SafeName(label)}.json"),
                FailOn = null,
            };
            int code = AnalyzeCommand.Run(
                one.AnalyzeArguments(run.CapturePath, run.ManifestPath, groupBy: "run"), TextWriter.Null, stderr, inspection?.FinalHooks(index), out AnalysisReport? report);
            worst = code == ExitCodes.Damaged ? ExitCodes.Damaged : worst;
            if (report is null)
            {
                continue;
            }

            first ??= report.Tools;
            origin ??= report.Summary.Capture.FirstPacketTime;
            packets += report.Summary.Capture.PacketsRead;
            groups.AddRange(report.Tools.Groups.Where(g => g.Group == label));
            series.AddRange(report.Tools.TimeSeries.Where(r => r.Group == label));
            findings.AddRange(report.Findings
                .Where(f => f.Group == label || f.Group == FindingEngine.CaptureGroup)
                .Select(f => f.Group == FindingEngine.CaptureGroup ? f with { Group = label } : f));
            entries.AddRange(report.Tools.Manifest?.Runs ?? []);
            LiveReport.WriteSaved(stdout, run.CapturePath, run.ManifestPath, run.Statistics, sockets: 0, blankLine: false);
        }

        stdout.WriteLine();
        if (first is null)
        {
            return Cli.Error(stderr, "no run could be analysed", ExitCodes.NoResults);
        }

        var combined = first with
        {
            Groups = groups,
            TimeSeries = series,
            GroupBy = "run",
            Manifest = new RunManifest(RunManifest.CurrentVersion, null, entries),
        };
        IReadOnlyList<Finding> ordered = [.. findings.OrderByDescending(f => f.Severity)];
        inspection?.Finished(combined, ordered, origin, packets);
        Reporting.Text.ToolsTextWriter.Write(stdout, combined, ordered);
        if (live.Csv is not null)
        {
            Directory.CreateDirectory(live.Csv);
            (string toolsPath, string seriesPath) = ToolsCsvWriter.Write(live.Csv, combined);
            string findingsPath = FindingsCsvWriter.WriteFile(live.Csv, ordered);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {toolsPath} ({combined.Groups.Count} runs), {seriesPath}, {findingsPath}; each run's files in {live.Csv}/<run>/"));
        }

        if (worst != ExitCodes.Success)
        {
            return worst;
        }

        return ReportSettings.TryParseFailOn(live.FailOn, out FindingSeverity? failOn, out _) && failOn is { } severity
            && FindingEngine.FailsOn(ordered, severity) ? ExitCodes.FailOn : ExitCodes.Success;
    }
}
