using Terminal.Gui.ViewBase;

namespace WireLens.Tui.Connections;

/// <summary>
/// Draws a few lines of plain text as they are (no hotkey underscore, no word wrap; clipped at the edge): the detail
/// screen's header, where <c>TIME_WAIT</c> must not become a hotkey. The lines must already be escaped.
/// </summary>
internal sealed class TextLinesView : View
{
    private IReadOnlyList<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get => _lines;
        set
        {
            _lines = value;
            SetNeedsDraw();
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int rows = Math.Min(_lines.Count, Viewport.Height);
        for (int r = 0; r < rows; r++)
        {
            string line = _lines[r];
            Move(0, r);
            AddStr(line.Length > Viewport.Width ? line[..Viewport.Width] : line);
        }

        return true;
    }
}
