using WireLens.Reporting.Groups;

namespace WireLens.UnitTests.Reporting.Groups;

public class EventSortTests
{
    public static TheoryData<int, long, long> Cases => new()
    {
        { 0, 0, 0 },
        { 10, 0, 100 },
        { 4095, -1_000, 1_000 },
        { 4096, 0, 1 },
        { 50_000, 3_529_000_000_000_000_000L, 3_529_000_060_000_000_000L },
        { 50_001, long.MinValue, long.MaxValue },
        { 70_000, -5, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sort_RandomKeys_SameOrderAsArraySort(int length, long min, long max)
    {
        var random = new Random(length);
        long[] values = new long[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextInt64(min, max) + (i % 7 == 0 ? 0 : random.Next(2));
        }

        long[] expected = [.. values];
        Array.Sort(expected);

        EventSort.Sort(values);

        Assert.Equal(expected, values);
    }

    [Fact]
    public void Sort_AllEqual_Unchanged()
    {
        long[] values = Enumerable.Repeat(42L, 10_000).ToArray();

        EventSort.Sort(values);

        Assert.All(values, v => Assert.Equal(42L, v));
    }

    [Fact]
    public void Sort_Extremes_InOrder()
    {
        long[] values = [.. Enumerable.Range(0, 5000).Select(i => i % 2 == 0 ? long.MaxValue - i : long.MinValue + i)];
        long[] expected = [.. values];
        Array.Sort(expected);

        EventSort.Sort(values);

        Assert.Equal(expected, values);
    }
}
