using WireLens.Reporting.Statistics;

namespace WireLens.UnitTests.Reporting;

public class ValueDistributionTests
{
    [Fact]
    public void ToSummary_NoValues_IsEmpty()
    {
        var distribution = new ValueDistribution();

        Assert.Equal(DistributionSummary.Empty, distribution.ToSummary());
        Assert.Null(distribution.P50);
        Assert.Null(distribution.Mean);
    }

    [Fact]
    public void ToSummary_UnsortedValues_SortsAndRanks()
    {
        var distribution = new ValueDistribution();
        foreach (double v in new double[] { 10, 3, 7, 1, 9, 2, 8, 4, 6, 5 })
        {
            distribution.Add(v);
        }

        DistributionSummary summary = distribution.ToSummary();

        Assert.Equal(new DistributionSummary(10, 5.5, 5, 9, 10, 10), summary);
    }

    [Fact]
    public void Percentile_AddAfterQuery_SortsAgain()
    {
        var distribution = new ValueDistribution();
        distribution.Add(5);
        Assert.Equal(5, distribution.Max);

        distribution.Add(1);

        Assert.Equal(1, distribution.Percentile(0));
        Assert.Equal(5, distribution.Max);
        Assert.Equal(2, distribution.Count);
    }

    [Fact]
    public void Add_NaN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueDistribution().Add(double.NaN));
    }
}
