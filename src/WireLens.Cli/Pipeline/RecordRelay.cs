using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using WireLens.Analysis.Connections;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Carries released connections from the analysis thread to the sinks, in release order. Two things balance the two
/// threads. Who makes a record: the analysis thread makes it itself while it has time to spare
/// (<see cref="AnalysisHasSlack"/>, no segment batch waiting for it), else it passes the connection on and the thread
/// that delivers makes it. And who delivers: the reading thread every so often (<see cref="Deliver"/>), and the
/// analysis thread whenever it has no segment batch to analyse (<see cref="DeliverOne"/>). One thread delivers at a
/// time, under a lock, so the sinks are called one record at a time, in order, though not always on the same thread.
/// A sink's failure to write (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) on the analysis
/// thread stops the deliveries there and is thrown to the reading thread by its next <see cref="Deliver"/>; any other
/// exception is a bug and ends the process there. A record is the same whichever thread makes it. Connections travel
/// in batches; at most those released while the segment batches in flight were analysed wait here.
/// </summary>
public sealed class RecordRelay(IConnectionSink sink) : IReleasedConnectionSink
{
    private const int BatchSize = 256;

    private readonly ConcurrentQueue<Released[]> _ready = new();
    private readonly ConcurrentQueue<Released[]> _spare = new();
    private readonly ConnectionRecord[] _records = new ConnectionRecord[BatchSize];
    private readonly Lock _delivering = new();
    private ExceptionDispatchInfo? _failure; // a sink's, on the analysis thread: set and read under _delivering
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

    /// <summary>
    /// Hands the records of the full batches that arrived so far to the sink, in order; returns at once, leaving them,
    /// while the other thread delivers. Throws what a sink threw while the analysis thread delivered.
    /// </summary>
    public void Deliver()
    {
        if (!_delivering.TryEnter())
        {
            return;
        }

        try
        {
            _failure?.Throw();
            while (_ready.TryDequeue(out Released[]? batch))
            {
                DeliverBatch(batch);
            }
        }
        finally
        {
            _delivering.Exit();
        }
    }

    /// <summary>
    /// Hands the records of the oldest full batch to the sink, unless the other thread is delivering: for the analysis
    /// thread while no segment batch waits for it. Returns whether it delivered one. A sink's failure to write is kept
    /// for <see cref="Deliver"/> to throw, and nothing more is delivered here after it.
    /// </summary>
    public bool DeliverOne()
    {
        if (!_delivering.TryEnter())
        {
            return false;
        }

        try
        {
            if (_failure is not null || !_ready.TryDequeue(out Released[]? batch))
            {
                return false;
            }

            DeliverBatch(batch);
            return true;
        }
        catch (IOException e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            return false;
        }
        catch (UnauthorizedAccessException e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            return false;
        }
        finally
        {
            _delivering.Exit();
        }
    }

    /// <summary>
    /// Delivers everything, the partial batch too: only once no other thread calls <see cref="OnReleased"/>,
    /// <see cref="Deliver"/> or <see cref="DeliverOne"/>.
    /// </summary>
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

    // Under _delivering.
    private void DeliverBatch(Released[] batch)
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

    /// <summary>A released connection, or its record when the analysis thread made it.</summary>
    private readonly record struct Released(ReleasedConnection Connection, ConnectionRecord? Record)
    {
        public ConnectionRecord ToRecord() => Record ?? Connection.ToRecord();
    }
}
