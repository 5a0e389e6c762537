using Terminal.Gui.Views;
using WireLens.Reporting.Inspection;
using WireLens.Wire;

namespace WireLens.Tui.Connections;

/// <summary>
/// The connection list's <see cref="ITableSource"/>: row <c>i</c> is <c>rows[order[i]]</c>, cells are
/// <see cref="ConnectionColumns.Text"/> made when the table asks for them. Nothing is kept per row but the
/// <c>int[]</c> order, so a draw costs the visible cells, whatever the row count.
/// </summary>
public sealed class ConnectionTableSource : ITableSource
{
    private static readonly IReadOnlyList<ConnectionColumn> s_columns = ConnectionColumns.All;
    private string[] _names = [];

    internal ConnectionTableSource() => SetSort(ConnectionColumn.Start, descending: false);

    /// <summary>The rows of the snapshot shown.</summary>
    public ConnectionRows AllRows { get; private set; } = ConnectionRows.Empty;

    /// <summary>The shown rows: indices into <see cref="AllRows"/>, filtered and sorted.</summary>
    public int[] Order { get; private set; } = [];

    /// <summary>Time zero of the start column.</summary>
    public Timestamp Origin { get; private set; }

    /// <summary>Cells read so far (the virtualisation test counts them).</summary>
    public long CellsRead { get; private set; }

    /// <inheritdoc/>
    public string[] ColumnNames => _names;

    /// <inheritdoc/>
    public int Columns => s_columns.Count;

    /// <inheritdoc/>
    public int Rows => Order.Length;

    /// <inheritdoc/>
    public object this[int row, int col]
    {
        get
        {
            CellsRead++;
            return ConnectionColumns.Text(AllRows[Order[row]], s_columns[col], Origin);
        }
    }

    /// <summary>The row shown at <paramref name="row"/>.</summary>
    public ref readonly ConnectionSummary Row(int row) => ref AllRows[Order[row]];

    internal void Set(ConnectionRows rows, int[] order, Timestamp origin)
    {
        AllRows = rows;
        Order = order;
        Origin = origin;
    }

    /// <summary>Headers with the sort indicator (▲ ascending, ▼ descending) on the sort column; made once per sort.</summary>
    internal void SetSort(ConnectionColumn sort, bool descending)
    {
        var names = new string[s_columns.Count];
        for (int i = 0; i < names.Length; i++)
        {
            string header = ConnectionColumns.Header(s_columns[i]);
            names[i] = s_columns[i] == sort ? header + (descending ? " ▼" : " ▲") : header;
        }

        _names = names;
    }
}
