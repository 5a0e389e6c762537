using System.Globalization;
using CsvHelper;
using WireLens.Reporting.Export;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Text;

namespace WireLens.Reporting.Csv;

/// <summary>
/// Writes <c>tools.csv</c> (one row per group, <see cref="GroupFields.Columns"/>) and <c>timeseries.csv</c> (one row
/// per group and second, <see cref="GroupFields.TimeSeriesNames"/>) into the <c>--csv</c> folder
/// (docs/tools-report.md). Cells as in connections.csv: invariant culture, an empty cell for a figure that does not
/// apply, text that may come from the wire or a manifest through <see cref="WireText.CsvSafe"/>. Each file is written
/// to <c>NAME.tmp</c> and renamed when complete.
/// </summary>
public static class ToolsCsvWriter
{
    public const string ToolsFileName = "tools.csv";

    public const string TimeSeriesFileName = "timeseries.csv";

    /// <summary>Writes both files; returns their paths.</summary>
    public static (string Tools, string TimeSeries) Write(string directory, ToolsReport report)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(report);
        string tools = Path.Combine(directory, ToolsFileName);
        CsvFiles.WriteAtomically(tools, csv =>
        {
            csv.WriteHeader(GroupFields.Names.ToArray());
            foreach (GroupReport g in report.Groups)
            {
                foreach (GroupColumn column in GroupFields.Columns)
                {
                    csv.WriteField(Cell(column.Kind, column.Value(g)));
                }

                csv.EndRecord();
            }
        });

        string series = Path.Combine(directory, TimeSeriesFileName);
        CsvFiles.WriteAtomically(series, csv =>
        {
            csv.WriteHeader(GroupFields.TimeSeriesNames.ToArray());
            foreach (TimeSeriesRow row in report.TimeSeries)
            {
                csv.WriteField(WireText.CsvSafe(row.Group));
                csv.WriteField(row.Second.ToString(CultureInfo.InvariantCulture));
                foreach (long count in GroupFields.TimeSeriesCounts(row))
                {
                    csv.WriteField(count.ToString(CultureInfo.InvariantCulture));
                }

                csv.EndRecord();
            }
        });

        return (tools, series);
    }

    /// <summary>One cell's text.</summary>
    public static string Cell(CellKind kind, object? value) => value switch
    {
        null => string.Empty,
        _ => kind switch
        {
            CellKind.Count => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            CellKind.Rate or CellKind.Milliseconds => Finite((double)value, "F3"),
            CellKind.Share => Finite((double)value, "F6"),
            CellKind.Token => (string)value,
            CellKind.WireString => WireText.CsvSafe((string)value),
            CellKind.WireStringList => WireText.CsvSafeList((IReadOnlyList<string>)value),
            CellKind.Boolean => (bool)value ? "true" : "false",
            CellKind.CountTable => GroupFields.TableItems((CountTable<string>)value) is { } items ? WireText.CsvSafeList(items) : string.Empty,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        },
    };

    private static string Finite(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : string.Empty;
}
