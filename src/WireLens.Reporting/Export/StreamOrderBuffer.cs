namespace WireLens.Reporting.Export;

/// <summary>
/// Puts items that arrive in release order back into stream order (0, 1, 2, ...) with bounded memory,
/// for the CSV and JSON exports.
/// </summary>
/// <remarks>
/// The analyzer numbers streams 0, 1, 2, ... without holes, but releases a connection when it ends, so a
/// long-lived stream 0 can come after thousands of later ones. Each added item is held until every lower stream
/// has been written. When more than <see cref="Capacity"/> items are held, the lowest one is written anyway and the
/// expected stream moves past it: from then on the output is in ascending order within what was buffered, but a
/// stream released later with a lower number is written when it arrives (counted in <see cref="WrittenOutOfOrder"/>).
/// Duplicate stream numbers are tolerated and written in the order of the rest.
/// </remarks>
/// <typeparam name="T">The item type, e.g. a connection record.</typeparam>
public sealed class StreamOrderBuffer<T>
{
    /// <summary>The default bound on held items.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly PriorityQueue<T, long> _held = new();
    private readonly Func<T, long> _streamOf;
    private readonly Action<T> _write;
    private long _nextStream;

    /// <param name="streamOf">The stream number of an item.</param>
    /// <param name="write">Called once per item, in output order.</param>
    /// <param name="capacity">How many items may wait for a lower stream (at least 1).</param>
    public StreamOrderBuffer(Func<T, long> streamOf, Action<T> write, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(streamOf);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _streamOf = streamOf;
        _write = write;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Items held now, waiting for a lower stream.</summary>
    public int Count => _held.Count;

    /// <summary>The stream number the output is waiting for.</summary>
    public long NextStream => _nextStream;

    /// <summary>Items written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Items written after a higher stream (because the bound forced an earlier write).</summary>
    public long WrittenOutOfOrder { get; private set; }

    /// <summary>Takes one item and writes everything that is now in order.</summary>
    public void Add(T item)
    {
        long stream = _streamOf(item);
        if (stream < _nextStream)
        {
            // Its turn has passed: a forced write already went beyond it (or it is a duplicate).
            Emit(item, stream, outOfOrder: true);
            return;
        }

        _held.Enqueue(item, stream);
        Drain();
        while (_held.Count > Capacity)
        {
            // Over the bound: give up waiting for the missing stream and write the lowest held item.
            _held.TryDequeue(out T? lowest, out long lowestStream);
            Emit(lowest!, lowestStream, outOfOrder: false);
            Drain();
        }
    }

    /// <summary>Writes every held item in ascending stream order (at the end of the input).</summary>
    public void Flush()
    {
        while (_held.TryDequeue(out T? item, out long stream))
        {
            Emit(item, stream, outOfOrder: false);
        }
    }

    private void Drain()
    {
        while (_held.TryPeek(out _, out long stream) && stream <= _nextStream)
        {
            _held.TryDequeue(out T? item, out _);
            Emit(item!, stream, outOfOrder: false);
        }
    }

    private void Emit(T item, long stream, bool outOfOrder)
    {
        _write(item);
        Written++;
        if (outOfOrder)
        {
            WrittenOutOfOrder++;
        }

        _nextStream = Math.Max(_nextStream, stream + 1);
    }
}
