namespace WireLens.Reporting.Statistics;

/// <summary>
/// A snapshot of a <see cref="ValueDistribution"/>: count, mean and nearest-rank percentiles.
/// Every value but <see cref="Count"/> is null when no value was added.
/// </summary>
public sealed record DistributionSummary(long Count, double? Mean, double? P50, double? P90, double? P99, double? Max)
{
    /// <summary>The summary of no values.</summary>
    public static DistributionSummary Empty { get; } = new(0, null, null, null, null, null);
}
