using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;

namespace WireLens.Reporting.Inspection;

/// <summary>Feeds released connections into a <see cref="ConnectionTable"/>, grouped as the report groups them.</summary>
/// <param name="table">The table (its one writer is this sink's thread).</param>
/// <param name="grouping">This sink's own grouping instance (made alike the report's, it gives the same groups).</param>
/// <param name="capture">Which capture file the connections are in.</param>
public sealed class ConnectionTableSink(ConnectionTable table, ConnectionGrouping grouping, int capture) : IConnectionSink
{
    public void OnConnection(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        GroupedConnection grouped = grouping.Classify(record);
        table.Add(record, grouped.Group, grouped.Tool.Tool, capture);
    }
}
