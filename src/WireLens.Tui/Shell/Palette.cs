using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace WireLens.Tui.Shell;

/// <summary>
/// The few attributes the shell draws with. Text is drawn in the terminal's own colours (<see cref="Color.None"/>);
/// with colour, alerts are red and warnings yellow; without (NO_COLOR), emphasis is reverse or bold video only.
/// </summary>
internal sealed class Palette
{
    private Palette(bool noColor, bool ascii)
    {
        NoColor = noColor;
        Glyphs = ascii ? Glyphs.Ascii : Glyphs.Unicode;
        Normal = new Attribute(Color.None, Color.None, TextStyle.None);
        Bold = new Attribute(Color.None, Color.None, TextStyle.Bold);
        Reverse = new Attribute(Color.None, Color.None, TextStyle.Reverse);
        Alert = noColor ? new Attribute(Color.None, Color.None, TextStyle.Reverse | TextStyle.Bold) : new Attribute(Color.BrightRed, Color.None, TextStyle.Bold);
        Warning = noColor ? Bold : new Attribute(Color.BrightYellow, Color.None, TextStyle.None);
        Dim = noColor ? Normal : new Attribute(Color.DarkGray, Color.None, TextStyle.None);
    }

    /// <summary>No colour attributes at all.</summary>
    public bool NoColor { get; }

    /// <summary>The chart and bar characters.</summary>
    public Glyphs Glyphs { get; }

    /// <summary>Plain text in the terminal's colours.</summary>
    public Attribute Normal { get; }

    /// <summary>Titles and headers.</summary>
    public Attribute Bold { get; }

    /// <summary>The selected row and the focused pane's title.</summary>
    public Attribute Reverse { get; }

    /// <summary>What needs attention now: capture drops, error findings, a failed run.</summary>
    public Attribute Alert { get; }

    /// <summary>Warning findings.</summary>
    public Attribute Warning { get; }

    /// <summary>Secondary text (axis labels); plain without colour.</summary>
    public Attribute Dim { get; }

    /// <summary>The terminal's colours as a scheme (every role the same plain attribute, focus in reverse).</summary>
    public Scheme Scheme => new(Normal) { Focus = Reverse };

    public static Palette For(InspectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Palette(options.NoColor, options.AsciiCharts);
    }
}
