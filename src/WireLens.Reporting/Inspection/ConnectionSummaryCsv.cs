using System.Globalization;
using CsvHelper;
using WireLens.Reporting.Csv;
using WireLens.Reporting.Text;
using WireLens.Wire;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// Exports the connection list as it is shown (the rows and order the user chose) as CSV: one column per
/// <see cref="ConnectionColumn"/>, named by <see cref="ConnectionColumns.CsvName"/> (docs/connection-list.md).
/// </summary>
/// <remarks>
/// A cell is the column's display text (<see cref="ConnectionColumns.Text"/>: empty when unknown, invariant numbers),
/// except that wire strings (group, tool, sni, alpn) go through <see cref="WireText.CsvSafe"/> instead (control
/// characters escaped, a formula start prefixed with <c>'</c>) and <c>requests</c> is the bare count: an estimate
/// (the list's <c>~</c>) is exactly a row whose <c>protocol</c> is <c>tls</c>. Same format as connections.csv:
/// RFC 4180 quoting (CsvHelper), <c>\n</c> line ends.
/// </remarks>
public static class ConnectionSummaryCsv
{
    /// <summary>
    /// Writes the header and the rows <c>rows[order[i]]</c> in that order to <paramref name="writer"/> (left open).
    /// </summary>
    /// <returns>The number of rows written (the header not counted).</returns>
    public static int Write(TextWriter writer, ConnectionRows rows, IReadOnlyList<int> order, Timestamp origin)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(order);
        IReadOnlyList<ConnectionColumn> columns = ConnectionColumns.All;
        using CsvWriter csv = CsvWriter.Create(writer, CsvFiles.Options, leaveOpen: true);
        csv.WriteHeader(columns.Select(ConnectionColumns.CsvName).ToArray());
        for (int i = 0; i < order.Count; i++)
        {
            ref readonly ConnectionSummary row = ref rows[order[i]];
            foreach (ConnectionColumn column in columns)
            {
                csv.WriteField(Cell(row, column, origin));
            }

            csv.EndRecord();
        }

        return order.Count;
    }

    private static string Cell(in ConnectionSummary row, ConnectionColumn column, Timestamp origin)
    {
        if (column == ConnectionColumn.Requests)
        {
            return row.Requests < 0 ? string.Empty : row.Requests.ToString(CultureInfo.InvariantCulture);
        }

        if (ConnectionColumns.IsWireString(column))
        {
            return ConnectionColumns.TextKey(row, column) is { } raw ? WireText.CsvSafe(raw) : string.Empty;
        }

        return ConnectionColumns.Text(row, column, origin);
    }
}
