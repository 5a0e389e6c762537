using Terminal.Gui.ViewBase;

namespace WireLens.Tui.Shell;

/// <summary>The bottom row: the keys of the screen shown, or the last action's message (export, pause) until the next key.</summary>
internal sealed class StatusLineView : View
{
    public const string MainKeys = "Tab pane  Enter open  / filter  s sort  p pause  e export  ? help  q quit";
    public const string DetailKeys = "Esc back  Tab pane  ? help  q quit";

    private readonly Palette _palette;
    private string _keys = MainKeys;
    private string? _message;

    public StatusLineView(Palette palette)
    {
        _palette = palette;
        Height = 1;
        Width = Dim.Fill();
    }

    /// <summary>The key list shown when there is no message.</summary>
    public string Keys
    {
        get => _keys;
        set
        {
            _keys = value;
            SetNeedsDraw();
        }
    }

    /// <summary>A one-line message shown instead of the keys; null shows the keys.</summary>
    public string? Message
    {
        get => _message;
        set
        {
            _message = value;
            SetNeedsDraw();
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        if (width <= 0)
        {
            return true;
        }

        string text = _message is null ? " " + _keys : " " + Format.Wire(_message, width - 1);
        SetAttribute(_palette.Reverse);
        Move(0, 0);
        AddStr(Format.Fit(text, width).PadRight(width));
        return true;
    }
}
