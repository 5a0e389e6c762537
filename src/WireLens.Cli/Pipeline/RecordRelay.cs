using System.Collections.Concurrent;
using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Carries released connections from the analysis thread back to the reading thread, which makes their records and
/// hands them to the sinks (<see cref="Deliver"/>): the records' work and allocations, and the report's work, then run
/// on the core that reading leaves half idle, instead of on the analysis thread that bounds the run, and every sink is
/// called on the caller's thread. Connections travel in batches; at most those released while the segment batches in
/// flight were analysed wait here.
/// </summary>
internal sealed class RecordRelay(IConnectionSink sink) : IReleasedConnectionSink
{
    private const int BatchSize = 256;

    private readonly ConcurrentQueue<ReleasedConnection[]> _ready = new();
    private readonly ConcurrentQueue<ReleasedConnection[]> _spare = new();
    private ReleasedConnection[] _batch = new ReleasedConnection[BatchSize];
    private int _count;

    /// <summary>Called by the tracker, on one thread at a time (the analysis thread, then the caller's at the end).</summary>
    public void OnReleased(ReleasedConnection connection)
    {
        _batch[_count++] = connection;
        if (_count == BatchSize)
        {
            _ready.Enqueue(_batch);
            _batch = _spare.TryDequeue(out ReleasedConnection[]? spare) ? spare : new ReleasedConnection[BatchSize];
            _count = 0;
        }
    }

    /// <summary>Makes the records of the full batches that arrived so far and hands them to the sink, in order (on the reading thread).</summary>
    public void Deliver()
    {
        while (_ready.TryDequeue(out ReleasedConnection[]? batch))
        {
            foreach (ReleasedConnection connection in batch)
            {
                sink.OnConnection(connection.ToRecord());
            }

            Array.Clear(batch);
            _spare.Enqueue(batch);
        }
    }

    /// <summary>Delivers everything, the partial batch too: only once no other thread calls <see cref="OnReleased"/>.</summary>
    public void DeliverAll()
    {
        Deliver();
        for (int i = 0; i < _count; i++)
        {
            sink.OnConnection(_batch[i].ToRecord());
            _batch[i] = default;
        }

        _count = 0;
    }
}
