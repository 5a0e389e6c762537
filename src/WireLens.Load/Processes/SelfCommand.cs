namespace WireLens.Load.Processes;

/// <summary>
/// How to start the WireLens CLI itself as a child process (the embedded target and the built-in generator run in
/// their own processes): the <c>wirelens</c> app host beside the running assembly, else <c>dotnet wirelens.dll</c>.
/// Works from the published CLI and from a test binary that references the CLI project.
/// </summary>
public static class SelfCommand
{
    /// <summary>The program and the arguments that come before the subcommand's.</summary>
    public static (string FileName, IReadOnlyList<string> PrefixArguments) Resolve()
    {
        string dir = AppContext.BaseDirectory;
        string host = Path.Combine(dir, "wirelens");
        if (File.Exists(host))
        {
            return (host, []);
        }

        string dll = Path.Combine(dir, "wirelens.dll");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        return (dotnet, [dll]);
    }
}
