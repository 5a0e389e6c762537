namespace WireLens.Testing;

/// <summary>
/// Guards for tests that need the environment: a tool on PATH, root, a network namespace.
/// Outside CI a missing prerequisite skips the test with its reason; in CI (CI=true) it fails it,
/// because CI runs as root with every tool installed by test.sh and a skip there hides a broken set-up.
/// </summary>
public static class Require
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRoot => Environment.UserName == "root" || GetEffectiveUid() == 0;

    /// <summary>Returns the full path of <paramref name="tool"/> on PATH, or skips/fails the test.</summary>
    public static string Tool(string tool, string debianPackage)
    {
        string? path = FindOnPath(tool);
        if (path is null)
        {
            Missing($"{tool} is not installed (apt-get install {debianPackage})");
        }

        return path!;
    }

    /// <summary>Skips/fails the test unless it runs as root (capture, namespaces and nftables need it).</summary>
    public static void Root()
    {
        if (!IsRoot)
        {
            Missing("needs root (packet capture / network namespaces)");
        }
    }

    public static string? FindOnPath(string tool)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (string dir in new[] { "/usr/sbin", "/sbin", "/usr/local/sbin" })
        {
            string candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Missing(string reason)
    {
        if (InCi)
        {
            Assert.Fail($"prerequisite missing in CI: {reason}");
        }

        Assert.Skip(reason);
    }

    private static uint GetEffectiveUid()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return uint.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return uint.MaxValue;
    }
}
