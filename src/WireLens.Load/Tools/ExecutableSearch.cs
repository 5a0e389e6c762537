namespace WireLens.Load.Tools;

/// <summary>Finds a program on PATH, as a shell would (the first regular file of that name), then in the sbin folders.</summary>
public static class ExecutableSearch
{
    private static readonly string[] s_extraDirectories = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

    /// <summary>The full path of <paramref name="name"/>, or null when it is nowhere to be found.</summary>
    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string path = Environment.GetEnvironmentVariable("PATH") is { Length: > 0 } p ? p : "/usr/local/bin:/usr/bin:/bin";
        foreach (string dir in path.Split(':').Concat(s_extraDirectories))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
