using WireLens.Wire;

namespace WireLens.UnitTests.Wire;

public class TimestampWholeSecondsTests
{
    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(999_999_999L, 0L)]
    [InlineData(1_000_000_000L, 1L)]
    [InlineData(-1L, -1L)]
    [InlineData(-1_000_000_000L, -1L)]
    [InlineData(-1_000_000_001L, -2L)]
    public void WholeSecondsSince_RoundsDown(long nanosecondsAfterOrigin, long expected)
    {
        var origin = new Timestamp(1_700_000_000_123_456_789);

        long seconds = new Timestamp(origin.UnixNanoseconds + nanosecondsAfterOrigin).WholeSecondsSince(origin);

        Assert.Equal(expected, seconds);
    }
}
