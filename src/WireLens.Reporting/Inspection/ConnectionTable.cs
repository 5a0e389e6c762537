using WireLens.Analysis.Connections;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// The terminal UI's store of every released connection: append-only, one writer at a time (whichever thread hands
/// released connections on: the analysis thread live, either of the offline pipeline's two under its relay's lock) and
/// any number of readers (the UI thread), which read a <see cref="ConnectionRows"/> snapshot without locks. Rows live
/// in fixed chunks that never move; a snapshot is (chunk directory, count), published after the rows it covers were
/// written.
/// Cost: one <see cref="ConnectionSummary"/> per connection (see <see cref="BytesPerConnection"/>) plus the pooled
/// strings; only kept while the UI is open (without it, analysis memory follows open connections only).
/// </summary>
public sealed class ConnectionTable
{
    /// <summary>Rows per chunk (a power of two).</summary>
    internal const int ChunkShift = 12;
    internal const int ChunkSize = 1 << ChunkShift;

    /// <summary>Distinct strings the pool shares at most: past it, new strings are stored as they come (a flood of distinct SNIs cannot grow the pool).</summary>
    private const int MaxPooledStrings = 16_384;

    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private ConnectionSummary[][] _chunks = [];
    private int _count;

    /// <summary>The approximate managed size of one row in bytes (the struct; pooled strings not counted).</summary>
    public static int BytesPerConnection => System.Runtime.CompilerServices.Unsafe.SizeOf<ConnectionSummary>();

    /// <summary>Rows added so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds one connection (one writer at a time).</summary>
    /// <param name="record">The released connection.</param>
    /// <param name="group">Its report group.</param>
    /// <param name="tool">Its attributed tool.</param>
    /// <param name="capture">Which capture file it is in (index into the snapshot's capture list).</param>
    public void Add(ConnectionRecord record, string group, string tool, int capture)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(tool);
        Append(ConnectionSummaries.From(record, Pool(group)!, Pool(tool)!, capture, Pool));
    }

    /// <summary>Adds one prepared row (one writer at a time).</summary>
    public void Append(in ConnectionSummary row)
    {
        int index = _count;
        int chunk = index >> ChunkShift;
        ConnectionSummary[][] chunks = _chunks;
        if (chunk == chunks.Length)
        {
            // A larger directory holding the same chunks: readers of the old one still see every row they were promised.
            var grown = new ConnectionSummary[Math.Max(4, chunks.Length * 2)][];
            Array.Copy(chunks, grown, chunks.Length);
            for (int i = chunks.Length; i < grown.Length; i++)
            {
                grown[i] = null!;
            }

            chunks = grown;
        }

        chunks[chunk] ??= new ConnectionSummary[ChunkSize];
        chunks[chunk][index & (ChunkSize - 1)] = row;
        Volatile.Write(ref _chunks, chunks);
        Volatile.Write(ref _count, index + 1);
    }

    /// <summary>The rows so far; later additions do not change it.</summary>
    public ConnectionRows Snapshot()
    {
        int count = Volatile.Read(ref _count);
        return new ConnectionRows(Volatile.Read(ref _chunks), count);
    }

    private string? Pool(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_pool.TryGetValue(value, out string? pooled))
        {
            return pooled;
        }

        if (_pool.Count < MaxPooledStrings)
        {
            _pool.Add(value, value);
        }

        return value;
    }
}

/// <summary>An immutable view of the first <see cref="Count"/> rows of a <see cref="ConnectionTable"/>.</summary>
public readonly struct ConnectionRows
{
    private readonly ConnectionSummary[][]? _chunks;

    internal ConnectionRows(ConnectionSummary[][] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    /// <summary>No rows.</summary>
    public static ConnectionRows Empty => default;

    public int Count { get; }

    /// <summary>Row <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public ref readonly ConnectionSummary this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ref _chunks![index >> ConnectionTable.ChunkShift][index & (ConnectionTable.ChunkSize - 1)];
        }
    }

    /// <summary>A table of the given rows (tests, benchmarks, and the offline UI's final rows).</summary>
    public static ConnectionRows Of(IEnumerable<ConnectionSummary> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new ConnectionTable();
        foreach (ConnectionSummary row in rows)
        {
            table.Append(row);
        }

        return table.Snapshot();
    }
}
