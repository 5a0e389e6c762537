namespace WireLens.Reporting.Attribution;

/// <summary>How a connection's tool was decided (the <c>tool_source</c> column), strongest first.</summary>
public enum ToolSource
{
    /// <summary>Inside one run's time window of the run manifest.</summary>
    Run,

    /// <summary>The process that owned the client socket (live captures).</summary>
    Process,

    /// <summary>The User-Agent of the first cleartext HTTP/1 request.</summary>
    UserAgent,

    /// <summary>The ClientHello's JA4 against the project's table of tool fingerprints.</summary>
    Fingerprint,

    /// <summary>The server address:port of exactly one run in the manifest.</summary>
    Port,

    /// <summary>Nothing decided it.</summary>
    Unknown,
}

/// <summary>Which load tool made a connection, and by which rule.</summary>
/// <param name="Tool">A lowercase tool name (<see cref="ToolNames"/>), <c>unknown</c> or <c>ambiguous</c>.</param>
/// <param name="Source">The rule that decided.</param>
/// <param name="RunLabel">The manifest run the connection belongs to, when one does.</param>
/// <param name="Candidates">When <paramref name="Tool"/> is <c>ambiguous</c>: the tools it could be, in ordinal order.</param>
public sealed record ToolVerdict(string Tool, ToolSource Source, string? RunLabel = null, IReadOnlyList<string>? Candidates = null)
{
    public static ToolVerdict Unknown { get; } = new(ToolNames.Unknown, ToolSource.Unknown);

    /// <summary>The <c>tool_source</c> spelling.</summary>
    public static string SourceName(ToolSource source) => source switch
    {
        ToolSource.Run => "run",
        ToolSource.Process => "process",
        ToolSource.UserAgent => "user-agent",
        ToolSource.Fingerprint => "fingerprint",
        ToolSource.Port => "port",
        ToolSource.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
