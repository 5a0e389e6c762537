using System.CommandLine;

namespace WireLens.Cli.Commands;

/// <summary>
/// `wirelens demo`: until the live demo exists (embedded target, generators, capture), it analyses the sample
/// captures shipped in captures/ and says so.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Show what WireLens reports, on the sample captures in captures/.");
        command.SetAction(_ => Run(Console.Out, Console.Error));
        return command;
    }

    public static int Run(TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        string? captures = FindCaptures();
        if (captures is null)
        {
            return Cli.Error(stderr, "the sample captures folder (captures/) was not found beside the program", ExitCodes.NoResults);
        }

        string[] files = [.. Directory.GetFiles(captures).Where(IsCapture).Order(StringComparer.Ordinal)];
        if (files.Length == 0)
        {
            return Cli.Error(stderr, $"no sample captures in {captures}", ExitCodes.NoResults);
        }

        stdout.WriteLine("wirelens demo: the live demo (embedded target, load generators, live capture) is not built yet;");
        stdout.WriteLine($"analysing the {files.Length} sample captures in {captures} instead.");
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

    private static string? FindCaptures()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? dir = start; dir is not null; dir = Path.GetDirectoryName(dir))
            {
                string candidate = Path.Combine(dir, "captures");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir, "WireLens.sln")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
