using System.Globalization;
using WireLens.Wire;

namespace WireLens.Reporting.Runs;

/// <summary>What <see cref="Rfc3339.TryParse"/> made of a time string.</summary>
internal enum Rfc3339Status
{
    Ok,

    /// <summary>Not RFC 3339 date-time syntax, an impossible date or hour, or more than 9 fractional digits.</summary>
    Malformed,

    /// <summary>Second 60: valid RFC 3339, but Unix time has no leap seconds.</summary>
    LeapSecond,

    /// <summary>Outside what a <see cref="Timestamp"/> holds (about 1677-09-21 to 2262-04-11).</summary>
    OutOfRange,
}

/// <summary>
/// RFC 3339 date-time text to and from <see cref="Timestamp"/>, exact to the nanosecond (DateTimeOffset keeps only
/// 100 ns, so the digits are read here).
/// </summary>
internal static class Rfc3339
{
    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>Reads an RFC 3339 date-time; the offset is applied, so the result is UTC.</summary>
    /// <remarks>
    /// RFC 3339 section 5.6:
    /// <code>
    /// date-time    = full-date "T" full-time
    /// full-date    = date-fullyear "-" date-month "-" date-mday      ; 4DIGIT "-" 2DIGIT "-" 2DIGIT
    /// full-time    = partial-time time-offset
    /// partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]
    /// time-secfrac = "." 1*DIGIT                                      ; here 1 to 9 digits
    /// time-offset  = "Z" / time-numoffset                             ; time-numoffset = ("+" / "-") time-hour ":" time-minute
    /// </code>
    /// "T" and "Z" may be lower case, and "T" may be a space (section 5.6, NOTE).
    /// </remarks>
    public static Rfc3339Status TryParse(ReadOnlySpan<char> s, out Timestamp time)
    {
        time = default;
        if (s.Length < 20
            || !TryDigits(s[0..4], out int year) || s[4] != '-'
            || !TryDigits(s[5..7], out int month) || s[7] != '-'
            || !TryDigits(s[8..10], out int day) || s[10] is not ('T' or 't' or ' ')
            || !TryDigits(s[11..13], out int hour) || s[13] != ':'
            || !TryDigits(s[14..16], out int minute) || s[16] != ':'
            || !TryDigits(s[17..19], out int second))
        {
            return Rfc3339Status.Malformed;
        }

        int i = 19;
        long fraction = 0;
        if (s[i] == '.')
        {
            int digits = 0;
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (++digits > 9)
                {
                    return Rfc3339Status.Malformed;
                }

                fraction = (fraction * 10) + (s[i] - '0');
                i++;
            }

            if (digits == 0)
            {
                return Rfc3339Status.Malformed;
            }

            for (; digits < 9; digits++)
            {
                fraction *= 10;
            }
        }

        if (!TryOffset(s[i..], out int offsetMinutes))
        {
            return Rfc3339Status.Malformed;
        }

        // Section 5.7: month 1-12, mday by month and leap year, hour 0-23, minute 0-59, second 0-60 (60 only at a
        // leap second, which Unix time cannot name).
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return Rfc3339Status.Malformed;
        }

        if (second == 60)
        {
            return Rfc3339Status.LeapSecond;
        }

        Int128 seconds = ((Int128)DaysFromCivil(year, month, day) * 86_400) + (hour * 3600) + (minute * 60) + second
            - (offsetMinutes * 60);
        Int128 nanos = (seconds * NanosPerSecond) + fraction;
        if (nanos < long.MinValue || nanos > long.MaxValue)
        {
            return Rfc3339Status.OutOfRange;
        }

        time = new Timestamp((long)nanos);
        return Rfc3339Status.Ok;
    }

    /// <summary>
    /// UTC with as few fractional digits as keep the time exact, in groups of three: <c>2026-01-02T03:04:05Z</c>,
    /// <c>…05.120Z</c>, <c>…05.000001Z</c>, <c>…05.123456789Z</c>.
    /// </summary>
    public static string Format(Timestamp time)
    {
        long seconds = Math.DivRem(time.UnixNanoseconds, NanosPerSecond, out long nanos);
        if (nanos < 0)
        {
            seconds--;
            nanos += NanosPerSecond;
        }

        string whole = DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (nanos == 0)
        {
            return whole + "Z";
        }

        return nanos % 1_000_000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{whole}.{nanos / 1_000_000:D3}Z")
            : nanos % 1000 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{whole}.{nanos / 1000:D6}Z")
                : string.Create(CultureInfo.InvariantCulture, $"{whole}.{nanos:D9}Z");
    }

    private static bool TryOffset(ReadOnlySpan<char> s, out int minutes)
    {
        minutes = 0;
        if (s is ['Z'] or ['z'])
        {
            return true;
        }

        if (s.Length != 6 || s[0] is not ('+' or '-') || s[3] != ':'
            || !TryDigits(s[1..3], out int hours) || !TryDigits(s[4..6], out int mins) || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = (s[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Days since 1970-01-01 in the proleptic Gregorian calendar, for any year 0000-9999 (H. Hinnant, "chrono-Compatible
    // Low-Level Date Algorithms", days_from_civil).
    private static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - (era * 400);
        long dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }
}
