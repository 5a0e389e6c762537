using System.Collections.Immutable;

namespace WireLens.Reporting.Statistics;

/// <summary>
/// Counts occurrences per key for at most <see cref="Capacity"/> distinct keys; occurrences of a key first seen after
/// that are added to one "other" count. Memory is bounded whatever the capture holds (keys such as ALPN names are
/// wire text a peer chooses freely). The keys kept are the first ones seen, in the order connections are released.
/// </summary>
/// <typeparam name="TKey">The counted value, e.g. a TLS version or an ALPN name.</typeparam>
public sealed class CappedCounter<TKey>
    where TKey : notnull
{
    /// <summary>The default number of distinct keys kept.</summary>
    public const int DefaultCapacity = 32;

    private readonly SortedDictionary<TKey, long> _counts;
    private long _other;
    private TKey? _runKey;
    private long _runLength; // the last keys counted, all equal to _runKey (by the comparer), not yet in _counts

    /// <param name="comparer">The order (and so the equality) of keys, e.g. <see cref="StringComparer.Ordinal"/>; the default order when null.</param>
    /// <param name="capacity">How many distinct keys are counted one by one (at least 1).</param>
    public CappedCounter(IComparer<TKey>? comparer = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _counts = new SortedDictionary<TKey, long>(comparer ?? Comparer<TKey>.Default);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Counts one occurrence of <paramref name="key"/>.</summary>
    /// <remarks>
    /// A run of equal keys (one tool's connections one after another) is counted aside and joins the counts when
    /// another key comes or a table is made: one comparison a key instead of two lookups in the tree. Keys still join
    /// in the order they first came, so the same ones are counted one by one.
    /// </remarks>
    public void Add(TKey key)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key)); // not ThrowIfNull: it would box a value-type key
        }

        if (_runLength > 0 && _counts.Comparer.Compare(_runKey, key) == 0)
        {
            _runLength++;
            return;
        }

        EndRun();
        _runKey = key;
        _runLength = 1;
    }

    /// <summary>An immutable snapshot, keys in the comparer's order.</summary>
    public CountTable<TKey> ToTable()
    {
        EndRun();
        return new(ImmutableSortedDictionary.CreateRange(_counts.Comparer, _counts), _other);
    }

    private void EndRun()
    {
        if (_runLength == 0)
        {
            return;
        }

        TKey key = _runKey!;
        if (_counts.TryGetValue(key, out long count))
        {
            _counts[key] = count + _runLength;
        }
        else if (_counts.Count < Capacity)
        {
            _counts.Add(key, _runLength);
        }
        else
        {
            _other += _runLength;
        }

        _runKey = default;
        _runLength = 0;
    }
}
