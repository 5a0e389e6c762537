using System.Diagnostics;

namespace WireLens.Testing;

/// <summary>
/// Runs external tools (curl, nginx, tcpdump, tshark, ip, nft) for end-to-end tests: both output streams are read
/// asynchronously so a chatty tool never blocks on a full pipe, and a time-out kills the whole process tree.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/> to completion or until <paramref name="timeout"/>, then kills its tree.</summary>
    public static ProcessResult Run(
        string file,
        IEnumerable<string> args,
        TimeSpan timeout,
        string? stdin = null,
        IDictionary<string, string>? env = null)
    {
        RunningProcess process = Start(file, args, stdin, env);
        try
        {
            return process.Wait(timeout);
        }
        finally
        {
            process.Kill();
            process.DisposeProcess();
        }
    }

    /// <summary>The asynchronous form of <see cref="Run"/>.</summary>
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> args,
        TimeSpan timeout,
        string? stdin = null,
        IDictionary<string, string>? env = null)
    {
        await using RunningProcess process = Start(file, args, stdin, env);
        return await process.WaitAsync(timeout);
    }

    /// <summary>
    /// Starts <paramref name="file"/> and returns at once; the caller waits, interrupts or disposes it
    /// (disposing kills the tree if it still runs). Standard input gets <paramref name="stdin"/> and is then closed.
    /// </summary>
    public static RunningProcess Start(
        string file,
        IEnumerable<string> args,
        string? stdin = null,
        IDictionary<string, string>? env = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(args);
        var startInfo = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        if (env is not null)
        {
            foreach (KeyValuePair<string, string> pair in env)
            {
                startInfo.Environment[pair.Key] = pair.Value;
            }
        }

        return new RunningProcess(startInfo, stdin);
    }
}
