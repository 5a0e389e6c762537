using System.Globalization;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// ClientHello→ServerHello latency of TLS connections, full handshakes beside resumed ones, on log-spaced bins.
/// </summary>
/// <param name="Bins">Contiguous bins in ascending order (each one's <see cref="LatencyBin.HighMs"/> is the next one's <see cref="LatencyBin.LowMs"/>); empty when no row counted.</param>
/// <param name="Full">Full handshakes counted (the sum of the bins' <see cref="LatencyBin.Full"/>).</param>
/// <param name="Resumed">Resumed handshakes counted.</param>
public sealed record LatencyHistogram(IReadOnlyList<LatencyBin> Bins, long Full, long Resumed)
{
    // Edges span 0.01 ms to 10 s; a value outside counts in the bin below (from 0) or above (to +∞) the range.
    private const int LowestExponent = -2;
    private const int HighestExponent = 4;

    // Edge sets from fine to coarse: mantissas per decade, then a decade step.
    private static readonly (int[] Mantissas, int DecadeStep)[] s_levels =
    [
        ([1, 2, 5], 1),
        ([1, 3], 1),
        ([1], 1),
        ([1], 2),
        ([1], 3),
        ([1], 6),
    ];

    /// <summary>
    /// The histogram of the rows of <paramref name="group"/> (every row when null) that have a
    /// ClientHello→ServerHello time (not NaN) and a known resumption (<see cref="ConnectionSummary.TlsResumed"/> not
    /// null). Edges are the finest of 1-2-5, 1-3, 1 per decade (then one per 2, 3, 6 decades) from 0.01 ms to 10 s
    /// that gives at most <paramref name="maxBins"/> bins from the lowest populated bin to the highest; when even
    /// the coarsest gives more, neighbouring bins are merged.
    /// </summary>
    public static LatencyHistogram Build(ConnectionRows rows, string? group, int maxBins = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        var values = new List<(float Ms, bool Resumed)>();
        for (int i = 0; i < rows.Count; i++)
        {
            ref readonly ConnectionSummary row = ref rows[i];
            if (row.TlsResumed is { } resumed
                && !float.IsNaN(row.ClientHelloToServerHelloMs)
                && (group is null || string.Equals(row.Group, group, StringComparison.Ordinal)))
            {
                values.Add((row.ClientHelloToServerHelloMs, resumed));
            }
        }

        long full = values.Count(v => !v.Resumed);
        long resumedCount = values.Count - full;
        if (values.Count == 0)
        {
            return new LatencyHistogram([], 0, 0);
        }

        for (int level = 0; ; level++)
        {
            (int[] mantissas, int step) = s_levels[level];
            double[] edges = Edges(mantissas, step);
            (long[] fullCounts, long[] resumedCounts) = Count(values, edges);
            (int lo, int hi) = PopulatedRange(fullCounts, resumedCounts);
            if (hi - lo + 1 <= maxBins || level == s_levels.Length - 1)
            {
                return new LatencyHistogram(MakeBins(edges, fullCounts, resumedCounts, lo, hi, maxBins), full, resumedCount);
            }
        }
    }

    // Bin j (0 ≤ j ≤ edges.Length) holds [bound(j-1), bound(j)), with bound(-1) = 0 and bound(edges.Length) = +∞.
    private static (long[] Full, long[] Resumed) Count(List<(float Ms, bool Resumed)> values, double[] edges)
    {
        // Edges compared as floats: a time stored as 0.02f belongs to the bin that starts at 0.02.
        float[] floatEdges = [.. edges.Select(e => (float)e)];
        long[] full = new long[edges.Length + 1];
        long[] resumed = new long[edges.Length + 1];
        foreach ((float ms, bool isResumed) in values)
        {
            int j = Array.BinarySearch(floatEdges, ms);
            j = j >= 0 ? j + 1 : ~j;
            if (isResumed)
            {
                resumed[j]++;
            }
            else
            {
                full[j]++;
            }
        }

        return (full, resumed);
    }

    private static (int Lo, int Hi) PopulatedRange(long[] full, long[] resumed)
    {
        int lo = 0;
        while (full[lo] + resumed[lo] == 0)
        {
            lo++;
        }

        int hi = full.Length - 1;
        while (full[hi] + resumed[hi] == 0)
        {
            hi--;
        }

        return (lo, hi);
    }

    private static LatencyBin[] MakeBins(double[] edges, long[] full, long[] resumed, int lo, int hi, int maxBins)
    {
        int fine = hi - lo + 1;
        int merge = (fine + maxBins - 1) / maxBins;
        var bins = new List<LatencyBin>();
        for (int start = lo; start <= hi; start += merge)
        {
            int end = Math.Min(hi, start + merge - 1);
            long f = 0;
            long r = 0;
            for (int j = start; j <= end; j++)
            {
                f += full[j];
                r += resumed[j];
            }

            double low = start == 0 ? 0 : edges[start - 1];
            double high = end == edges.Length ? double.PositiveInfinity : edges[end];
            bins.Add(new LatencyBin(low, high, f, r));
        }

        return [.. bins];
    }

    // 0.01 ms … 10 s: mantissa × 10^exponent for every listed mantissa, every step-th decade, plus the 10 s edge.
    private static double[] Edges(int[] mantissas, int decadeStep)
    {
        var edges = new List<double>();
        for (int exponent = LowestExponent; exponent < HighestExponent; exponent += decadeStep)
        {
            foreach (int m in mantissas)
            {
                edges.Add(Decimal(m, exponent));
            }
        }

        edges.Add(Decimal(1, HighestExponent));
        return [.. edges];
    }

    // From text, so 0.02 is the double nearest to 0.02 rather than 2 × 0.01.
    private static double Decimal(int mantissa, int exponent) =>
        double.Parse(string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{exponent}"), CultureInfo.InvariantCulture);
}
