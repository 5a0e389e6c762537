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

    [Fact]
    public void Percentiles_ManyRepeatedValues_SameAsRankingTheSortedList()
    {
        // 100,000 values drawn from 37 distinct ones: each percentile equals the nearest rank of the full sorted list.
        var random = new Random(7);
        var distribution = new ValueDistribution();
        var all = new List<double>();
        for (int i = 0; i < 100_000; i++)
        {
            double v = random.Next(37) * 0.001;
            distribution.Add(v);
            all.Add(v);
        }

        all.Sort();

        Assert.Equal(100_000, distribution.Count);
        foreach (double p in new[] { 0, 0.001, 1, 10, 33.3, 50, 90, 99, 99.99, 100 })
        {
            Assert.Equal(Percentile.NearestRank(all, p), distribution.Percentile(p));
        }

        Assert.Equal(all.Sum() / all.Count, distribution.Mean!.Value, 12);
    }

    [Fact]
    public void Percentile_RepeatedValueAddedAfterQuery_RanksWithNewCounts()
    {
        var distribution = new ValueDistribution();
        distribution.Add(1);
        distribution.Add(2);
        Assert.Equal(1, distribution.P50);

        distribution.Add(2);

        Assert.Equal(2, distribution.P50);
    }

    [Fact]
    public void Percentiles_ValuesInRuns_QueriedBetween_SameAsRankingTheSortedList()
    {
        // Runs of 1 to 50 equal values (counted aside until another value comes), queried now and then, a run going
        // on across a query: each answer equals the nearest rank of everything added so far.
        var random = new Random(11);
        var distribution = new ValueDistribution();
        var all = new List<double>();
        for (int run = 0; run < 2_000; run++)
        {
            double v = random.Next(20) * 0.5;
            int length = random.Next(1, 51);
            for (int i = 0; i < length; i++)
            {
                distribution.Add(v);
                all.Add(v);
                if (random.Next(200) == 0)
                {
                    AssertSameAsSorted(distribution, all);
                }
            }
        }

        AssertSameAsSorted(distribution, all);
        Assert.True(all.Count > 40_000); // the runs were long enough to matter
    }

    [Fact]
    public void Add_ZeroAfterNegativeZero_OneValueKeptAsTheFirstAdded()
    {
        var distribution = new ValueDistribution();
        distribution.Add(-0.0);
        distribution.Add(0.0);
        distribution.Add(1);

        Assert.Equal(3, distribution.Count);
        Assert.True(double.IsNegative(distribution.P50!.Value)); // -0.0 and 0.0 counted as one, the first added
        Assert.Equal(1, distribution.Max);
    }

    private static void AssertSameAsSorted(ValueDistribution distribution, List<double> added)
    {
        var sorted = added.Order().ToList();
        Assert.Equal(sorted.Count, distribution.Count);
        foreach (double p in new[] { 0, 1, 25, 50, 66.6, 90, 99, 100 })
        {
            Assert.Equal(Percentile.NearestRank(sorted, p), distribution.Percentile(p));
        }
    }
}
