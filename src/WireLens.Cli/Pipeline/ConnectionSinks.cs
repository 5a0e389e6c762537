using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>Hands each released connection to several consumers in turn.</summary>
public sealed class ConnectionSinks : IConnectionSink
{
    private readonly List<IConnectionSink> _sinks = [];

    public void Add(IConnectionSink sink) => _sinks.Add(sink);

    public void OnConnection(ConnectionRecord record)
    {
        foreach (IConnectionSink sink in _sinks)
        {
            sink.OnConnection(record);
        }
    }

    /// <summary>Hands the whole run to each consumer in turn (so each can read ahead over it).</summary>
    public void OnConnections(ReadOnlySpan<ConnectionRecord> records)
    {
        foreach (IConnectionSink sink in _sinks)
        {
            sink.OnConnections(records);
        }
    }
}
