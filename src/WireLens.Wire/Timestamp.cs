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

    public override string ToString() => ToIso8601(9);
}
