namespace WireLens.Tui.Shell;

/// <summary>The characters charts and bars are drawn with: Unicode block elements, or ASCII for terminals without UTF-8.</summary>
internal sealed class Glyphs
{
    private Glyphs(string levels, char full, char empty, char rule)
    {
        Levels = levels;
        Full = full;
        Empty = empty;
        Rule = rule;
    }

    /// <summary>U+2581–U+2588, eighths of a cell.</summary>
    public static Glyphs Unicode { get; } = new(" ▁▂▃▄▅▆▇█", '█', '░', '─');

    /// <summary>Eight levels in ASCII.</summary>
    public static Glyphs Ascii { get; } = new(" ..::-=+#", '#', '.', '-');

    /// <summary>Nine characters: index 0 is empty, 8 a full cell, in between the eighths.</summary>
    public string Levels { get; }

    /// <summary>A full cell (progress bar).</summary>
    public char Full { get; }

    /// <summary>The empty part of a progress bar.</summary>
    public char Empty { get; }

    /// <summary>A horizontal line (pane titles).</summary>
    public char Rule { get; }
}
