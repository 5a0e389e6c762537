using WireLens.Reporting.Runs;

namespace WireLens.Load.Tools;

/// <summary>
/// One load tool's adapter: where it is, its version, how WireLens's common options map to its flags, and how to read
/// its own summary. Adapters run nothing but the version query; the load runner runs the plan.
/// </summary>
public interface ILoadTool
{
    /// <summary>The tool's name as in reports and manifests (<c>wrk</c>, <c>builtin</c>; see ToolNames).</summary>
    string Name { get; }

    /// <summary>The Debian package that provides it (for the "not installed" error); empty for the built-in generator.</summary>
    string DebianPackage { get; }

    /// <summary>The executable's full path, or null when it is not installed.</summary>
    string? Locate();

    /// <summary>The version as the tool prints it (<c>4.2.0</c>), or null when it cannot tell. May run the tool briefly.</summary>
    string? ReadVersion(string executable);

    /// <summary>
    /// Maps <paramref name="options"/> to a plan, or says in <paramref name="problem"/> (one line) why this tool cannot
    /// do what was asked (for example hey has no duration-free keep-alive switch ...).
    /// </summary>
    bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem);

    /// <summary>The tool's own summary from what it printed; null when it printed none that could be read. Never throws.</summary>
    ToolSummary? ParseSummary(LoadOutput output);
}
