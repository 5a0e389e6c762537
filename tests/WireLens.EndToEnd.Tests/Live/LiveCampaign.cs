using WireLens.Load.Processes;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// One `wirelens run` or `wirelens compare` started as a child process (<see cref="CliUnderTest"/>: the launcher's
/// native build under ./test.sh) against the embedded target, saving under a fresh temporary folder with
/// <c>--out ROOT --csv ROOT/csv</c>; and what it saved there. Disposing deletes the folder.
/// </summary>
public sealed class LiveCampaign : IDisposable
{
    /// <summary>
    /// Upper bound for one command: the runs take a few seconds (the embedded target's start, 100 ms of capture before
    /// the tool, the tool, 300 ms after it, the analysis), so this only stops a hung command from hanging the suite.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private LiveCampaign(string root, ProcessResult result)
    {
        Root = root;
        Result = result;
    }

    /// <summary>The folder given as <c>--out</c>: one subfolder per run, and <c>csv/</c>.</summary>
    public string Root { get; }

    /// <summary>The folder given as <c>--csv</c>.</summary>
    public string CsvDirectory => Path.Combine(Root, "csv");

    /// <summary>The command's exit code and output.</summary>
    public ProcessResult Result { get; }

    /// <summary>The run folders under <see cref="Root"/> (those with a run.json), in the order the runs started.</summary>
    public IReadOnlyList<SavedRun> Runs =>
        [.. Directory.GetDirectories(Root)
            .Where(d => File.Exists(Path.Combine(d, SavedRun.ManifestFile)))
            .Select(SavedRun.Read)
            .OrderBy(r => r.Entry.Start)];

    /// <summary>Runs <c>wirelens COMMAND ARGUMENTS --out ROOT --csv ROOT/csv</c> to its end (or <see cref="Timeout"/>).</summary>
    public static async Task<LiveCampaign> RunAsync(string command, params string[] arguments)
    {
        string root = TestPaths.NewTempDirectory("wl-live");
        ProcessResult result = await Cli([command, .. arguments, "--out", root, "--csv", Path.Combine(root, "csv")]);
        return new LiveCampaign(root, result);
    }

    /// <summary>The CLI as a child process, with <paramref name="arguments"/> after the program.</summary>
    public static Task<ProcessResult> Cli(IReadOnlyList<string> arguments)
    {
        (string file, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();
        return ProcessRunner.RunAsync(file, [.. prefix, .. arguments], Timeout);
    }

    /// <summary>A subfolder of <see cref="Root"/> for files a test writes itself.</summary>
    public string NewFolder(string name)
    {
        string path = Path.Combine(Root, "test-" + name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in the temp directory does no harm.
        }
    }
}
