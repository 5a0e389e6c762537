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
    public void Add(TKey key)
    {
        if (_counts.TryGetValue(key, out long count))
        {
            _counts[key] = count + 1;
        }
        else if (_counts.Count < Capacity)
        {
            _counts.Add(key, 1);
        }
        else
        {
            _other++;
        }
    }

    /// <summary>An immutable snapshot, keys in the comparer's order.</summary>
    public CountTable<TKey> ToTable() => new(ImmutableSortedDictionary.CreateRange(_counts.Comparer, _counts), _other);
}
