using System.Numerics;

namespace WireLens.Load.Builtin;

/// <summary>
/// Latencies in whole microseconds, recorded from any thread without a lock, in the log-linear buckets of
/// HdrHistogram with three significant digits: values below 2048 µs are kept exactly; above, each power of two is cut
/// into 1024 equal buckets, so a value is known to within 1/1024 (0.1%). The count, sum, minimum and maximum are exact.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>Values from this one on share a bucket with others.</summary>
    public const long ExactBelow = 2 * SubBuckets;

    /// <summary>The largest value kept apart; larger ones (beyond 12 days) count as this one.</summary>
    public const long MaxValue = (1L << 40) - 1;

    private const int SubBucketBits = 10;
    private const long SubBuckets = 1L << SubBucketBits;

    private readonly long[] _counts = new long[IndexOf(MaxValue) + 1];
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max;

    /// <summary>How many values were recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>The smallest value recorded (0 when none).</summary>
    public long Min => Count == 0 ? 0 : Volatile.Read(ref _min);

    /// <summary>The largest value recorded (0 when none).</summary>
    public long Max => Volatile.Read(ref _max);

    /// <summary>The exact mean (0 when none).</summary>
    public double Mean => Count == 0 ? 0 : (double)Volatile.Read(ref _sum) / Count;

    /// <summary>Records one value in microseconds; negative values count as 0.</summary>
    public void Record(long micros)
    {
        long value = Math.Clamp(micros, 0, MaxValue);
        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        long seen = Volatile.Read(ref _max);
        while (value > seen)
        {
            long before = Interlocked.CompareExchange(ref _max, value, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }

        seen = Volatile.Read(ref _min);
        while (value < seen)
        {
            long before = Interlocked.CompareExchange(ref _min, value, seen);
            if (before == seen)
            {
                break;
            }

            seen = before;
        }
    }

    /// <summary>
    /// The nearest-rank percentile: the smallest recorded value v such that at least <paramref name="percent"/>% of the
    /// values are ≤ v, given as the highest value of its bucket (exact below <see cref="ExactBelow"/>) but never above
    /// <see cref="Max"/> nor below <see cref="Min"/>. 0 when nothing was recorded.
    /// </summary>
    public long Percentile(double percent)
    {
        // The project's one nearest-rank definition (p * n / 100, so that 99.9 of 1,000 is rank 999, not 1,000).
        if (WireLens.Reporting.Statistics.Percentile.Rank(Count, percent) is not long rank)
        {
            return 0;
        }

        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += Volatile.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return Math.Clamp(HighestOf(i), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>The bucket of <paramref name="value"/> (0 ≤ value ≤ <see cref="MaxValue"/>).</summary>
    public static int IndexOf(long value)
    {
        if (value < ExactBelow)
        {
            return (int)value;
        }

        // value has its top bit at `exponent` (>= 11); its top 11 bits, 1024..2047, pick the bucket in that power of two.
        int exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        int shift = exponent - SubBucketBits;
        long mantissa = value >> shift;
        return (int)(ExactBelow + ((exponent - SubBucketBits - 1) * SubBuckets) + (mantissa - SubBuckets));
    }

    /// <summary>The highest value that falls into bucket <paramref name="index"/>.</summary>
    public static long HighestOf(int index)
    {
        if (index < ExactBelow)
        {
            return index;
        }

        long rest = index - ExactBelow;
        int shift = (int)(rest / SubBuckets) + 1;
        long mantissa = SubBuckets + (rest % SubBuckets);
        return ((mantissa + 1) << shift) - 1;
    }
}
