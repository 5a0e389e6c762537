using WireLens.Reporting.Runs;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// The server port (and address, when the target names one) each manifest run loaded, from its <c>target</c> URL, for
/// the port rule. Immutable.
/// </summary>
internal sealed class PortTargets
{
    private readonly Dictionary<ushort, Target[]> _byPort;

    public PortTargets(IReadOnlyList<RunEntry> runs)
    {
        var byPort = new Dictionary<ushort, List<Target>>();
        foreach (RunEntry run in runs)
        {
            if (RunTarget.TryParse(run.Target, out ushort port, out IpAddress? host))
            {
                if (!byPort.TryGetValue(port, out List<Target>? targets))
                {
                    targets = [];
                    byPort.Add(port, targets);
                }

                targets.Add(new Target(host, run.Tool));
            }
        }

        _byPort = new Dictionary<ushort, Target[]>(byPort.Count);
        foreach ((ushort port, List<Target> targets) in byPort)
        {
            _byPort.Add(port, [.. targets]);
        }
    }

    /// <summary>Whether any run has a target the port rule can use.</summary>
    public bool IsEmpty => _byPort.Count == 0;

    /// <summary>
    /// The one tool of the runs that target <paramref name="server"/>:<paramref name="port"/> (a run whose target
    /// names a host, not an address, matches any address), leaving out tools not in <paramref name="allowed"/> when
    /// it is given; null when no run or runs of several tools match.
    /// </summary>
    public string? ToolFor(IpAddress server, ushort port, IReadOnlyList<string>? allowed)
    {
        if (!_byPort.TryGetValue(port, out Target[]? targets))
        {
            return null;
        }

        string? tool = null;
        foreach (Target target in targets)
        {
            if ((target.Host is { } host && host != server) || (allowed is not null && !Contains(allowed, target.Tool)))
            {
                continue;
            }

            if (tool is null)
            {
                tool = target.Tool;
            }
            else if (!string.Equals(tool, target.Tool, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return tool;
    }

    private static bool Contains(IReadOnlyList<string> tools, string tool)
    {
        for (int i = 0; i < tools.Count; i++)
        {
            if (string.Equals(tools[i], tool, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct Target(IpAddress? Host, string Tool);
}
