namespace WireLens.Capture.Live;

/// <summary>
/// The command that lets a user capture without root: file capabilities (<c>setcap</c>) on the binary that runs
/// WireLens. The kernel grants a file's capabilities to the program it executes, so they work on a published
/// single-file binary or app host, and not on <c>dotnet wirelens.dll</c>: there the program is the shared
/// <c>dotnet</c> muxer, and capabilities on it would go to every .NET program. docs/live.md, "Capturing without root".
/// </summary>
public static class CaptureGrant
{
    /// <summary>The capabilities libpcap needs to open a device (raw sockets, and the device settings).</summary>
    public const string Capabilities = "cap_net_raw,cap_net_admin=eip";

    /// <summary>The CLI project, relative to a checkout.</summary>
    public const string CliProject = "src/WireLens.Cli/WireLens.Cli.csproj";

    /// <summary>Where the publish command of the message puts the single-file binary, relative to a checkout.</summary>
    public const string PublishFolder = "artifacts/single-file";

    /// <summary>The published binary's name (the CLI's assembly name).</summary>
    public const string BinaryName = "wirelens";

    /// <summary>
    /// What to run to capture without root, for the program in use: when it is a binary that can hold capabilities
    /// (a single-file binary, or an app host), "as root: setcap ... /abs/binary"; under the <c>dotnet</c> muxer,
    /// the single-file publish of the checkout the entry assembly was built in (found through
    /// <paramref name="fileExists"/>; relative paths when none is) followed by the setcap of the published binary.
    /// </summary>
    /// <param name="processPath">The running program (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="entryAssemblyPath">The entry assembly's file; empty in a single-file binary.</param>
    /// <param name="isSingleFile">Whether the assemblies are bundled into the binary.</param>
    /// <param name="runtimeIdentifier">The RID to publish for (linux-x64, linux-arm64).</param>
    /// <param name="fileExists">Whether a file exists (the checkout is the folder holding <see cref="CliProject"/>).</param>
    public static string Advice(string? processPath, string? entryAssemblyPath, bool isSingleFile, string runtimeIdentifier, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(fileExists);
        if (!string.IsNullOrEmpty(processPath) && (isSingleFile || !IsMuxer(processPath)))
        {
            return $"run as root, or give this binary cap_net_raw,cap_net_admin (as root): {Setcap(processPath)}";
        }

        string? checkout = FindCheckout(entryAssemblyPath, fileExists);
        string project = checkout is null ? CliProject : Path.Combine(checkout, CliProject);
        string folder = checkout is null ? PublishFolder : Path.Combine(checkout, PublishFolder);
        string publish = $"dotnet publish {Quote(project)} -c Release -r {runtimeIdentifier} -p:PublishSingleFile=true --self-contained false -o {Quote(folder)}";
        string where = checkout is null ? "in a WireLens checkout, " : string.Empty;
        return "run as root, or publish a single-file binary and give it cap_net_raw,cap_net_admin "
            + $"(dotnet wirelens.dll cannot hold them; {where}as root): {publish} && {Setcap(Path.Combine(folder, BinaryName))}";
    }

    /// <summary>The setcap command line for <paramref name="binary"/>.</summary>
    public static string Setcap(string binary) => $"setcap {Capabilities} {Quote(binary)}";

    private static bool IsMuxer(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The nearest folder above the entry assembly that holds the CLI project, or null.</summary>
    private static string? FindCheckout(string? entryAssemblyPath, Func<string, bool> fileExists)
    {
        if (string.IsNullOrEmpty(entryAssemblyPath) || !Path.IsPathRooted(entryAssemblyPath))
        {
            return null;
        }

        for (string? dir = Path.GetDirectoryName(entryAssemblyPath); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (fileExists(Path.Combine(dir, CliProject)))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>A path as one shell word: as is when it holds nothing the shell would split or expand.</summary>
    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '+' or ',' or ':' or '@' or '%')
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
