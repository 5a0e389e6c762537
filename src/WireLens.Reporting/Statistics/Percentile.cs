namespace WireLens.Reporting.Statistics;

/// <summary>
/// The one percentile definition WireLens uses everywhere (report, summary, views): nearest rank.
/// </summary>
/// <remarks>
/// Nearest rank returns a value that was actually observed, never an interpolation:
/// rank = ceil(p / 100 * n), at least 1, and the result is the value at that 1-based rank of the sorted list.
/// With n = 10, p50 is the 5th value, p90 the 9th, p99 and p100 the 10th.
/// </remarks>
public static class Percentile
{
    /// <summary>The nearest-rank percentile of an ascending list, or null when the list is empty.</summary>
    /// <param name="sortedValues">Values in ascending order (not checked).</param>
    /// <param name="p">The percentile, 0 to 100 inclusive; p = 0 gives the minimum.</param>
    public static double? NearestRank(IReadOnlyList<double> sortedValues, double p)
    {
        ArgumentNullException.ThrowIfNull(sortedValues);
        long? rank = Rank(sortedValues.Count, p);
        return rank is long r ? sortedValues[(int)(r - 1)] : null;
    }

    /// <summary>
    /// The 1-based rank of the nearest-rank percentile <paramref name="p"/> among <paramref name="n"/> ordered values,
    /// or null when there are none.
    /// </summary>
    public static long? Rank(long n, double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A percentile is between 0 and 100.");
        }

        if (n <= 0)
        {
            return null;
        }

        // p / 100 * n computed as p * n / 100 so that e.g. p = 90, n = 10 gives exactly 9, not 9.000000000000002.
        long rank = (long)Math.Ceiling(p * n / 100.0);
        return Math.Clamp(rank, 1, n);
    }
}
