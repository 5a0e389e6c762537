using System.Collections.Concurrent;
using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Carries released connections from the analysis thread back to the reading thread, which hands their records to
/// the sinks in release order (<see cref="Deliver"/>), so every sink is called on the caller's thread. Who makes a
/// record balances the two threads: the analysis thread makes it itself while it has time to spare
/// (<see cref="AnalysisHasSlack"/>, no segment batch waiting for it), else it passes the connection on and the reading
/// thread makes it. A record is the same whichever thread makes it. Connections travel in batches; at most those
/// released while the segment batches in flight were analysed wait here.
/// </summary>
public sealed class RecordRelay(IConnectionSink sink) : IReleasedConnectionSink
{
    private const int BatchSize = 256;

    private readonly ConcurrentQueue<Released[]> _ready = new();
    private readonly ConcurrentQueue<Released[]> _spare = new();
    private readonly ConnectionRecord[] _records = new ConnectionRecord[BatchSize];
    private Released[] _batch = new Released[BatchSize];
    private int _count;
    private long _warmed; // keeps the reads ahead from being optimised away

    /// <summary>
    /// Set on the analysis thread before each segment batch: true when no other batch waits behind it, so it makes the
    /// records of the connections it releases; false when it is the busier thread and leaves them to the reading one.
    /// </summary>
    public bool AnalysisHasSlack { get; set; }

    /// <summary>Records made by the releasing thread itself (<see cref="AnalysisHasSlack"/> was set), not by the deliverer.</summary>
    public long RecordsMadeOnRelease { get; private set; }

    /// <summary>Called by the tracker, on one thread at a time (the analysis thread, then the caller's at the end).</summary>
    public void OnReleased(ReleasedConnection connection)
    {
        if (AnalysisHasSlack)
        {
            _batch[_count++] = new Released(default, connection.ToRecord());
            RecordsMadeOnRelease++;
        }
        else
        {
            _batch[_count++] = new Released(connection, null);
        }

        if (_count == BatchSize)
        {
            _ready.Enqueue(_batch);
            _batch = _spare.TryDequeue(out Released[]? spare) ? spare : new Released[BatchSize];
            _count = 0;
        }
    }

    /// <summary>Hands the records of the full batches that arrived so far to the sink, in order (on the reading thread).</summary>
    public void Deliver()
    {
        while (_ready.TryDequeue(out Released[]? batch))
        {
            // The connections' states are cold: read them all ahead, so their cache misses overlap.
            long warmed = 0;
            foreach (Released released in batch)
            {
                warmed ^= released.Connection.Warm();
            }

            _warmed ^= warmed;
            for (int i = 0; i < batch.Length; i++)
            {
                _records[i] = batch[i].ToRecord();
            }

            sink.OnConnections(_records);
            Array.Clear(_records);
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

    /// <summary>A released connection, or its record when the analysis thread made it.</summary>
    private readonly record struct Released(ReleasedConnection Connection, ConnectionRecord? Record)
    {
        public ConnectionRecord ToRecord() => Record ?? Connection.ToRecord();
    }
}
