namespace WireLens.Reporting.Attribution;

/// <summary>
/// One <see cref="ToolVerdict"/> per tool name for one source, so that a connection whose tool was seen before
/// allocates nothing. Holds at most <see cref="Capacity"/> names (User-Agents are the client's to choose); later names
/// get a fresh verdict each time. Not thread-safe.
/// </summary>
internal sealed class VerdictCache(ToolSource source)
{
    public const int Capacity = 256;

    private readonly Dictionary<string, ToolVerdict> _byTool = new(StringComparer.Ordinal);

    public ToolVerdict For(string tool)
    {
        if (_byTool.TryGetValue(tool, out ToolVerdict? verdict))
        {
            return verdict;
        }

        verdict = new ToolVerdict(tool, source);
        if (_byTool.Count < Capacity)
        {
            _byTool.Add(tool, verdict);
        }

        return verdict;
    }
}
