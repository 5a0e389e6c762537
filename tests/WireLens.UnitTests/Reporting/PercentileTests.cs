using WireLens.Reporting.Statistics;

namespace WireLens.UnitTests.Reporting;

public class PercentileTests
{
    private static readonly double[] s_ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void NearestRank_EmptyList_ReturnsNull()
    {
        Assert.Null(Percentile.NearestRank([], 50));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(99)]
    [InlineData(100)]
    public void NearestRank_OneValue_ReturnsIt(double p)
    {
        Assert.Equal(42.5, Percentile.NearestRank([42.5], p));
    }

    // n = 10: rank = ceil(p/100 * 10) -> p0: 1 (at least 1), p10: 1, p11: 2, p50: 5, p90: 9, p91: 10, p99: 10, p100: 10.
    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(50, 5)]
    [InlineData(90, 9)]
    [InlineData(91, 10)]
    [InlineData(99, 10)]
    [InlineData(100, 10)]
    public void NearestRank_TenValues_ReturnsValueAtCeilingRank(double p, double expected)
    {
        Assert.Equal(expected, Percentile.NearestRank(s_ten, p));
    }

    [Fact]
    public void NearestRank_Ties_ReturnsTheTiedValue()
    {
        double[] values = [1, 2, 2, 2, 9];

        // ranks: p50 -> ceil(2.5) = 3 -> 2; p60 -> 3 -> 2; p61 -> ceil(3.05) = 4 -> 2; p81 -> 5 -> 9.
        Assert.Equal(2, Percentile.NearestRank(values, 50));
        Assert.Equal(2, Percentile.NearestRank(values, 61));
        Assert.Equal(9, Percentile.NearestRank(values, 81));
    }

    [Fact]
    public void NearestRank_HundredValues_P99IsTheNinetyNinth()
    {
        double[] values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(99, Percentile.NearestRank(values, 99));
        Assert.Equal(90, Percentile.NearestRank(values, 90));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void NearestRank_PercentileOutOfRange_Throws(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentile.NearestRank(s_ten, p));
    }
}
