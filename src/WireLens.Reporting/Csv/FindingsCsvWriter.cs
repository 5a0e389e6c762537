using CsvHelper;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Text;

namespace WireLens.Reporting.Csv;

/// <summary>
/// Writes findings to <c>&lt;dir&gt;/findings.csv</c>: header <c>severity,rule,group,statement,advice</c>, one row per
/// finding in the order given (<see cref="FindingEngine.Evaluate"/>'s order), docs/findings.md.
/// </summary>
/// <remarks>
/// Cells as in connections.csv: <c>severity</c> and <c>rule</c> are WireLens tokens written as they are; <c>group</c>,
/// <c>statement</c> and <c>advice</c> go through <see cref="WireText.CsvSafe"/> (a group key, and so a statement that
/// starts with it, may come from the wire: control characters are escaped and a formula start gets a leading
/// <c>'</c>). RFC 4180 quoting (CsvHelper), invariant culture, UTF-8 without BOM, <c>\n</c> line ends. The file is
/// written as <c>findings.csv.tmp</c> and renamed when complete, so a failed export never leaves a partial file under
/// the final name.
/// </remarks>
public static class FindingsCsvWriter
{
    /// <summary>The file name written in the output folder.</summary>
    public const string FileName = "findings.csv";

    private static readonly string[] s_header = ["severity", "rule", "group", "statement", "advice"];

    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Columns => s_header;

    /// <summary>Writes <c>findings.csv</c> in <paramref name="directory"/> (which must exist) and returns its path.</summary>
    public static string WriteFile(string directory, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(findings);
        string finalPath = Path.Combine(directory, FileName);
        CsvFiles.WriteAtomically(finalPath, csv => WriteRows(csv, findings));
        return finalPath;
    }

    /// <summary>Writes the same CSV text to <paramref name="writer"/> (left open).</summary>
    public static void Write(TextWriter writer, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(findings);
        using CsvWriter csv = CsvWriter.Create(writer, CsvFiles.Options, leaveOpen: true);
        WriteRows(csv, findings);
    }

    private static void WriteRows(CsvWriter csv, IReadOnlyList<Finding> findings)
    {
        csv.WriteHeader(s_header);
        foreach (Finding f in findings)
        {
            csv.WriteField(Finding.SeverityName(f.Severity));
            csv.WriteField(f.Rule);
            csv.WriteField(WireText.CsvSafe(f.Group));
            csv.WriteField(WireText.CsvSafe(f.Statement));
            csv.WriteField(WireText.CsvSafe(f.Advice));
            csv.EndRecord();
        }
    }
}
