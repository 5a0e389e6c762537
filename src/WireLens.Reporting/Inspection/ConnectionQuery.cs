using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// The connection list's rows: which rows pass a filter, in which order. Built for a million rows: the filter fills
/// an <c>int[]</c> of row indices (free text through <see cref="ConnectionTextSearch"/>, which makes no strings per
/// row); each index then gets a 64-bit key whose order is the column's order (the value itself, or the rank of a
/// string or address among the distinct ones), and <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[], int, int)"/>
/// sorts keys and indices together; runs of equal keys are then put back in row order, which makes the sort stable.
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
        var keys = new long[matches.Length];
        var known = new int[matches.Length];
        int k = 0;
        int u = 0;
        Func<ConnectionRows, int, (bool Known, long Key)> keyOf = KeyFunction(rows, matches, sort);
        foreach (int index in matches)
        {
            (bool isKnown, long key) = keyOf(rows, index);
            if (isKnown)
            {
                // ~key reverses the order exactly (no overflow, unlike -key).
                keys[k] = descending ? ~key : key;
                known[k++] = index;
            }
            else
            {
                // Unknown values stay in row order; they go to the front of matches, which the loop has already read.
                matches[u++] = index;
            }
        }

        Array.Sort(keys, known, 0, k);
        RestoreRowOrderOfTies(keys, known, k);
        matches.AsSpan(0, u).CopyTo(known.AsSpan(k));
        return known[..(k + u)];
    }

    private static int[] Filter(ConnectionRows rows, ConnectionFilter filter, Timestamp origin)
    {
        int count = rows.Count;
        int[] matches = new int[count];
        if (filter.IsEmpty)
        {
            for (int i = 0; i < count; i++)
            {
                matches[i] = i;
            }

            return matches;
        }

        ConnectionTextSearch? text = string.IsNullOrEmpty(filter.Text) ? null : new ConnectionTextSearch(filter.Text, origin);
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            ref readonly ConnectionSummary row = ref rows[i];
            if (filter.MatchesKeys(row) && (text is null || text.Matches(row)))
            {
                matches[n++] = i;
            }
        }

        Array.Resize(ref matches, n);
        return matches;
    }

    // The key of one row; string and address columns first rank their distinct values among the matching rows.
    private static Func<ConnectionRows, int, (bool Known, long Key)> KeyFunction(ConnectionRows rows, int[] matches, ConnectionColumn column)
    {
        switch (ConnectionColumns.KindOf(column))
        {
            case ConnectionColumns.KeyKind.Text:
                Dictionary<string, long> strings = Rank(
                    rows, matches, (in ConnectionSummary r) => ConnectionColumns.TextKey(r, column), StringComparer.Ordinal, StringComparer.Ordinal);
                return (rs, i) => ConnectionColumns.TextKey(rs[i], column) is { } s ? (true, strings[s]) : (false, 0);
            case ConnectionColumns.KeyKind.Endpoint:
                Dictionary<IpAddress, long> addresses = Rank<IpAddress>(
                    rows, matches, (in ConnectionSummary r) => ConnectionColumns.EndpointKey(r, column).Address, EqualityComparer<IpAddress>.Default, Comparer<IpAddress>.Default);
                return (rs, i) =>
                {
                    ConnectionColumns.Endpoint e = ConnectionColumns.EndpointKey(rs[i], column);
                    return (true, (addresses[e.Address] << 16) | e.Port);
                };
            default:
                return (rs, i) => (ConnectionColumns.TryGetNumericKey(rs[i], column, out long key), key);
        }
    }

    private delegate T? Selector<T>(in ConnectionSummary row);

    private static Dictionary<T, long> Rank<T>(
        ConnectionRows rows, int[] matches, Selector<T> select, IEqualityComparer<T> equality, IComparer<T> order)
        where T : notnull
    {
        var ranks = new Dictionary<T, long>(equality);
        foreach (int index in matches)
        {
            if (select(rows[index]) is { } value)
            {
                ranks.TryAdd(value, 0);
            }
        }

        T[] distinct = [.. ranks.Keys];
        Array.Sort(distinct, order);
        for (int i = 0; i < distinct.Length; i++)
        {
            ranks[distinct[i]] = i;
        }

        return ranks;
    }

    // Array.Sort is not stable: within each run of equal keys, sort the row indices.
    private static void RestoreRowOrderOfTies(long[] keys, int[] indices, int count)
    {
        int start = 0;
        for (int i = 1; i <= count; i++)
        {
            if (i == count || keys[i] != keys[start])
            {
                if (i - start > 1)
                {
                    Array.Sort(indices, start, i - start);
                }

                start = i;
            }
        }
    }
}
