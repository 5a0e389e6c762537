using WireLens.Analysis.Connections;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// The attribution rules of docs/analysis.md "Tools", strongest first. So far: the User-Agent of the first cleartext
/// HTTP/1 request, else <c>unknown</c>.
/// </summary>
public sealed class ToolAttributor : IToolAttributor
{
    // One verdict per tool name, so a connection allocates nothing for its verdict once its tool was seen.
    private readonly Dictionary<string, ToolVerdict> _byUserAgentTool = new(StringComparer.Ordinal);

    // The last User-Agent string and its verdict: load tools send the same one on every connection.
    private string? _lastUserAgent;
    private ToolVerdict _lastVerdict = ToolVerdict.Unknown;

    public ToolVerdict Attribute(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return FromUserAgent(record.UserAgent);
    }

    private ToolVerdict FromUserAgent(string? userAgent)
    {
        if (userAgent is null)
        {
            return ToolVerdict.Unknown;
        }

        if (string.Equals(userAgent, _lastUserAgent, StringComparison.Ordinal))
        {
            return _lastVerdict;
        }

        ToolVerdict verdict = ToolVerdict.Unknown;
        if (UserAgentTools.FromUserAgent(userAgent) is { } tool)
        {
            if (!_byUserAgentTool.TryGetValue(tool, out ToolVerdict? known))
            {
                known = new ToolVerdict(tool, ToolSource.UserAgent);
                if (_byUserAgentTool.Count < 256)
                {
                    _byUserAgentTool.Add(tool, known);
                }
            }

            verdict = known;
        }

        _lastUserAgent = userAgent;
        _lastVerdict = verdict;
        return verdict;
    }
}
