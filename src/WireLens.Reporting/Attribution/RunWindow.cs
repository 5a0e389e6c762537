using WireLens.Reporting.Runs;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// The runs that were going on during one stretch of time, and the verdicts a connection opened then can get: all
/// made up front, so attributing allocates nothing.
/// </summary>
internal sealed class RunWindow
{
    // The distinct tools of the runs, in ordinal order, and for each the verdict once a rule names it: that run's
    // own verdict when one run has the tool, else the tool without a run label.
    private readonly string[] _tools;
    private readonly ToolVerdict[] _byTool;

    /// <param name="runs">The runs, at least one.</param>
    /// <param name="runVerdicts">Each run's own verdict (tool, <see cref="ToolSource.Run"/>, label), by run.</param>
    public RunWindow(IReadOnlyList<RunEntry> runs, IReadOnlyList<ToolVerdict> runVerdicts)
    {
        var tools = new SortedDictionary<string, List<ToolVerdict>>(StringComparer.Ordinal);
        for (int i = 0; i < runs.Count; i++)
        {
            if (!tools.TryGetValue(runs[i].Tool, out List<ToolVerdict>? verdicts))
            {
                verdicts = [];
                tools.Add(runs[i].Tool, verdicts);
            }

            verdicts.Add(runVerdicts[i]);
        }

        _tools = new string[tools.Count];
        _byTool = new ToolVerdict[tools.Count];
        int t = 0;
        foreach ((string tool, List<ToolVerdict> verdicts) in tools)
        {
            _tools[t] = tool;
            _byTool[t] = verdicts.Count == 1 ? verdicts[0] : new ToolVerdict(tool, ToolSource.Run);
            t++;
        }

        Settled = _tools.Length == 1 ? _byTool[0] : null;
        Undecided = new ToolVerdict(ToolNames.Ambiguous, ToolSource.Run, Candidates: _tools);
    }

    /// <summary>The verdict when the runs have one tool (one run, or several runs of one tool): no rule can do better.</summary>
    public ToolVerdict? Settled { get; }

    /// <summary>The verdict when no rule names exactly one of the runs' tools: ambiguous among them.</summary>
    public ToolVerdict Undecided { get; }

    /// <summary>The verdict for <paramref name="tool"/> when it is one of the runs' tools, else null.</summary>
    public ToolVerdict? For(string? tool)
    {
        if (tool is not null)
        {
            for (int i = 0; i < _tools.Length; i++)
            {
                if (string.Equals(_tools[i], tool, StringComparison.Ordinal))
                {
                    return _byTool[i];
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The verdict for the one tool of <paramref name="verdict"/> (its tool, or its candidates when ambiguous) that is
    /// one of the runs' tools; null when none or several are.
    /// </summary>
    public ToolVerdict? ForOneOf(ToolVerdict? verdict)
    {
        if (verdict is null)
        {
            return null;
        }

        if (verdict.Candidates is not { } candidates)
        {
            return For(verdict.Tool);
        }

        ToolVerdict? found = null;
        for (int i = 0; i < candidates.Count; i++)
        {
            if (For(candidates[i]) is { } match)
            {
                if (found is not null)
                {
                    return null;
                }

                found = match;
            }
        }

        return found;
    }
}
