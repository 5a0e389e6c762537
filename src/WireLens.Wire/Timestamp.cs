using System.Globalization;

namespace WireLens.Wire;

/// <summary>
/// A packet time: nanoseconds since the Unix epoch, UTC. Analysis uses these as its only clock.
/// </summary>
public readonly record struct Timestamp(long UnixNanoseconds) : IComparable<Timestamp>
{
    /// <summary>Builds a timestamp from seconds and a fraction given in units of 10^-digits seconds.</summary>
    public static Timestamp FromParts(long seconds, long fraction, long unitsPerSecond)
    {
        long nanos = unitsPerSecond == 1_000_000_000
            ? fraction
            : (long)((Int128)fraction * 1_000_000_000 / unitsPerSecond);
        return new Timestamp(seconds * 1_000_000_000 + nanos);
    }

    public int CompareTo(Timestamp other) => UnixNanoseconds.CompareTo(other.UnixNanoseconds);

    public static bool operator <(Timestamp a, Timestamp b) => a.UnixNanoseconds < b.UnixNanoseconds;
    public static bool operator >(Timestamp a, Timestamp b) => a.UnixNanoseconds > b.UnixNanoseconds;
    public static bool operator <=(Timestamp a, Timestamp b) => a.UnixNanoseconds <= b.UnixNanoseconds;
    public static bool operator >=(Timestamp a, Timestamp b) => a.UnixNanoseconds >= b.UnixNanoseconds;

    /// <summary>Milliseconds from <paramref name="earlier"/> to this time (negative when this one is earlier).</summary>
    public double MillisecondsSince(Timestamp earlier) => (UnixNanoseconds - earlier.UnixNanoseconds) / 1_000_000.0;

    /// <summary>Seconds from <paramref name="earlier"/> to this time.</summary>
    public double SecondsSince(Timestamp earlier) => (UnixNanoseconds - earlier.UnixNanoseconds) / 1_000_000_000.0;

    /// <summary>Whole seconds since <paramref name="origin"/>, rounded down (so 0.5 s before it is second -1).</summary>
    public long WholeSecondsSince(Timestamp origin) => Math.DivRem(UnixNanoseconds - origin.UnixNanoseconds, 1_000_000_000L) switch
    {
        (long q, < 0) => q - 1,
        (long q, _) => q,
    };

    /// <summary>A wall-clock time (the clock the kernel stamps captured packets with) as a timestamp, to 100 ns.</summary>
    public static Timestamp FromDateTime(DateTimeOffset time) => new((time.UtcDateTime - DateTime.UnixEpoch).Ticks * 100);

    public Timestamp AddSeconds(double seconds) => new(UnixNanoseconds + (long)(seconds * 1_000_000_000));

    /// <summary>ISO 8601 UTC with 6 or 9 fractional digits, e.g. 2026-11-28T18:11:19.123456Z.</summary>
    public string ToIso8601(int fractionalDigits)
    {
        long seconds = Math.DivRem(UnixNanoseconds, 1_000_000_000, out long nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000;
        }

        DateTime dt = DateTime.UnixEpoch.AddSeconds(seconds);
        string whole = dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return fractionalDigits >= 9
            ? string.Create(CultureInfo.InvariantCulture, $"{whole}.{nanos:D9}Z")
            : string.Create(CultureInfo.InvariantCulture, $"{whole}.{nanos / 1000:D6}Z");
    }

    /// <summary>Allocation-free <see cref="ToIso8601"/>: needs 31 characters at most.</summary>
    public bool TryFormatIso8601(Span<char> destination, int fractionalDigits, out int written)
    {
        written = 0;
        long seconds = Math.DivRem(UnixNanoseconds, 1_000_000_000, out long nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += 1_000_000_000;
        }

        DateTime dt = DateTime.UnixEpoch.AddSeconds(seconds);
        if (!dt.TryFormat(destination, out int n, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            || destination.Length < n + 2 + (fractionalDigits >= 9 ? 9 : 6))
        {
            return false;
        }

        destination[n++] = '.';
        long fraction = fractionalDigits >= 9 ? nanos : nanos / 1000;
        int digits = fractionalDigits >= 9 ? 9 : 6;
        for (int i = digits - 1; i >= 0; i--)
        {
            destination[n + i] = (char)('0' + (fraction % 10));
            fraction /= 10;
        }

        n += digits;
        destination[n++] = 'Z';
        written = n;
        return true;
    }

    public override string ToString() => ToIso8601(9);
}
