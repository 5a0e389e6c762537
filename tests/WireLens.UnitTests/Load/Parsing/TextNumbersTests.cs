using WireLens.Load.Parsing;

namespace WireLens.UnitTests.Load.Parsing;

public sealed class TextNumbersTests
{
    [Theory]
    [InlineData("145.082066ms", 145.082066)]
    [InlineData("1m2.5s", 62_500)]
    [InlineData("10m0s", 600_000)]
    [InlineData("1h0m1s", 3_601_000)]
    [InlineData("1.5µs", 0.0015)]
    [InlineData("500ns", 0.0005)]
    [InlineData("0s", 0)]
    public void GoDurationMilliseconds_Reads(string text, double expected)
    {
        Assert.Equal(expected, TextNumbers.GoDurationMilliseconds(text)!.Value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ms")]
    [InlineData("12")]
    [InlineData("1.2.3s")]
    [InlineData("5d")]
    [InlineData("-1s")]
    public void GoDurationMilliseconds_NotADuration_Null(string text)
    {
        Assert.Null(TextNumbers.GoDurationMilliseconds(text));
    }

    [Theory]
    [InlineData("1.5", "us", 0.0015)]
    [InlineData("2", "ms", 2)]
    [InlineData("1.1", "s", 1100)]
    [InlineData("2", "m", 120_000)]
    public void Milliseconds_Units(string number, string unit, double expected)
    {
        Assert.Equal(expected, TextNumbers.Milliseconds(number, unit)!.Value, 9);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("1e5")]
    [InlineData("")]
    public void Real_NotAPlainNonNegativeNumber_Null(string text)
    {
        Assert.Null(TextNumbers.Real(text));
    }
}
