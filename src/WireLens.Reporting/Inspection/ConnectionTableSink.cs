using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;

namespace WireLens.Reporting.Inspection;

/// <summary>A consumer of released connections that also takes the group and tool the report gave each one.</summary>
public interface IGroupedConnectionSink
{
    /// <summary>One released connection, with its group and tool as the per-group report classified it.</summary>
    void OnConnection(ConnectionRecord record, GroupedConnection grouped);
}

/// <summary>Feeds released connections into a <see cref="ConnectionTable"/> under the report's group and tool.</summary>
/// <param name="table">The table (its one writer: this sink, called one connection at a time).</param>
/// <param name="capture">Which capture file the connections are in.</param>
public sealed class ConnectionTableSink(ConnectionTable table, int capture) : IGroupedConnectionSink
{
    public void OnConnection(ConnectionRecord record, GroupedConnection grouped)
    {
        ArgumentNullException.ThrowIfNull(record);
        table.Add(record, grouped.Group, grouped.Tool.Tool, capture);
    }
}
