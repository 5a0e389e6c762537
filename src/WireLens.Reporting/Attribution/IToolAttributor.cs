using WireLens.Analysis.Connections;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// Decides which tool made a connection. Implementations are deterministic (the same record gives the same verdict)
/// and cheap: they run once per connection on the analysis thread and again on the export thread.
/// </summary>
public interface IToolAttributor
{
    ToolVerdict Attribute(ConnectionRecord record);
}
