namespace WireLens.Tui.Shell;

/// <summary>
/// The main screen's pane heights from the rows below the header and above the key line: the group table takes up to a
/// seventh of them, the charts and findings band 8 rows (15 on tall terminals, two rows per chart), the connection list
/// the rest. At 80×24 (21 rows): groups 5, charts 8, list 8.
/// </summary>
internal static class PaneLayout
{
    public static int GroupsHeight(int rows, int groups)
    {
        int shown = Math.Clamp(groups, 1, Math.Max(1, rows / 7));
        return Math.Min(rows, shown + 2);
    }

    public static int ChartsHeight(int rows, int groups)
    {
        int left = rows - GroupsHeight(rows, groups);
        int band = rows >= 40 ? 15 : 8;

        // Leave the connection list at least 4 rows (title, header, two rows).
        return Math.Clamp(Math.Min(band, left - 4), 0, Math.Max(0, left));
    }
}
