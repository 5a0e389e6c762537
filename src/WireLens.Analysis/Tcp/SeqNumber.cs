namespace WireLens.Analysis.Tcp;

/// <summary>
/// A TCP sequence number: 32 bits that wrap, compared in sequence space (RFC 9293 section 3.4:
/// a is "after" b when the signed 32-bit difference a - b is positive).
/// </summary>
public readonly record struct SeqNumber(uint Value) : IComparable<SeqNumber>
{
    /// <summary>The signed distance from <paramref name="b"/> to <paramref name="a"/> in sequence space.</summary>
    public static int Distance(uint a, uint b) => unchecked((int)(a - b));

    /// <summary><paramref name="a"/> comes after <paramref name="b"/> (tshark's GT_SEQ).</summary>
    public static bool IsAfter(uint a, uint b) => Distance(a, b) > 0;

    /// <summary><paramref name="a"/> comes before <paramref name="b"/> (tshark's LT_SEQ).</summary>
    public static bool IsBefore(uint a, uint b) => Distance(a, b) < 0;

    /// <summary>tshark's LE_SEQ.</summary>
    public static bool IsAtOrBefore(uint a, uint b) => Distance(a, b) <= 0;

    /// <summary>tshark's GE_SEQ.</summary>
    public static bool IsAtOrAfter(uint a, uint b) => Distance(a, b) >= 0;

    public static SeqNumber operator +(SeqNumber s, uint delta) => new(unchecked(s.Value + delta));

    public static SeqNumber operator -(SeqNumber s, uint delta) => new(unchecked(s.Value - delta));

    /// <summary>The signed distance from <paramref name="b"/> to <paramref name="a"/> in sequence space.</summary>
    public static int operator -(SeqNumber a, SeqNumber b) => Distance(a.Value, b.Value);

    public static bool operator <(SeqNumber a, SeqNumber b) => (a - b) < 0;

    public static bool operator >(SeqNumber a, SeqNumber b) => (a - b) > 0;

    public static bool operator <=(SeqNumber a, SeqNumber b) => (a - b) <= 0;

    public static bool operator >=(SeqNumber a, SeqNumber b) => (a - b) >= 0;

    public int CompareTo(SeqNumber other) => Math.Sign(this - other);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
