using WireLens.Load.Builtin;

namespace WireLens.UnitTests.Load;

public sealed class BuiltinLatencyHistogramTests
{
    [Fact]
    public void Percentile_Empty_IsZero()
    {
        var h = new LatencyHistogram();

        Assert.Equal(0, h.Percentile(50));
        Assert.Equal(0, h.Max);
        Assert.Equal(0, h.Min);
        Assert.Equal(0, h.Mean);
    }

    [Fact]
    public void Percentile_OneToHundred_IsNearestRank()
    {
        // Arrange: 1..100 µs, all kept exactly.
        var h = new LatencyHistogram();
        foreach (int v in Enumerable.Range(1, 100).Reverse())
        {
            h.Record(v);
        }

        // Assert: nearest rank: the smallest value with at least p% of the values at or below it.
        Assert.Equal(1, h.Percentile(0));
        Assert.Equal(1, h.Percentile(1));
        Assert.Equal(2, h.Percentile(1.5));
        Assert.Equal(50, h.Percentile(50));
        Assert.Equal(51, h.Percentile(50.1));
        Assert.Equal(90, h.Percentile(90));
        Assert.Equal(99, h.Percentile(99));
        Assert.Equal(100, h.Percentile(100));
        Assert.Equal(50.5, h.Mean);
        Assert.Equal(100, h.Max);
        Assert.Equal(1, h.Min);
        Assert.Equal(100, h.Count);
    }

    [Fact]
    public void Percentile_OneToThousand_RankAsTheReportComputesIt()
    {
        // 99.9 % of 1,000 is rank 999; computed as 99.9 / 100 * 1000 in floating point it came out above 999 and
        // ranked the 1,000th. The report's Percentile.Rank gives the same rank for every p.
        var h = new LatencyHistogram();
        for (int v = 1; v <= 1000; v++)
        {
            h.Record(v);
        }

        Assert.Equal(999, h.Percentile(99.9));
        foreach (double p in new[] { 0.1, 7, 50, 90, 99, 99.9, 100 })
        {
            Assert.Equal(WireLens.Reporting.Statistics.Percentile.Rank(1000, p), h.Percentile(p));
        }
    }

    [Fact]
    public void Percentile_FewValues_AreTheValuesThemselves()
    {
        var h = new LatencyHistogram();
        h.Record(300);
        h.Record(100);
        h.Record(200);

        Assert.Equal(100, h.Percentile(33));
        Assert.Equal(200, h.Percentile(50));
        Assert.Equal(300, h.Percentile(99));
    }

    [Theory]
    [InlineData(2047L)]
    [InlineData(2048L)]
    [InlineData(123_457L)]
    [InlineData(987_654_321L)]
    [InlineData(LatencyHistogram.MaxValue)]
    public void Percentile_LargeValue_WithinOnePartInAThousand_NeverAboveMax(long value)
    {
        // Arrange: the value among smaller ones, so p99 lands in its bucket but is not clamped to the maximum.
        var h = new LatencyHistogram();
        h.Record(value);
        h.Record(value - 1);
        for (int i = 0; i < 98; i++)
        {
            h.Record(1);
        }

        // Act
        long p99 = h.Percentile(99);

        // Assert
        Assert.InRange(p99, value - 1, value - 1 + ((value - 1) / 1024) + 1);
        Assert.Equal(value, h.Percentile(100));
    }

    [Fact]
    public void Buckets_AreContiguousAndIncreasing()
    {
        // Every bucket's highest value + 1 starts the next bucket, across the exact range and several powers of two.
        for (int i = 0; i < LatencyHistogram.IndexOf(1L << 20); i++)
        {
            long high = LatencyHistogram.HighestOf(i);
            Assert.Equal(i, LatencyHistogram.IndexOf(high));
            Assert.Equal(i + 1, LatencyHistogram.IndexOf(high + 1));
        }
    }

    [Fact]
    public void Record_NegativeAndHuge_AreClamped()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        h.Record(long.MaxValue);

        Assert.Equal(0, h.Min);
        Assert.Equal(LatencyHistogram.MaxValue, h.Max);
    }

    [Fact]
    public void Record_FromManyThreads_CountsEveryValue()
    {
        var h = new LatencyHistogram();

        Parallel.For(0, 100_000, i => h.Record(i % 5000));

        Assert.Equal(100_000, h.Count);
        Assert.Equal(4999, h.Max);
        Assert.Equal(0, h.Min);
        Assert.Equal(2499.5, h.Mean);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    [InlineData(double.NaN)]
    public void Percentile_OutOfRange_Throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyHistogram().Percentile(p));
}
