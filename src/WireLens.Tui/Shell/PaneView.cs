using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Terminal.Gui.ViewBase;

namespace WireLens.Tui.Shell;

/// <summary>
/// A pane of the main screen: one title row (reverse video while the pane has focus, so focus shows without colour),
/// then the content, drawn by <see cref="DrawContent"/> in the rows below.
/// </summary>
internal abstract class PaneView : View
{
    protected PaneView(Palette palette)
    {
        Palette = palette;
    }

    protected Palette Palette { get; }

    /// <summary>The pane's title, shown on its first row.</summary>
    protected abstract string PaneTitle { get; }

    /// <summary>Content width (the whole pane).</summary>
    protected int ContentWidth => Viewport.Width;

    /// <summary>Content rows (below the title).</summary>
    protected int ContentHeight => Math.Max(0, Viewport.Height - 1);

    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (Viewport.Width <= 0 || Viewport.Height <= 0)
        {
            return true;
        }

        string title = Format.Fit(" " + PaneTitle + " ", Viewport.Width);
        Put(0, 0, title, HasFocus ? Palette.Reverse : Palette.Bold);
        if (title.Length < Viewport.Width)
        {
            Put(title.Length, 0, new string(Palette.Glyphs.Rule, Viewport.Width - title.Length), Palette.Dim);
        }

        DrawContent();
        return true;
    }

    /// <summary>Draws the content rows (1 … <see cref="ContentHeight"/>).</summary>
    protected abstract void DrawContent();

    /// <summary>Writes <paramref name="text"/> at (<paramref name="x"/>, <paramref name="y"/>), cut at the right edge.</summary>
    protected void Put(int x, int y, string text, Attribute attribute)
    {
        int room = Viewport.Width - x;
        if (room <= 0 || y < 0 || y >= Viewport.Height || text.Length == 0)
        {
            return;
        }

        SetAttribute(attribute);
        Move(x, y);
        AddStr(text.Length <= room ? text : text[..room]);
    }

    protected override void OnHasFocusChanged(bool newHasFocus, View? previousFocusedView, View? view)
    {
        base.OnHasFocusChanged(newHasFocus, previousFocusedView, view);
        SetNeedsDraw();
    }
}
