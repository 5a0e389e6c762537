using System.Globalization;
using System.Text;

namespace WireLens.Reporting.Text;

/// <summary>
/// Makes strings that came off the wire (User-Agent, Host, ...) safe to show in a terminal, a CSV file or a
/// spreadsheet. Every output that prints wire text goes through this class, so the escaping is the same everywhere.
/// </summary>
/// <remarks>
/// <see cref="EscapeControl"/> replaces each control character with a visible escape: C0 (U+0000–U+001F, tab
/// included), DEL (U+007F) and C1 (U+0080–U+009F) become <c>\xNN</c> (two upper-case hex digits); the Unicode bidi
/// controls U+200E, U+200F, U+202A–U+202E and U+2066–U+2069 and lone surrogates become <c>\u{XXXX}</c>.
/// A backslash already in the text is left as it is, so <c>\x1B</c> in the output may also be those four
/// characters on the wire; the escaping exists to stop a terminal or viewer from acting on the text, not to
/// round-trip it (the JSON export keeps the exact value).
/// </remarks>
public static class WireText
{
    /// <summary>The separator of list cells (<see cref="CsvSafeList"/>).</summary>
    public const char ListSeparator = ';';

    private const string ListSeparatorText = ";";

    // The \xNN form of EscapeControl (upper-case hex), so one rule reads every escape in a cell.
    private const string EscapedListSeparator = "\\x3B";

    /// <summary>Replaces control, bidi and lone-surrogate characters with visible escapes (see the class remarks).</summary>
    public static string EscapeControl(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int first = IndexOfEscaped(value);
        if (first < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // A valid pair is an ordinary (astral) character: copy both halves.
                sb.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (!NeedsEscape(c))
            {
                sb.Append(c);
            }
            else if (c <= 0xFF)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}");
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <see cref="EscapeControl"/>, then spreadsheet formula neutralisation: a value starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading apostrophe
    /// (OWASP "CSV injection"). For text cells only: numbers are never passed through here.
    /// </summary>
    public static string CsvSafe(string value) => NeutraliseFormula(EscapeControl(value));

    /// <summary>
    /// A list of wire strings as one CSV cell: each item is made <see cref="CsvSafe"/> (control characters escaped,
    /// then a formula start neutralised) with every <see cref="ListSeparator"/> inside it written <c>\x3B</c>, and the
    /// items are joined by <see cref="ListSeparator"/>. The cell starts with its first item, so the cell is neutralised
    /// too; neutralising every item also covers the cells a spreadsheet makes when it splits the list on <c>;</c>.
    /// Splitting on <c>;</c> gives the items back in order. An empty list is an empty cell.
    /// </summary>
    public static string CsvSafeList(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(ListSeparator);
            }

            // ';' is neither a control character nor a formula start, so replacing it last changes nothing else.
            string item = CsvSafe(values[i]);
            sb.Append(item.Contains(ListSeparator, StringComparison.Ordinal)
                ? item.Replace(ListSeparatorText, EscapedListSeparator, StringComparison.Ordinal)
                : item);
        }

        return sb.ToString();
    }

    private static string NeutraliseFormula(string escaped) =>
        escaped.Length > 0 && IsFormulaStart(escaped[0]) ? "'" + escaped : escaped;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static int IndexOfEscaped(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (NeedsEscape(c))
            {
                return i;
            }
        }

        return -1;
    }

    // Called only for characters that are not the first half of a valid surrogate pair,
    // so any surrogate seen here is a lone one.
    private static bool NeedsEscape(char c) =>
        c < 0x20
        || c is >= '\u007F' and <= '\u009F'
        || c is '\u200E' or '\u200F'
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069'
        || char.IsSurrogate(c);
}
