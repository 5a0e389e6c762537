using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Attribution;

/// <summary>
/// src/WireLens.Reporting/Attribution/ja4-tools.tsv as its format says: `#` comment lines, the header line, then
/// tab-separated rows of five non-empty fields, `captured` a ','-joined list of capture file names. A reader of the
/// tests' own, so that they check the file itself, whatever the product's loader makes of it; a line that breaks the
/// format fails the test that reads it.
/// </summary>
internal static class Ja4ToolTable
{
    public const string Header = "ja4\ttool\ttool_version\tclient_library\tcaptured";

    /// <summary>The tool names a row may carry (docs: per-tool report, attribution).</summary>
    public static readonly IReadOnlySet<string> KnownTools = new HashSet<string>(StringComparer.Ordinal)
    {
        "wrk", "hey", "vegeta", "ab", "curl", "h2load", "siege", "oha", "k6", "wget", "builtin", "openssl", "chromium",
    };

    public static string FilePath => Path.Combine(TestPaths.RepoRoot, "src", "WireLens.Reporting", "Attribution", "ja4-tools.tsv");

    /// <summary>The rows in file order.</summary>
    public static IReadOnlyList<Ja4ToolRow> Read()
    {
        string[] lines = File.ReadAllLines(FilePath);
        int header = Array.FindIndex(lines, l => !l.StartsWith('#'));
        Assert.True(header > 0, $"{FilePath}: no comment lines before the header (they say how the table was made)");
        Assert.Equal(Header, lines[header]);

        var rows = new List<Ja4ToolRow>();
        for (int i = header + 1; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split('\t');
            Assert.True(
                fields.Length == 5 && fields.All(f => f.Length > 0 && f.Trim() == f),
                $"{FilePath} line {i + 1}: not five non-empty tab-separated fields: '{lines[i]}'");
            rows.Add(new Ja4ToolRow(fields[0], fields[1], fields[2], fields[3], fields[4].Split(',')));
        }

        return rows;
    }

    /// <summary>The table's rows as (ja4, tool) pairs, each with its sorted `captured` list.</summary>
    public static SortedDictionary<(string Ja4, string Tool), string> Pairs(IEnumerable<Ja4ToolRow> rows)
    {
        var pairs = new SortedDictionary<(string Ja4, string Tool), string>(PairComparer.Instance);
        foreach (Ja4ToolRow row in rows)
        {
            Assert.True(pairs.TryAdd((row.Ja4, row.Tool), string.Join(',', row.Captured.Order(StringComparer.Ordinal))), $"{FilePath}: ({row.Ja4}, {row.Tool}) listed twice");
        }

        return pairs;
    }

    /// <summary>The table's order: by ja4, then by tool, ordinal.</summary>
    public sealed class PairComparer : IComparer<(string Ja4, string Tool)>
    {
        public static readonly PairComparer Instance = new();

        public int Compare((string Ja4, string Tool) x, (string Ja4, string Tool) y)
        {
            int byJa4 = string.CompareOrdinal(x.Ja4, y.Ja4);
            return byJa4 != 0 ? byJa4 : string.CompareOrdinal(x.Tool, y.Tool);
        }
    }
}
