namespace WireLens.Analysis.Connections;

/// <summary>Receives each connection once, when the tracker releases it. Records arrive in release order, not stream order.</summary>
public interface IConnectionSink
{
    void OnConnection(ConnectionRecord record);
}
