using System.Globalization;
using WireLens.Reporting.Text;

namespace WireLens.Reporting.Findings;

/// <summary>
/// Numbers and names in finding statements: invariant culture, counts with thousands separators, and wire text
/// (group keys, server addresses) escaped for terminals so that a statement stays one harmless line.
/// </summary>
internal static class FindingFormat
{
    /// <summary><c>12,345</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun, plural unless the count is 1: <c>1 connection</c>, <c>1,200 connections</c>.</summary>
    public static string Count(long value, string noun) =>
        value == 1 ? "1 " + noun : Count(value) + " " + noun + "s";

    /// <summary>A share as a percentage: two decimals below 10% (so 1.04% is not shown as a threshold's 1.0%), else one.</summary>
    public static string Percent(double share)
    {
        double percent = share * 100;
        return percent.ToString(Math.Abs(percent) < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary><paramref name="part"/> ÷ <paramref name="whole"/> as <see cref="Percent(double)"/>; <c>-</c> when whole is 0.</summary>
    public static string Percent(long part, long whole) => whole <= 0 ? "-" : Percent((double)part / whole);

    /// <summary>A mean with two decimals: <c>1.00</c>.</summary>
    public static string Mean(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A rate: one decimal below 100 (<c>48.3</c>), whole with separators above (<c>4,812</c>).</summary>
    public static string Rate(double value) =>
        value.ToString(Math.Abs(value) < 100 ? "N1" : "N0", CultureInfo.InvariantCulture);

    /// <summary>Seconds with the unit: <c>5.9 s</c>, <c>1,234 s</c>.</summary>
    public static string Seconds(double value) => Rate(value) + " s";

    /// <summary>Advice as a sentence: its first letter upper case (advice is written by WireLens, never wire text).</summary>
    public static string Sentence(string text) =>
        text.Length == 0 || !char.IsAsciiLetterLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Text from the wire (a group key, a tool name, an address) made safe for a terminal line.</summary>
    public static string Escaped(string value) => WireText.EscapeControl(value);
}
