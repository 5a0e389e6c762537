using System.Runtime.InteropServices;

namespace WireLens.Load.Processes;

/// <summary>
/// SIGINT for a load tool and its descendants: wrk, hey, ab, h2load, siege and vegeta print their summary when
/// interrupted, which Process.Kill (SIGKILL) would prevent. Linux only, like the rest of live runs.
/// </summary>
public static class Signals
{
    private const int SigInt = 2;

    /// <summary>Sends SIGINT to <paramref name="pid"/> and then to each of its descendants (found in /proc).</summary>
    public static void Interrupt(int pid)
    {
        IReadOnlyList<int> descendants = ProcessTree.Descendants(pid);
        _ = NativeMethods.kill(pid, SigInt);
        foreach (int child in descendants)
        {
            _ = NativeMethods.kill(child, SigInt);
        }
    }

    private static class NativeMethods
    {
        // "libc" is mapped to libc.so.6 by the runtime on Linux.
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int kill(int pid, int sig);
    }
}
