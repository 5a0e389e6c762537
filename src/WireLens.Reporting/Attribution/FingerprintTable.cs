using System.Diagnostics.CodeAnalysis;

namespace WireLens.Reporting.Attribution;

/// <summary>
/// Which tools send a given JA4 fingerprint, from a tab-separated table the project builds from its own captures of
/// each tool (<c>Attribution/ja4-tools.tsv</c>, embedded). Lines starting with <c>#</c> and blank lines are skipped;
/// the first other line is the header <c>ja4 tool tool_version client_library captured</c> (tab-separated); then one
/// row per (ja4, tool). Immutable and safe to share between threads.
/// </summary>
public sealed class FingerprintTable
{
    /// <summary>The header line, tab-separated.</summary>
    public const string Header = "ja4\ttool\ttool_version\tclient_library\tcaptured";

    /// <summary>The embedded table's manifest resource name.</summary>
    public const string ResourceName = "WireLens.Reporting.ja4-tools.tsv";

    private const int Columns = 5;
    private const int Ja4Length = 36;

    private static readonly Lazy<FingerprintTable> s_default = new(LoadDefault);

    private readonly Dictionary<string, string[]> _toolsByJa4;

    private FingerprintTable(FingerprintEntry[] entries)
    {
        Entries = entries;
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (FingerprintEntry entry in entries)
        {
            if (!lists.TryGetValue(entry.Ja4, out List<string>? tools))
            {
                tools = new List<string>(1);
                lists.Add(entry.Ja4, tools);
            }

            tools.Add(entry.Tool);
        }

        _toolsByJa4 = new Dictionary<string, string[]>(lists.Count, StringComparer.Ordinal);
        foreach ((string ja4, List<string> tools) in lists)
        {
            string[] sorted = [.. tools];
            Array.Sort(sorted, StringComparer.Ordinal);
            _toolsByJa4.Add(ja4, sorted);
        }
    }

    /// <summary>The table built into WireLens.</summary>
    /// <exception cref="InvalidOperationException">The embedded table is malformed (a build defect, caught by the unit tests).</exception>
    public static FingerprintTable Default => s_default.Value;

    /// <summary>A table without rows.</summary>
    public static FingerprintTable Empty { get; } = new([]);

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<FingerprintEntry> Entries { get; }

    /// <summary>Distinct fingerprints.</summary>
    public int Count => _toolsByJa4.Count;

    /// <summary>The tools that send <paramref name="ja4"/>, in ordinal order; empty when none is known to.</summary>
    public IReadOnlyList<string> ToolsFor(string? ja4) =>
        ja4 is not null && _toolsByJa4.TryGetValue(ja4, out string[]? tools) ? tools : [];

    /// <summary>Reads a table.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names its line number.</exception>
    public static FingerprintTable Parse(TextReader reader) =>
        TryParse(reader, out FingerprintTable? table, out string error) ? table : throw new FormatException(error);

    /// <summary>Reads a table; on a malformed line, false and an error that names the line (<c>line 7: …</c>).</summary>
    public static bool TryParse(TextReader reader, [NotNullWhen(true)] out FingerprintTable? table, out string error)
    {
        ArgumentNullException.ThrowIfNull(reader);
        table = null;
        var entries = new List<FingerprintEntry>();
        var seen = new Dictionary<(string Ja4, string Tool), int>();
        bool header = false;
        int number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#' || line.AsSpan().IsWhiteSpace())
            {
                continue;
            }

            if (!header)
            {
                if (line != Header)
                {
                    error = $"line {number}: expected the header \"{Header.Replace("\t", "\\t", StringComparison.Ordinal)}\"";
                    return false;
                }

                header = true;
                continue;
            }

            string[] fields = line.Split('\t');
            if (fields.Length != Columns)
            {
                error = $"line {number}: {fields.Length} tab-separated fields, expected {Columns}";
                return false;
            }

            if (!IsJa4(fields[0]))
            {
                error = $"line {number}: ja4: not a JA4 fingerprint (10 letters or digits, '_', 12 hex digits, '_', 12 hex digits)";
                return false;
            }

            if (!ToolNames.IsValid(fields[1]))
            {
                error = $"line {number}: tool: not a tool name (1 to {ToolNames.MaxLength} of a-z 0-9 . _ -, not unknown or ambiguous)";
                return false;
            }

            if (!seen.TryAdd((fields[0], fields[1]), number))
            {
                error = $"line {number}: {fields[0]} {fields[1]} is already on line {seen[(fields[0], fields[1])]}";
                return false;
            }

            entries.Add(new FingerprintEntry(fields[0], fields[1], fields[2], fields[3], fields[4], number));
        }

        if (!header)
        {
            error = $"line {number + 1}: no header line";
            return false;
        }

        table = new FingerprintTable([.. entries]);
        error = string.Empty;
        return true;
    }

    // JA4.md: ja4_a is 10 characters (transport, version, SNI, two counts, ALPN's first and last characters, which may
    // be any ASCII letter or digit); ja4_b and ja4_c are truncated SHA-256 hashes, 12 lowercase hex digits each.
    private static bool IsJa4(string s)
    {
        if (s.Length != Ja4Length || s[10] != '_' || s[23] != '_')
        {
            return false;
        }

        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            bool ok = i switch
            {
                < 10 => char.IsAsciiLetterOrDigit(c),
                10 or 23 => true,
                _ => char.IsAsciiHexDigitLower(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static FingerprintTable LoadDefault()
    {
        using Stream stream = typeof(FingerprintTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return TryParse(reader, out FingerprintTable? table, out string error)
            ? table
            : throw new InvalidOperationException($"{ResourceName}: {error}");
    }
}
