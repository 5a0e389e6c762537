using System.Runtime.InteropServices;

namespace WireLens.Load.Processes;

/// <summary>
/// How to start the WireLens CLI itself as a child process (the embedded target and the built-in generator run in
/// their own processes): the <c>wirelens</c> app host beside the running assembly, else <c>dotnet wirelens.dll</c>.
/// Works from the published CLI and from a test binary that references the CLI project.
/// </summary>
public static class SelfCommand
{
    /// <summary>
    /// The program and the arguments that come before the subcommand's. A process started by the <c>dotnet</c> muxer
    /// (<c>./wirelens</c> runs <c>dotnet artifacts/cli/wirelens.dll</c>; <c>dotnet Tests.dll</c>) starts the child
    /// with the same muxer, so the child runs on the same runtime. Otherwise the <c>wirelens</c> app host beside the
    /// assembly is used; an app host finds the runtime the way this process found it (same environment), and
    /// with neither the muxer is taken from the running runtime's own installation, then from PATH.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> PrefixArguments) Resolve()
    {
        string dir = AppContext.BaseDirectory;
        string dll = Path.Combine(dir, "wirelens.dll");
        string? current = Environment.ProcessPath;
        if (current is not null && IsMuxer(current))
        {
            return (current, [dll]);
        }

        string host = Path.Combine(dir, OperatingSystem.IsWindows() ? "wirelens.exe" : "wirelens");
        if (File.Exists(host))
        {
            return (host, []);
        }

        return (Muxer(), [dll]);
    }

    private static bool IsMuxer(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>DOTNET_HOST_PATH, else the dotnet beside shared/Microsoft.NETCore.App/VERSION/ of this runtime, else PATH's.</summary>
    private static string Muxer()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath)
        {
            return hostPath;
        }

        // The runtime's own folder, also in a single-file binary (where Assembly.Location is empty).
        string runtimeDir = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        string? root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtimeDir)));
        string candidate = Path.Combine(root ?? string.Empty, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return root is not null && File.Exists(candidate) ? candidate : "dotnet";
    }
}
