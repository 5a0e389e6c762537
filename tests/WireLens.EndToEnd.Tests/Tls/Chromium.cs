using System.Globalization;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>
/// Debian's headless chromium as a TLS client: one page load with `--dump-dom`, bounded in time, in a fresh profile.
/// Afterwards any process still using that profile (a renderer or zygote left behind) is killed by its id.
/// </summary>
internal static class Chromium
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Loads <paramref name="url"/> inside <paramref name="netns"/>, resolving <paramref name="hostName"/> to
    /// <paramref name="address"/> (so the ClientHello carries it as SNI), and returns the page's DOM.
    /// </summary>
    public static string DumpDom(string netns, string url, string hostName, string address) =>
        DumpDom(netns, url, $"--host-resolver-rules=MAP {hostName} {address}");

    /// <summary>Loads <paramref name="url"/> from this network namespace, names resolved as usual, and returns the page's DOM.</summary>
    public static string DumpDom(string url) => DumpDom(null, url);

    private static string DumpDom(string? netns, string url, params string[] extraArgs)
    {
        string chromium = Require.Tool("chromium", "chromium");
        string profile = TestPaths.NewTempDirectory("wl-chromium");
        try
        {
            string[] args =
            [
                "--headless=new", "--no-sandbox", "--ignore-certificate-errors", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, .. extraArgs, "--dump-dom", url,
            ];
            ProcessResult result = netns is null
                ? ProcessRunner.Run(chromium, args, s_timeout)
                : NetNamespacePair.Exec(netns, chromium, args, s_timeout);
            Assert.True(result.Succeeded, result.Describe("chromium"));
            return result.StdOut;
        }
        finally
        {
            KillLeftovers(profile);
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A process may still be closing a file in it; the temp folder is harmless.
            }
        }
    }

    /// <summary>Kills, by id, every process whose command line names <paramref name="profile"/> (only ours do).</summary>
    private static void KillLeftovers(string profile)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(profile, StringComparison.Ordinal))
                {
                    using var process = System.Diagnostics.Process.GetProcessById(pid);
                    process.Kill();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }
}
