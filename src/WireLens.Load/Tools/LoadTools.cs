using System.Diagnostics.CodeAnalysis;

namespace WireLens.Load.Tools;

/// <summary>
/// The load tools WireLens can drive, by name. <see cref="External"/> are the adapters of this folder; the CLI adds
/// the built-in generator's with <see cref="Create"/>.
/// </summary>
public sealed class LoadTools
{
    private readonly Dictionary<string, ILoadTool> _byName;

    private LoadTools(IReadOnlyList<ILoadTool> all)
    {
        All = all;
        _byName = new Dictionary<string, ILoadTool>(StringComparer.Ordinal);
        foreach (ILoadTool tool in all)
        {
            if (!_byName.TryAdd(tool.Name, tool))
            {
                throw new ArgumentException($"two load tools are named {tool.Name}", nameof(all));
            }
        }
    }

    /// <summary>A fresh instance of every external tool's adapter: wrk, hey, ab, curl, h2load, siege, vegeta.</summary>
    public static IReadOnlyList<ILoadTool> External =>
        [new WrkTool(), new HeyTool(), new AbTool(), new CurlTool(), new H2loadTool(), new SiegeTool(), new VegetaTool()];

    /// <summary>Every tool in the registry, the external ones first, in the order above.</summary>
    public IReadOnlyList<ILoadTool> All { get; }

    /// <summary>A registry of the external tools and <paramref name="extra"/> (the built-in generator); names must differ.</summary>
    public static LoadTools Create(params ILoadTool[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        return new LoadTools([.. External, .. extra]);
    }

    /// <summary>The tool named <paramref name="name"/> (lowercase, as in ToolNames).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out ILoadTool? tool) => _byName.TryGetValue(name, out tool);

    /// <summary>
    /// The one-line error for a tool that is not installed: <c>wrk is not installed: apt-get install wrk</c>, or for a
    /// tool without a Debian package, where to get it.
    /// </summary>
    public static string NotInstalled(ILoadTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.DebianPackage.Length > 0
            ? $"{tool.Name} is not installed: apt-get install {tool.DebianPackage}"
            : $"{tool.Name} is not installed (it is not packaged on Debian: put its executable on PATH)";
    }
}
