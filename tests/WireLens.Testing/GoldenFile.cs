using System.Text;

namespace WireLens.Testing;

/// <summary>
/// Golden-file (baseline) comparison in the Zeek btest / CSharpier style. Baselines live under tests/golden.
/// On a mismatch the actual text is written beside the baseline as `NAME.actual.EXT` (git-ignored) and the test fails
/// with the first differing lines. With WIRELENS_UPDATE_GOLDEN=1 the baseline is rewritten instead and the test passes.
/// Line endings are compared as '\n'.
/// </summary>
public static class GoldenFile
{
    /// <summary>The environment variable that turns a comparison into a baseline update.</summary>
    public const string UpdateVariable = "WIRELENS_UPDATE_GOLDEN";

    private const int ContextLines = 3;
    private const int MaxDifferences = 5;

    /// <summary>True when <see cref="UpdateVariable"/> is "1".</summary>
    public static bool UpdateRequested => System.Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Compares <paramref name="actual"/> with tests/golden/<paramref name="relativePath"/>.</summary>
    public static void Assert(string relativePath, string actual) =>
        AssertAt(TestPaths.Golden, relativePath, actual, UpdateRequested);

    /// <summary>
    /// Compares <paramref name="actual"/> with <paramref name="rootDirectory"/>/<paramref name="relativePath"/>;
    /// <paramref name="update"/> rewrites the baseline. <see cref="Assert"/> is this with tests/golden and the env var.
    /// </summary>
    public static void AssertAt(string rootDirectory, string relativePath, string actual, bool update)
    {
        ArgumentNullException.ThrowIfNull(actual);
        string expectedPath = Path.GetFullPath(Path.Combine(rootDirectory, relativePath));
        string actualPath = ActualPath(expectedPath);
        string normalized = Normalize(actual);

        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, normalized);
            File.Delete(actualPath);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(actualPath, normalized);
            Xunit.Assert.Fail(
                $"golden file {expectedPath} does not exist. The output was written to {actualPath}: review it and " +
                $"rename it to the baseline, or run the test with {UpdateVariable}=1 to create it.");
        }

        string expected = Normalize(File.ReadAllText(expectedPath));
        if (expected == normalized)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, normalized);
        Xunit.Assert.Fail(
            $"output differs from golden file {expectedPath}\n" +
            $"actual written to {actualPath} (diff -u the two; {UpdateVariable}=1 accepts it)\n" +
            Diff(expected, normalized));
    }

    /// <summary>`dir/name.ext` becomes `dir/name.actual.ext` (`dir/name.actual` without an extension).</summary>
    public static string ActualPath(string expectedPath)
    {
        string directory = Path.GetDirectoryName(expectedPath) ?? string.Empty;
        string name = Path.GetFileNameWithoutExtension(expectedPath);
        string extension = Path.GetExtension(expectedPath);
        return Path.Combine(directory, name + ".actual" + extension);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Diff(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        var diff = new StringBuilder();
        int shown = 0;
        int common = Math.Min(expectedLines.Length, actualLines.Length);
        for (int i = 0; i < common && shown < MaxDifferences; i++)
        {
            if (expectedLines[i] != actualLines[i])
            {
                diff.Append("line ").Append(i + 1).Append('\n');
                diff.Append("- ").Append(expectedLines[i]).Append('\n');
                diff.Append("+ ").Append(actualLines[i]).Append('\n');
                shown++;
            }
        }

        if (expectedLines.Length != actualLines.Length)
        {
            diff.Append("expected ").Append(expectedLines.Length).Append(" lines, actual ").Append(actualLines.Length).Append('\n');
            for (int i = common; i < Math.Max(expectedLines.Length, actualLines.Length) && i < common + ContextLines; i++)
            {
                diff.Append(i < expectedLines.Length ? "- " + expectedLines[i] : "+ " + actualLines[i]).Append('\n');
            }
        }

        return diff.ToString();
    }
}
