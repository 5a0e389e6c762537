using System.ComponentModel;
using System.Diagnostics;

namespace WireLens.Load.Tools;

/// <summary>Runs a tool's version flag briefly and returns what it printed (standard output, then error).</summary>
public static class VersionProbe
{
    /// <summary>How long a version query may take before it is killed.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Standard output followed by standard error of <paramref name="executable"/> run with <paramref name="arguments"/>
    /// (whatever its exit code: <c>wrk -v</c> exits 1), or null when it could not be started or did not finish in time.
    /// </summary>
    public static string? Run(string executable, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return null;
        }

        if (!Task.WaitAll([stdout, stderr], Timeout))
        {
            return null;
        }

        return stdout.Result + stderr.Result;
    }
}
