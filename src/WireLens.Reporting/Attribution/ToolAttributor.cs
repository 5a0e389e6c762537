using WireLens.Analysis.Connections;
using WireLens.Reporting.Runs;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// The attribution rules of docs/analysis.md "Tools", strongest first: the manifest run whose time window the
/// connection opened in; the process that owned its client socket; the User-Agent of its first cleartext HTTP/1
/// request; its ClientHello's JA4 in the fingerprint table; the one run that targeted its server port; else
/// <c>unknown</c>. Where runs overlap, the stronger rules choose among their tools.
/// </summary>
/// <remarks>
/// Runs once per connection on the analysis thread: after construction, a connection whose tool, User-Agent or JA4
/// was seen before allocates nothing. Not thread-safe (it remembers what it last saw); each thread has its own
/// instance, and instances made alike give the same verdicts.
/// </remarks>
public sealed class ToolAttributor : IToolAttributor
{
    private readonly RunTimeline? _timeline;
    private readonly PortTargets? _ports;
    private readonly FingerprintTable? _fingerprints;
    private readonly IProcessLookup? _processes;

    private readonly VerdictCache _processVerdicts = new(ToolSource.Process);
    private readonly VerdictCache _userAgentVerdicts = new(ToolSource.UserAgent);
    private readonly VerdictCache _portVerdicts = new(ToolSource.Port);

    // The verdict of each JA4 found in the table (so at most one entry per table row).
    private readonly Dictionary<string, ToolVerdict> _byJa4 = new(StringComparer.Ordinal);

    // The last User-Agent string and its verdict (null: it names no tool): a load tool sends the same one on every
    // connection. Behind it, the verdicts of the first User-Agents seen, for tools that run side by side.
    private readonly Dictionary<string, ToolVerdict?> _byUserAgent = new(StringComparer.Ordinal);
    private string? _lastUserAgent;
    private ToolVerdict? _lastUserAgentVerdict;

    /// <param name="manifest">The runs (rules 1 and 5); null or without runs: no run and no port rule.</param>
    /// <param name="fingerprints">The JA4 table (rule 4), usually <see cref="FingerprintTable.Default"/>; null: no fingerprint rule.</param>
    /// <param name="processes">The socket owners of a live capture (rule 2); null: no process rule.</param>
    public ToolAttributor(RunManifest? manifest = null, FingerprintTable? fingerprints = null, IProcessLookup? processes = null)
    {
        if (manifest is { Runs.Count: > 0 })
        {
            _timeline = new RunTimeline(manifest.Runs);
            var ports = new PortTargets(manifest.Runs);
            _ports = ports.IsEmpty ? null : ports;
        }

        _fingerprints = fingerprints is { Count: > 0 } ? fingerprints : null;
        _processes = processes;
    }

    public ToolVerdict Attribute(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        // 1. Run: the open time (first SYN, else first packet) inside a run's [start, stop].
        if (_timeline?.Find(record.SynTime ?? record.FirstTime) is { } window)
        {
            return window.Settled ?? ChooseAmong(window, record);
        }

        // 2. Process.
        if (ProcessTool(record) is { } process)
        {
            return _processVerdicts.For(process);
        }

        // 3. User-Agent.
        if (FromUserAgent(record.UserAgent) is { } userAgent)
        {
            return userAgent;
        }

        // 4. Fingerprint: one tool decides; several leave the port rule to choose among them.
        ToolVerdict? fingerprint = FromFingerprint(record.Tls?.Ja4);
        if (fingerprint is { Candidates: null })
        {
            return fingerprint;
        }

        // 5. Port.
        if (_ports?.ToolFor(record.ServerIp, record.ServerPort, fingerprint?.Candidates) is { } port)
        {
            return _portVerdicts.For(port);
        }

        return fingerprint ?? ToolVerdict.Unknown;
    }

    /// <summary>
    /// Overlapping runs of several tools: the first of the process, User-Agent and fingerprint rules that names
    /// exactly one of their tools decides; else ambiguous among them.
    /// </summary>
    private ToolVerdict ChooseAmong(RunWindow window, ConnectionRecord record) =>
        window.For(ProcessTool(record))
        ?? window.ForOneOf(FromUserAgent(record.UserAgent))
        ?? window.ForOneOf(FromFingerprint(record.Tls?.Ja4))
        ?? window.Undecided;

    private string? ProcessTool(ConnectionRecord record) =>
        _processes?.ToolOf(record) is { } tool && ToolNames.IsValid(tool) ? tool : null;

    private ToolVerdict? FromUserAgent(string? userAgent)
    {
        if (userAgent is null)
        {
            return null;
        }

        if (string.Equals(userAgent, _lastUserAgent, StringComparison.Ordinal))
        {
            return _lastUserAgentVerdict;
        }

        if (!_byUserAgent.TryGetValue(userAgent, out ToolVerdict? verdict))
        {
            verdict = UserAgentTools.FromUserAgent(userAgent) is { } tool ? _userAgentVerdicts.For(tool) : null;
            if (_byUserAgent.Count < VerdictCache.Capacity)
            {
                _byUserAgent.Add(userAgent, verdict);
            }
        }

        _lastUserAgent = userAgent;
        _lastUserAgentVerdict = verdict;
        return verdict;
    }

    /// <summary>The table's verdict for a JA4: its one tool, or ambiguous among several; null when unknown.</summary>
    private ToolVerdict? FromFingerprint(string? ja4)
    {
        if (ja4 is null || _fingerprints is null)
        {
            return null;
        }

        if (_byJa4.TryGetValue(ja4, out ToolVerdict? verdict))
        {
            return verdict;
        }

        IReadOnlyList<string> tools = _fingerprints.ToolsFor(ja4);
        if (tools.Count == 0)
        {
            return null;
        }

        verdict = tools.Count == 1
            ? new ToolVerdict(tools[0], ToolSource.Fingerprint)
            : new ToolVerdict(ToolNames.Ambiguous, ToolSource.Fingerprint, Candidates: tools);
        _byJa4.Add(ja4, verdict);
        return verdict;
    }
}
