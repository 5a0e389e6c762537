using System.Globalization;
using CsvHelper;

namespace WireLens.EndToEnd.Tests.Reports;

/// <summary>
/// One row of a CSV file that `analyze --csv` wrote (tools.csv, findings.csv, connections.csv), its cells by column
/// name. Reading a column the file does not have, or an empty cell as a number, fails the test with the file's name.
/// </summary>
public sealed class ReportRow
{
    private readonly IReadOnlyDictionary<string, string> _cells;
    private readonly string _source;

    private ReportRow(IReadOnlyDictionary<string, string> cells, string source)
    {
        _cells = cells;
        _source = source;
    }

    /// <summary>The text of a cell ("" when empty).</summary>
    public string this[string column]
    {
        get
        {
            Assert.True(_cells.TryGetValue(column, out string? value), $"{_source} has no column '{column}'");
            return value!;
        }
    }

    /// <summary>A count cell (tools.csv writes counts as integers).</summary>
    public long Count(string column) => long.Parse(NotEmpty(column), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>A rate, share or milliseconds cell.</summary>
    public double Number(string column) => double.Parse(NotEmpty(column), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A time cell of connections.csv (ISO 8601 UTC) as nanoseconds since the Unix epoch.</summary>
    public long UnixNanoseconds(string column)
    {
        DateTimeOffset time = DateTimeOffset.Parse(NotEmpty(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (time - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
    }

    /// <summary>Every row of <paramref name="path"/>, header first.</summary>
    public static IReadOnlyList<ReportRow> ReadAll(string path)
    {
        Assert.True(File.Exists(path), $"analyze did not write {path}");
        string source = Path.GetFileName(path);
        var rows = new List<ReportRow>();
        using CsvReader csv = CsvReader.FromFile(path, null, FileOptions.None);
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < csv.Headers.Count; i++)
            {
                cells[csv.Headers[i]] = csv.GetString(i);
            }

            rows.Add(new ReportRow(cells, source));
        }

        return rows;
    }

    private string NotEmpty(string column)
    {
        string value = this[column];
        Assert.False(value.Length == 0, $"{_source}: column '{column}' is empty");
        return value;
    }
}
