namespace WireLens.Reporting.Statistics;

/// <summary>A snapshot of a <see cref="CappedCounter{TKey}"/>: a count per key, and the occurrences of keys not kept.</summary>
/// <param name="Counts">Count per key; renderers list the keys in the key type's order (ordinal for strings).</param>
/// <param name="Other">Occurrences of keys beyond the counter's capacity of distinct keys.</param>
public sealed record CountTable<TKey>(IReadOnlyDictionary<TKey, long> Counts, long Other)
    where TKey : notnull;
