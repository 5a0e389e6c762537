using Terminal.Gui.Views;

namespace WireLens.Tui.Connections;

/// <summary>
/// A one-column <see cref="ITableSource"/> whose rows are lines made on demand (the ladder, the dissection): the table
/// asks only for the lines it draws.
/// </summary>
/// <param name="header">The column header.</param>
/// <param name="count">How many lines there are.</param>
/// <param name="line">Line <c>i</c>.</param>
internal sealed class LinesTableSource(Func<string> header, Func<int> count, Func<int, string> line) : ITableSource
{
    public string[] ColumnNames => [header()];

    public int Columns => 1;

    public int Rows => count();

    public object this[int row, int col] => line(row);
}
