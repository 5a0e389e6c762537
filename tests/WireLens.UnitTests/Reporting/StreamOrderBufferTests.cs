using WireLens.Reporting.Export;

namespace WireLens.UnitTests.Reporting;

public class StreamOrderBufferTests
{
    private readonly List<long> _written = [];

    [Fact]
    public void Add_ReleasedOutOfOrder_WritesInStreamOrder()
    {
        StreamOrderBuffer<long> buffer = NewBuffer(capacity: 100);

        buffer.Add(2);
        Assert.Empty(_written);
        buffer.Add(0);
        Assert.Equal([0], _written);
        buffer.Add(1);
        Assert.Equal([0, 1, 2], _written);
        buffer.Add(4);
        buffer.Add(3);

        Assert.Equal([0, 1, 2, 3, 4], _written);
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, buffer.WrittenOutOfOrder);
        Assert.Equal(5, buffer.NextStream);
    }

    [Fact]
    public void Flush_HeldItems_WritesThemAscending()
    {
        StreamOrderBuffer<long> buffer = NewBuffer(capacity: 100);
        buffer.Add(9);
        buffer.Add(3);
        buffer.Add(5);

        buffer.Flush();

        Assert.Equal([3, 5, 9], _written);
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void Add_OverCapacity_WritesLowestHeldAndLateStreamWhenItArrives()
    {
        StreamOrderBuffer<long> buffer = NewBuffer(capacity: 2);

        // Stream 0 is long-lived: 1 and 2 wait, 3 exceeds the bound, so 1 is written anyway and 2, 3 follow.
        buffer.Add(1);
        buffer.Add(2);
        Assert.Empty(_written);
        buffer.Add(3);
        Assert.Equal([1, 2, 3], _written);

        // The late stream 0 cannot be put back: it is written at once and counted.
        buffer.Add(0);
        buffer.Add(5);
        buffer.Add(4);

        Assert.Equal([1, 2, 3, 0, 4, 5], _written);
        Assert.Equal(1, buffer.WrittenOutOfOrder);
        Assert.Equal(6, buffer.Written);
    }

    [Fact]
    public void Add_OverCapacityWithGaps_KeepsAtMostCapacityHeld()
    {
        StreamOrderBuffer<long> buffer = NewBuffer(capacity: 3);

        foreach (long stream in new long[] { 10, 20, 30, 40, 50 })
        {
            buffer.Add(stream);
            Assert.True(buffer.Count <= 3);
        }

        buffer.Flush();
        Assert.Equal([10, 20, 30, 40, 50], _written);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewBuffer(capacity: 0));
    }

    private StreamOrderBuffer<long> NewBuffer(int capacity) => new(s => s, _written.Add, capacity);
}
