using WireLens.Reporting.Statistics;

namespace WireLens.UnitTests.Reporting;

public class CappedCounterTests
{
    [Fact]
    public void Add_PastCapacity_NewKeysCountedAsOtherKeptKeysStillCounted()
    {
        var counter = new CappedCounter<string>(StringComparer.Ordinal, capacity: 2);

        foreach (string key in new[] { "b", "a", "c", "a", "d", "b", "c" })
        {
            counter.Add(key);
        }

        CountTable<string> table = counter.ToTable();
        Assert.Equal([new("a", 2), new("b", 2)], table.Counts);
        Assert.Equal(3, table.Other);
    }

    [Fact]
    public void ToTable_OrdinalComparer_CaseAndOrderOrdinal()
    {
        var counter = new CappedCounter<string>(StringComparer.Ordinal);
        counter.Add("h2");
        counter.Add("H2");
        counter.Add("h2");

        Assert.Equal([new("H2", 1), new("h2", 2)], counter.ToTable().Counts);
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CappedCounter<ushort>(capacity: 0));
    }
}
