using System.Buffers;
using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Export;
using WireLens.Reporting.Text;

namespace WireLens.Reporting.Inspection;

/// <summary>The filter expression: parsing and quoting.</summary>
public sealed partial record ConnectionFilter
{
    private const string GroupKey = "group";
    private const string CloseKey = "close";
    private const string TimeWaitKey = "tw";
    private const string TlsKey = "tls";
    private const string Keys = "group, close, tw, tls";

    private static readonly string s_closeValues = string.Join('|', Enum.GetValues<CloseKind>().Select(ConnectionValues.CloseKind));
    private static readonly SearchValues<char> s_asciiLetters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static readonly string s_sideValues = string.Join('|', Enum.GetValues<Side>().Select(ConnectionValues.Side));

    /// <summary>
    /// Parses a filter expression: space-separated terms, each <c>group:NAME</c>, <c>close:KIND</c>,
    /// <c>tw:client|server|both|none</c>, <c>tls:yes|no</c>, or free text. A term <c>WORD:...</c> whose WORD is only
    /// letters is a key (an unknown one is an error); any other word, or <c>"quoted words"</c>, is text, and the text
    /// terms joined by one space are <see cref="Text"/>. A value may be quoted too (<c>group:"my run"</c>); inside
    /// quotes <c>\"</c> and <c>\\</c> stand for <c>"</c> and <c>\</c>. Empty or blank is <see cref="None"/>.
    /// </summary>
    /// <param name="expression">What the user typed.</param>
    /// <param name="filter">The filter; <see cref="None"/> when parsing failed.</param>
    /// <param name="error">Empty, or one line naming the term that is wrong.</param>
    /// <returns>True when the whole expression was understood.</returns>
    public static bool TryParse(string expression, out ConnectionFilter filter, out string error)
    {
        ArgumentNullException.ThrowIfNull(expression);
        filter = None;
        var result = new ConnectionFilter();
        var text = new List<string>();
        int i = 0;
        while (true)
        {
            while (i < expression.Length && char.IsWhiteSpace(expression[i]))
            {
                i++;
            }

            if (i == expression.Length)
            {
                break;
            }

            int start = i;
            if (!TryReadTerm(expression, ref i, out string? key, out string value, out error))
            {
                return false;
            }

            if (key is null)
            {
                text.Add(value);
                continue;
            }

            string term = expression[start..i];
            if (!TryApply(ref result, key, value, term, out error))
            {
                return false;
            }
        }

        filter = text.Count == 0 ? result : result with { Text = string.Join(' ', text) };
        if (filter.IsEmpty)
        {
            filter = None;
        }

        error = string.Empty;
        return true;
    }

    // One term from expression[i]: a key and its value, or (key null) free text. Advances i past the term.
    private static bool TryReadTerm(string s, ref int i, out string? key, out string value, out string error)
    {
        key = null;
        value = string.Empty;
        int start = i;
        if (s[i] == '"')
        {
            return TryReadQuoted(s, ref i, start, out value, out error);
        }

        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '"')
        {
            i++;
        }

        string word = s[start..i];
        int colon = word.IndexOf(':', StringComparison.Ordinal);
        bool isKey = LooksLikeKey(word);
        if (i < s.Length && s[i] == '"')
        {
            // A quote may only open a term or a key's value.
            if (!isKey || colon != word.Length - 1)
            {
                error = $"unexpected '\"' in {Quote(s[start..Math.Min(s.Length, EndOfWord(s, i + 1))])}: quote the whole term";
                return false;
            }

            key = word[..colon];
            return TryReadQuoted(s, ref i, start, out value, out error) && IsKnownKey(key, s[start..i], out error);
        }

        error = string.Empty;
        if (!isKey)
        {
            value = word;
            return true;
        }

        key = word[..colon];
        value = word[(colon + 1)..];
        if (!IsKnownKey(key, word, out error))
        {
            return false;
        }

        if (value.Length == 0)
        {
            error = $"{Quote(word)} needs a value";
            return false;
        }

        return true;
    }

    private static bool IsKnownKey(string key, string term, out string error)
    {
        error = string.Empty;
        if (key.ToLowerInvariant() is GroupKey or CloseKey or TimeWaitKey or TlsKey)
        {
            return true;
        }

        error = $"unknown filter key {Quote(key)} in {Quote(term)} (keys: {Keys}; quote text that contains ':')";
        return false;
    }

    // A quoted string from s[i] == '"', with \" and \\ escapes; it must be followed by a space or the end.
    private static bool TryReadQuoted(string s, ref int i, int termStart, out string value, out string error)
    {
        var sb = new StringBuilder();
        for (i++; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\')
            {
                sb.Append(s[++i]);
            }
            else if (c == '"')
            {
                i++;
                value = sb.ToString();
                if (i < s.Length && !char.IsWhiteSpace(s[i]))
                {
                    error = $"a space must follow the closing quote in {Quote(s[termStart..EndOfWord(s, i)])}";
                    return false;
                }

                error = string.Empty;
                return true;
            }
            else
            {
                sb.Append(c);
            }
        }

        value = string.Empty;
        error = $"unterminated quote in {Quote(s[termStart..])}";
        return false;
    }

    private static bool TryApply(ref ConnectionFilter filter, string key, string value, string term, out string error)
    {
        error = string.Empty;
        switch (key.ToLowerInvariant())
        {
            case GroupKey when filter.Group is null:
                filter = filter with { Group = value };
                return true;
            case CloseKey when filter.Close is null:
                if (!TryParseValue(Enum.GetValues<CloseKind>(), ConnectionValues.CloseKind, value, out CloseKind close))
                {
                    error = $"unknown close value {Quote(value)} in {Quote(term)} (one of {s_closeValues})";
                    return false;
                }

                filter = filter with { Close = close };
                return true;
            case TimeWaitKey when filter.TimeWait is null:
                if (!TryParseValue(Enum.GetValues<Side>(), ConnectionValues.Side, value, out Side side))
                {
                    error = $"unknown tw value {Quote(value)} in {Quote(term)} (one of {s_sideValues})";
                    return false;
                }

                filter = filter with { TimeWait = side };
                return true;
            case TlsKey when filter.Tls is null:
                bool? tls = value.ToLowerInvariant() switch { "yes" => true, "no" => false, _ => null };
                if (tls is null)
                {
                    error = $"unknown tls value {Quote(value)} in {Quote(term)} (one of yes|no)";
                    return false;
                }

                filter = filter with { Tls = tls };
                return true;
            default:
                error = $"{Quote(key.ToLowerInvariant())} given twice, again in {Quote(term)}";
                return false;
        }
    }

    private static bool TryParseValue<T>(T[] values, Func<T, string> spell, string text, out T value)
        where T : struct, Enum
    {
        foreach (T candidate in values)
        {
            if (string.Equals(spell(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    // The value as TryParse reads it back: bare when it is one plain word, else in quotes with " and \ escaped.
    private static string QuoteIfNeeded(string value, bool asText)
    {
        bool plain = value.Length > 0
            && !value.Any(c => char.IsWhiteSpace(c) || c == '"')
            && !(asText && LooksLikeKey(value));
        if (plain)
        {
            return value;
        }

        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    private static bool LooksLikeKey(string word)
    {
        int colon = word.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !word.AsSpan(0, colon).ContainsAnyExcept(s_asciiLetters);
    }

    private static int EndOfWord(string s, int i)
    {
        while (i < s.Length && !char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    // A term echoed in an error: quoted, and escaped so the message stays one line.
    private static string Quote(string term) => "'" + WireText.EscapeControl(term) + "'";

}
