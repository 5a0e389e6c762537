using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Creates its sink when the first connection arrives, so that exporters see the capture's timestamp precision,
/// which a pcapng file only states in its interface blocks.
/// </summary>
public sealed class DeferredSink<T> : IConnectionSink
    where T : class, IConnectionSink
{
    private readonly Func<T> _create;

    public DeferredSink(Func<T> create) => _create = create;

    public T? Sink { get; private set; }

    /// <summary>The sink, created now if no connection has arrived yet.</summary>
    public T Get() => Sink ??= _create();

    public void OnConnection(ConnectionRecord record) => Get().OnConnection(record);
}
