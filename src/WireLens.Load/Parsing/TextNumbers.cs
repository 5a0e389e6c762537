using System.Globalization;

namespace WireLens.Load.Parsing;

/// <summary>Reading the numbers tools print: invariant digits, durations with units. Nothing here throws on bad text.</summary>
public static class TextNumbers
{
    /// <summary>A non-negative integer of plain digits.</summary>
    public static long? Count(ReadOnlySpan<char> text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;

    /// <summary>A finite non-negative decimal number (<c>31144.36</c>); null for NaN, infinities and negatives.</summary>
    public static double? Real(ReadOnlySpan<char> text) =>
        double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>
    /// A number with a time unit in milliseconds: <c>us</c> or <c>µs</c>, <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>
    /// (wrk, h2load); null for an unknown unit.
    /// </summary>
    public static double? Milliseconds(ReadOnlySpan<char> number, ReadOnlySpan<char> unit)
    {
        double? value = Real(number);
        double? scale = UnitScale(unit);
        return value is null || scale is null ? null : value.Value * scale.Value;
    }

    /// <summary>
    /// A Go <c>time.Duration</c> string in milliseconds: <c>145.082066ms</c>, <c>1m2.5s</c>, <c>10m0s</c>, <c>1.5µs</c>,
    /// <c>0s</c> (what vegeta prints); null when it is not one.
    /// </summary>
    public static double? GoDurationMilliseconds(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        double total = 0;
        while (!text.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < text.Length && (char.IsAsciiDigit(text[numberLength]) || text[numberLength] == '.'))
            {
                numberLength++;
            }

            int unitLength = 0;
            while (numberLength + unitLength < text.Length && !char.IsAsciiDigit(text[numberLength + unitLength]))
            {
                unitLength++;
            }

            double? part = numberLength == 0 ? null : Milliseconds(text[..numberLength], text.Slice(numberLength, unitLength));
            if (part is null)
            {
                return null;
            }

            total += part.Value;
            text = text[(numberLength + unitLength)..];
        }

        return total;
    }

    private static double? UnitScale(ReadOnlySpan<char> unit) => unit switch
    {
        "ns" => 1e-6,
        "us" or "µs" or "μs" => 1e-3,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        _ => null,
    };
}
