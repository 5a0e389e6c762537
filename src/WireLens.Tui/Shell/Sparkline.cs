namespace WireLens.Tui.Shell;

/// <summary>Draws a series of counts as bars of <see cref="Glyphs.Levels"/> (eighths of a cell), one or more rows high.</summary>
internal static class Sparkline
{
    /// <summary>
    /// The rows (top first) of a chart <paramref name="height"/> rows high of <paramref name="values"/> (one column each),
    /// scaled to <paramref name="max"/>; a non-zero value shows at least one eighth, so activity never disappears.
    /// </summary>
    public static string[] Render(ReadOnlySpan<long> values, long max, int height, Glyphs glyphs)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        var rows = new char[height][];
        for (int r = 0; r < height; r++)
        {
            rows[r] = new char[values.Length];
        }

        long steps = height * 8L;
        for (int i = 0; i < values.Length; i++)
        {
            long v = Math.Max(0, values[i]);
            long eighths = max <= 0 || v == 0 ? 0 : Math.Max(1, (long)Math.Round((double)v * steps / max));
            for (int r = 0; r < height; r++)
            {
                // r counts from the top; the bottom row holds the first eight eighths.
                long level = Math.Clamp(eighths - ((height - 1 - r) * 8L), 0, 8);
                rows[r][i] = glyphs.Levels[(int)level];
            }
        }

        return Array.ConvertAll(rows, static r => new string(r));
    }
}
