using System.CommandLine;
using WireLens.Cli.Live;
using WireLens.Load;
using WireLens.Reporting.Attribution;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens demo`: no arguments needed. Starts the embedded target and compares the built-in generator's profiles
/// (keep-alive, one connection per request, TLS full handshakes, TLS resumed, HTTP/2) and every supported external tool
/// that is installed, each briefly and bounded, under capture; then shows the side-by-side report. Without capture
/// privileges (or with <c>--samples</c>) it analyses the sample captures in captures/ instead, and says why.
/// </summary>
public static class DemoCommand
{
    /// <summary>The demo's concurrency: small, so every tool's behaviour shows and the demo stays short.</summary>
    public const int Connections = 4;

    public static Command Create()
    {
        var live = new LiveOptions();
        var samples = new Option<bool>("--samples") { Description = "Analyse the sample captures in captures/ instead of running the live demo." };
        var command = new Command("demo", "Compare load tools and built-in profiles against the embedded target, under capture.") { samples };
        live.AddTo(command);
        command.SetAction(parse => parse.GetValue(samples)
            ? RunSamples(Console.Out, Console.Error)
            : RunLive(live.Read(parse), Console.Out, Console.Error));
        return command;
    }

    /// <summary>The demo's runs, in order: the built-in profiles, then the external tools.</summary>
    public static IReadOnlyList<CampaignRun> Runs() =>
    [
        Builtin("keepalive", "http", 2000),
        Builtin("close", "http", 500),
        Builtin("tls-full", "https", 300),
        Builtin("tls-resumed", "https", 300),
        Builtin("h2", "https", 2000),
        new("wrk", url => new LoadOptions { Target = url, Connections = Connections, Duration = TimeSpan.FromSeconds(2) }, "http"),
        new("hey", url => new LoadOptions { Target = url, Connections = Connections, Requests = 2000 }, "http"),
        new("ab", url => new LoadOptions { Target = url, Connections = Connections, Requests = 500 }, "http"),
        new("curl", url => new LoadOptions { Target = url, Connections = 2, Requests = 50 }, "http"),
        new("h2load", url => new LoadOptions { Target = url, Connections = Connections, Requests = 2000, Http2 = true }, "h2c"),
        new("siege", url => new LoadOptions { Target = url, Connections = Connections, Requests = 400 }, "http"),
        new("vegeta", url => new LoadOptions { Target = url, Rate = 200, Duration = TimeSpan.FromSeconds(2) }, "http"),
    ];

    private static CampaignRun Builtin(string profile, string scheme, long requests) =>
        new(ToolNames.Builtin, url => new LoadOptions { Target = url, Profile = profile, Connections = Connections, Requests = requests }, scheme);

    public static int RunLive(LiveSettings settings, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (CaptureCheck.Problem(settings.Interface ?? "lo") is { } problem)
        {
            stderr.WriteLine($"wirelens: the live demo cannot capture: {problem}");
            stderr.WriteLine("wirelens: showing the sample captures instead");
            return RunSamples(stdout, stderr);
        }

        stdout.WriteLine("wirelens demo: the embedded target on loopback, loaded by the built-in generator's profiles and by every");
        stdout.WriteLine("installed load tool in turn, each captured into its own folder; then what each did to TCP, side by side.");
        stdout.WriteLine();
        var campaign = new CampaignSettings { Live = settings, Pause = TimeSpan.FromMilliseconds(500), SkipMissingTools = true };
        return Inspection.CampaignUi.Execute(Runs(), campaign, stdout, stderr);
    }

    public static int RunSamples(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        string? captures = RunFolders.CheckoutCaptures(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (captures is null)
        {
            return Cli.Error(stderr, "the sample captures folder (captures/) was not found beside the program", ExitCodes.NoResults);
        }

        string[] files = [.. Directory.GetFiles(captures).Where(IsCapture).Order(StringComparer.Ordinal)];
        if (files.Length == 0)
        {
            return Cli.Error(stderr, $"no sample captures in {captures}", ExitCodes.NoResults);
        }

        stdout.WriteLine($"wirelens demo: analysing the {files.Length} sample captures in {captures}.");
        int worst = ExitCodes.Success;
        foreach (string file in files)
        {
            stdout.WriteLine();
            stdout.WriteLine(new string('=', 100));
            stdout.WriteLine($"wirelens analyze {Path.GetRelativePath(Directory.GetCurrentDirectory(), file)}");
            stdout.WriteLine(new string('=', 100));
            int code = AnalyzeCommand.Run(new AnalyzeArguments(file, null, null, null, 300), stdout, stderr);
            worst = Math.Max(worst, code);
        }

        return worst;
    }

    private static bool IsCapture(string path) =>
        path.EndsWith(".pcap", StringComparison.Ordinal) || path.EndsWith(".pcapng", StringComparison.Ordinal)
        || path.EndsWith(".pcap.gz", StringComparison.Ordinal) || path.EndsWith(".pcapng.gz", StringComparison.Ordinal);
}
