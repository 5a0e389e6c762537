namespace WireLens.Analysis.Connections;

/// <summary>Receives each connection once, when the tracker releases it. Records arrive in release order, not stream order.</summary>
public interface IConnectionSink
{
    void OnConnection(ConnectionRecord record);

    /// <summary>
    /// Receives a run of released connections at once, in release order: the same as <see cref="OnConnection"/> on
    /// each in turn, which is what it does unless a sink can use the whole run first (to read ahead what the records
    /// will reach in its tables).
    /// </summary>
    void OnConnections(ReadOnlySpan<ConnectionRecord> records)
    {
        foreach (ConnectionRecord record in records)
        {
            OnConnection(record);
        }
    }
}
