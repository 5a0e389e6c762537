namespace WireLens.Testing;

/// <summary>Where the repository, its sample captures and golden files are, found from the test binary upward.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string RepoRoot => s_root.Value;

    public static string Captures => Path.Combine(RepoRoot, "captures");

    public static string Golden => Path.Combine(RepoRoot, "tests", "golden");

    /// <summary>A fresh empty temporary folder for one test.</summary>
    public static string NewTempDirectory(string prefix = "wirelens-test")
    {
        string dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "WireLens.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("WireLens.sln not found above " + AppContext.BaseDirectory);
    }
}
