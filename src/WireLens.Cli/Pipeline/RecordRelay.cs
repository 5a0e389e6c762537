using System.Collections.Concurrent;
using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Carries released connections from the analysis thread back to the reading thread, which hands them to the sinks
/// (<see cref="Deliver"/>): the report's work then runs on the core that reading leaves half idle, instead of on the
/// analysis thread that bounds the run, and every sink is called on the caller's thread. Records travel in batches;
/// at most the records of the segment batches in flight wait here.
/// </summary>
internal sealed class RecordRelay(IConnectionSink sink) : IConnectionSink
{
    private const int BatchSize = 256;

    private readonly ConcurrentQueue<ConnectionRecord[]> _ready = new();
    private ConnectionRecord[] _batch = new ConnectionRecord[BatchSize];
    private int _count;

    /// <summary>Called by the tracker, on one thread at a time (the analysis thread, then the caller's at the end).</summary>
    public void OnConnection(ConnectionRecord record)
    {
        _batch[_count++] = record;
        if (_count == BatchSize)
        {
            _ready.Enqueue(_batch);
            _batch = new ConnectionRecord[BatchSize];
            _count = 0;
        }
    }

    /// <summary>Hands the full batches that arrived so far to the sink, in order (on the reading thread).</summary>
    public void Deliver()
    {
        while (_ready.TryDequeue(out ConnectionRecord[]? batch))
        {
            foreach (ConnectionRecord record in batch)
            {
                sink.OnConnection(record);
            }
        }
    }

    /// <summary>Delivers everything, the partial batch too: only once no other thread calls <see cref="OnConnection"/>.</summary>
    public void DeliverAll()
    {
        Deliver();
        for (int i = 0; i < _count; i++)
        {
            sink.OnConnection(_batch[i]);
            _batch[i] = null!;
        }

        _count = 0;
    }
}
