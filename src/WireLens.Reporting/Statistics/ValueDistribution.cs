namespace WireLens.Reporting.Statistics;

/// <summary>
/// Collects values (one double each), sorts them once, and answers nearest-rank percentiles
/// (<see cref="Percentile.NearestRank"/>), mean and maximum. Adding after a query sorts again on the next query.
/// </summary>
public sealed class ValueDistribution
{
    private readonly List<double> _values = [];
    private double _sum;
    private bool _sorted = true;

    public int Count => _values.Count;

    public double? Mean => _values.Count == 0 ? null : _sum / _values.Count;

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

        _values.Add(value);
        _sum += value;
        _sorted = false;
    }

    /// <summary>Sorts the values now (queries do it themselves when needed).</summary>
    public void Sort()
    {
        if (!_sorted)
        {
            _values.Sort();
            _sorted = true;
        }
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0 to 100), or null when empty.</summary>
    public double? Percentile(double p)
    {
        Sort();
        return Statistics.Percentile.NearestRank(_values, p);
    }

    /// <summary>An immutable snapshot for reports.</summary>
    public DistributionSummary ToSummary() =>
        _values.Count == 0 ? DistributionSummary.Empty : new DistributionSummary(Count, Mean, P50, P90, P99, Max);
}
