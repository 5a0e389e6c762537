using WireLens.Load.Tools;
using WireLens.Testing;

namespace WireLens.UnitTests.Load.Parsing;

/// <summary>The recorded outputs of tests/golden/tool-output (see its README).</summary>
internal static class ToolOutput
{
    public static string Directory => Path.Combine(TestPaths.Golden, "tool-output");

    /// <summary>The text of one recorded file, e.g. "vegeta-success.txt" or "wrk-success.stdout.txt".</summary>
    public static string Text(string file) => File.ReadAllText(Path.Combine(Directory, file));

    /// <summary>The recorded standard output and error of <paramref name="name"/> ("wrk-success") as a LoadOutput.</summary>
    public static LoadOutput Load(string name, int exitCode = 0, TimeSpan? elapsed = null) =>
        new(Text(name + ".stdout.txt"), Text(name + ".stderr.txt"), exitCode, 1, exitCode == 0 ? 0 : 1) { Elapsed = elapsed };
}
