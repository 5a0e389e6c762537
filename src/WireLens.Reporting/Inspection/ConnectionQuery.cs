using WireLens.Wire;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// The connection list's rows: which rows pass a filter, in which order. Built for a million rows: the filter fills
/// an <c>int[]</c> of row indices, then each index is paired with its row's primitive sort key (a 64-bit number, a
/// string rank or an address) and the pairs are sorted with a struct comparer (row index as tiebreak), so the sort
/// makes no calls through delegates and touches no 160-byte rows.
/// </summary>
public static class ConnectionQuery
{
    /// <summary>
    /// The indices into <paramref name="rows"/> of the rows <paramref name="filter"/> keeps, ordered by
    /// <paramref name="sort"/> as <see cref="ConnectionColumns.Compare"/> orders them (reversed when
    /// <paramref name="descending"/>). Rows with an unknown value come last in both directions; equal rows keep
    /// their row order (the sort is stable), in both directions.
    /// </summary>
    public static int[] Select(ConnectionRows rows, ConnectionFilter filter, ConnectionColumn sort, bool descending, Timestamp origin)
    {
        ArgumentNullException.ThrowIfNull(filter);
        int[] matches = Filter(rows, filter, origin);
        return ConnectionColumns.KindOf(sort) switch
        {
            ConnectionColumns.KeyKind.Text => SortByText(rows, matches, sort, descending),
            ConnectionColumns.KeyKind.Endpoint => SortByEndpoint(rows, matches, sort, descending),
            _ => SortByNumber(rows, matches, sort, descending),
        };
    }

    private static int[] Filter(ConnectionRows rows, ConnectionFilter filter, Timestamp origin)
    {
        int count = rows.Count;
        if (filter.IsEmpty)
        {
            int[] all = new int[count];
            for (int i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }

            return all;
        }

        int[] matches = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (filter.Matches(rows[i], origin))
            {
                matches[n++] = i;
            }
        }

        Array.Resize(ref matches, n);
        return matches;
    }

    private static int[] SortByNumber(ConnectionRows rows, int[] matches, ConnectionColumn column, bool descending)
    {
        var known = new Keyed<long>[matches.Length];
        int k = 0;
        int u = 0;
        foreach (int index in matches)
        {
            if (ConnectionColumns.TryGetNumericKey(rows[index], column, out long key))
            {
                known[k++] = new Keyed<long>(key, index);
            }
            else
            {
                // Unknown values: kept in row order at the front of matches, which the loop has already read.
                matches[u++] = index;
            }
        }

        return Merge(known.AsSpan(0, k), matches.AsSpan(0, u), descending);
    }

    private static int[] SortByText(ConnectionRows rows, int[] matches, ConnectionColumn column, bool descending)
    {
        // Strings are ranked once (most repeat: the table pools them), then sorted as numbers.
        var ranks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (int index in matches)
        {
            if (ConnectionColumns.TextKey(rows[index], column) is { } text)
            {
                ranks.TryAdd(text, 0);
            }
        }

        string[] distinct = [.. ranks.Keys];
        Array.Sort(distinct, StringComparer.Ordinal);
        for (int i = 0; i < distinct.Length; i++)
        {
            ranks[distinct[i]] = i;
        }

        var known = new Keyed<long>[matches.Length];
        int k = 0;
        int u = 0;
        foreach (int index in matches)
        {
            if (ConnectionColumns.TextKey(rows[index], column) is { } text)
            {
                known[k++] = new Keyed<long>(ranks[text], index);
            }
            else
            {
                matches[u++] = index;
            }
        }

        return Merge(known.AsSpan(0, k), matches.AsSpan(0, u), descending);
    }

    private static int[] SortByEndpoint(ConnectionRows rows, int[] matches, ConnectionColumn column, bool descending)
    {
        var keyed = new Keyed<ConnectionColumns.Endpoint>[matches.Length];
        for (int i = 0; i < matches.Length; i++)
        {
            keyed[i] = new Keyed<ConnectionColumns.Endpoint>(ConnectionColumns.EndpointKey(rows[matches[i]], column), matches[i]);
        }

        return Merge(keyed, [], descending);
    }

    private static int[] Merge<TKey>(Span<Keyed<TKey>> known, ReadOnlySpan<int> unknown, bool descending)
        where TKey : IComparable<TKey>
    {
        known.Sort(new KeyedComparer<TKey>(descending));
        int[] order = new int[known.Length + unknown.Length];
        for (int i = 0; i < known.Length; i++)
        {
            order[i] = known[i].Index;
        }

        unknown.CopyTo(order.AsSpan(known.Length));
        return order;
    }

    private readonly record struct Keyed<TKey>(TKey Key, int Index);

    // A struct comparer: the generic sort is specialised for it, so comparisons are inlined, not delegate calls.
    private readonly struct KeyedComparer<TKey>(bool descending) : IComparer<Keyed<TKey>>
        where TKey : IComparable<TKey>
    {
        public int Compare(Keyed<TKey> x, Keyed<TKey> y)
        {
            int c = x.Key.CompareTo(y.Key);
            if (c != 0)
            {
                return descending ? -c : c;
            }

            return x.Index.CompareTo(y.Index);
        }
    }
}
