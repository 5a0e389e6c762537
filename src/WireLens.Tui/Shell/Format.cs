using System.Globalization;
using WireLens.Reporting.Text;

namespace WireLens.Tui.Shell;

/// <summary>Number and text formatting of the shell (invariant culture, <c>-</c> where a figure does not apply).</summary>
internal static class Format
{
    public const string None = "-";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Fixed(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    /// <summary>A short count: 1234 → 1.2k, 2500000 → 2.5M.</summary>
    public static string Short(long value) => value switch
    {
        < 10_000 => value.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (value / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => (value / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };

    /// <summary>Wire text made safe (<see cref="WireText.EscapeControl"/>) and cut to <paramref name="width"/> with <c>~</c> last.</summary>
    public static string Wire(string? text, int width) => Fit(WireText.EscapeControl(text ?? string.Empty), width);

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> characters, <c>~</c> marking the cut.</summary>
    public static string Fit(string text, int width)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        return text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "~");
    }

    public static string Elapsed(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes:00}:{elapsed.Seconds:00}.{elapsed.Milliseconds / 100}");

    /// <summary>Milliseconds with about three significant digits.</summary>
    public static string Ms(double ms) => ms switch
    {
        < 10 => ms.ToString("0.##", CultureInfo.InvariantCulture),
        < 100 => ms.ToString("0.#", CultureInfo.InvariantCulture),
        _ => ms.ToString("0", CultureInfo.InvariantCulture),
    };
}
