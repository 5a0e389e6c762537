using WireLens.Wire;

namespace WireLens.Analysis.Connections;

/// <summary>
/// Takes connections as the tracker releases them, before their record is made, so that a consumer on another thread
/// makes the records (<see cref="ReleasedConnection.ToRecord"/>) and the tracker's thread is spared that work and its
/// allocations. The offline runner uses it; a plain <see cref="IConnectionSink"/> gets the records made on the
/// tracker's thread.
/// </summary>
public interface IReleasedConnectionSink
{
    /// <summary>Called on the tracker's thread, in release order.</summary>
    void OnReleased(ReleasedConnection connection);
}

/// <summary>
/// Makes each released connection's record at once, on the tracker's thread, and gives it to a record sink: what a
/// tracker built with a plain <see cref="IConnectionSink"/> does.
/// </summary>
public sealed class RecordMakingSink : IReleasedConnectionSink
{
    private readonly IConnectionSink _sink;

    public RecordMakingSink(IConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
    }

    public void OnReleased(ReleasedConnection connection) => _sink.OnConnection(connection.ToRecord());
}

/// <summary>
/// A connection the tracker has released and finished with: its byte streams are sealed and nothing on the tracker's
/// thread touches it until <see cref="ToRecord"/> gives it back. Make the record exactly once, on any one thread.
/// </summary>
public readonly struct ReleasedConnection
{
    private readonly TcpConnection _connection;
    private readonly ConnectionPool _pool;
    private readonly int _generation;

    internal ReleasedConnection(TcpConnection connection, FlushReason reason, ConnectionPool pool, Timestamp openFloor)
    {
        _connection = connection;
        _pool = pool;
        _generation = connection.Generation;
        Reason = reason;
        OpenFloor = openFloor;
    }

    public FlushReason Reason { get; }

    /// <summary>See <see cref="ConnectionRecord.OpenFloor"/>.</summary>
    public Timestamp OpenFloor { get; }

    /// <summary>Reads ahead what <see cref="ToRecord"/> will read (see TcpConnection.Warm); the result means nothing.</summary>
    public long Warm() => _connection?.Warm() ?? 0;

    /// <summary>Makes the connection's record and returns its state to the tracker for reuse.</summary>
    /// <exception cref="InvalidOperationException">The record was already made (the state may be another connection's now).</exception>
    public ConnectionRecord ToRecord()
    {
        if (_connection is null || _connection.Generation != _generation || !_connection.Released)
        {
            throw new InvalidOperationException("This released connection's record was already made.");
        }

        ConnectionRecord record = _connection.ToRecord(Reason, OpenFloor);
        _pool.Return(_connection);
        return record;
    }
}

/// <summary>
/// Released connection objects kept for reuse (see TcpConnection.Pooling.cs). The tracker takes from it; whoever
/// makes a released connection's record returns it, possibly on another thread, hence the lock.
/// </summary>
internal sealed class ConnectionPool(int capacity)
{
    private readonly Stack<TcpConnection> _connections = new();
    private readonly Lock _lock = new();

    public bool TryTake(out TcpConnection connection)
    {
        lock (_lock)
        {
            return _connections.TryPop(out connection!);
        }
    }

    /// <summary>Clears <paramref name="connection"/> (on the caller's thread, outside the lock) and keeps it for reuse.</summary>
    public void Return(TcpConnection connection)
    {
        connection.Recycle();
        lock (_lock)
        {
            if (_connections.Count < capacity)
            {
                _connections.Push(connection);
            }
        }
    }
}
