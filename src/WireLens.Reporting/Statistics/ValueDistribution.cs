using System.Runtime.InteropServices;

namespace WireLens.Reporting.Statistics;

/// <summary>
/// Collects values (one double each) as a count per distinct value and answers exact nearest-rank percentiles
/// (<see cref="Percentile.NearestRank(IReadOnlyList{double}, double)"/>'s rank), mean and maximum.
/// </summary>
/// <remarks>
/// Memory grows with the number of distinct values, not with the number added: requests per connection take a
/// handful of entries, and handshake times from a capture with microsecond timestamps at most one per microsecond of
/// their range, however many connections the capture holds. A query sorts the distinct values once; adding after a
/// query sorts again on the next one. The mean is the running sum in the order of adding, divided by the count.
/// A run of equal values (a churn capture's one request per connection, a loopback's handshake times) is counted
/// aside and joins the counts when another value comes or a query needs them: one comparison a value instead of a
/// hash table lookup.
/// </remarks>
public sealed class ValueDistribution
{
    private readonly Dictionary<double, long> _counts = [];
    private double _runValue;
    private long _runLength; // the last values added, all equal to _runValue, not yet in _counts
    private double[] _sortedValues = [];
    private long[] _cumulative = [];
    private long _count;
    private double _sum;
    private bool _sorted = true;

    public long Count => _count;

    public double? Mean => _count == 0 ? null : _sum / _count;

    public double? Max => Percentile(100);

    public double? P50 => Percentile(50);

    public double? P90 => Percentile(90);

    public double? P99 => Percentile(99);

    /// <summary>Adds one value; NaN is rejected because it has no place in an order.</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN cannot be ranked.");
        }

        if (_runLength > 0 && value.Equals(_runValue))
        {
            _runLength++;
        }
        else
        {
            EndRun();
            _runValue = value;
            _runLength = 1;
        }

        _count++;
        _sum += value;
        _sorted = false;
    }

    /// <summary>Orders the distinct values now (queries do it themselves when needed).</summary>
    public void Sort()
    {
        if (_sorted)
        {
            return;
        }

        EndRun();
        _sortedValues = [.. _counts.Keys];
        Array.Sort(_sortedValues);
        _cumulative = new long[_sortedValues.Length];
        long running = 0;
        for (int i = 0; i < _sortedValues.Length; i++)
        {
            running += _counts[_sortedValues[i]];
            _cumulative[i] = running;
        }

        _sorted = true;
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 to 100), or null when empty.</summary>
    public double? Percentile(double p)
    {
        long? rank = Statistics.Percentile.Rank(_count, p);
        if (rank is not long r)
        {
            return null;
        }

        Sort();

        // The first distinct value whose cumulative count reaches the rank.
        int i = Array.BinarySearch(_cumulative, r);
        return _sortedValues[i >= 0 ? i : ~i];
    }

    // double.Equals, as the dictionary's comparer: 0.0 and -0.0 are one value, kept as the first of them added.
    private void EndRun()
    {
        if (_runLength > 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, _runValue, out _) += _runLength;
            _runLength = 0;
        }
    }

    /// <summary>An immutable snapshot for reports.</summary>
    public DistributionSummary ToSummary() =>
        _count == 0 ? DistributionSummary.Empty : new DistributionSummary(_count, Mean, P50, P90, P99, Max);
}
