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

    [Fact]
    public void Add_RunsOfKeys_TablesBetween_SameAsCountingOneByOne()
    {
        // Runs of 1 to 20 equal keys (counted aside until another key comes) from 12 keys with room for 5, tables
        // made now and then, a run going on across a table: each table equals one counted key by key.
        var random = new Random(5);
        var counter = new CappedCounter<string>(StringComparer.Ordinal, capacity: 5);
        var reference = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long other = 0;
        for (int run = 0; run < 500; run++)
        {
            string key = "k" + random.Next(12);
            int length = random.Next(1, 21);
            for (int i = 0; i < length; i++)
            {
                counter.Add(key);
                if (reference.TryGetValue(key, out long n))
                {
                    reference[key] = n + 1;
                }
                else if (reference.Count < 5)
                {
                    reference.Add(key, 1);
                }
                else
                {
                    other++;
                }

                if (random.Next(100) == 0)
                {
                    AssertTable(reference, other, counter.ToTable());
                }
            }
        }

        AssertTable(reference, other, counter.ToTable());
        Assert.True(other > 0); // keys came past the capacity
    }

    [Fact]
    public void Add_KeysEqualByTheComparer_CountedUnderTheFirstSpelling()
    {
        var counter = new CappedCounter<string>(StringComparer.OrdinalIgnoreCase);
        counter.Add("H2");
        counter.Add("h2");
        counter.Add("http/1.1");
        counter.Add("h2");

        Assert.Equal([new("H2", 3), new("http/1.1", 1)], counter.ToTable().Counts);
    }

    [Fact]
    public void Add_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new CappedCounter<string>().Add(null!));
    }

    private static void AssertTable(SortedDictionary<string, long> expected, long other, CountTable<string> table)
    {
        Assert.Equal([.. expected.Select(e => new KeyValuePair<string, long>(e.Key, e.Value))], table.Counts);
        Assert.Equal(other, table.Other);
    }
}
