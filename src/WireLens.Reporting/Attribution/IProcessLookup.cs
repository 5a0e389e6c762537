using WireLens.Analysis.Connections;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// Names the process that owns a connection's client socket (live captures: read from /proc like <c>ss -p</c>). Best
/// effort: a socket already closed, or owned by another user's process, has no answer. Offline analysis has no
/// implementation; the live capture provides one.
/// </summary>
public interface IProcessLookup
{
    /// <summary>
    /// The owning process's tool name, lowercase (<see cref="ToolNames"/>; a name that is not
    /// <see cref="ToolNames.IsValid"/> is ignored), or null when the owner is not known.
    /// </summary>
    string? ToolOf(ConnectionRecord record);
}
