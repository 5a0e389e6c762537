using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace WireLens.Tui.Shell;

/// <summary>The help dialog: <see cref="HelpText"/> in a bordered box centred on the screen; Esc, Enter, q or ? closes it.</summary>
internal sealed class HelpDialog : Runnable
{
    private readonly Palette _palette;

    public HelpDialog(Palette palette)
    {
        _palette = palette;
        Title = "Help";
        BorderStyle = LineStyle.Single;
        SetScheme(palette.Scheme);
        int width = HelpText.Lines.Max(static l => l.Length) + 4;
        int height = HelpText.Lines.Count + 2;
        Width = Dim.Func(_ => Math.Min(width, App?.Screen.Width ?? width));
        Height = Dim.Func(_ => Math.Min(height, App?.Screen.Height ?? height));
        X = Pos.Center();
        Y = Pos.Center();
        CanFocus = true;
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        for (int i = 0; i < HelpText.Lines.Count && i < Viewport.Height; i++)
        {
            string line = HelpText.Lines[i];
            SetAttribute(line.Length > 0 && line[0] != ' ' ? _palette.Bold : _palette.Normal);
            Move(1, i);
            AddStr(Format.Fit(line, Math.Max(0, Viewport.Width - 1)));
        }

        return true;
    }

    protected override bool OnKeyDown(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key.Esc || key == Key.Enter || key == Key.Q || key.AsRune.Value == '?')
        {
            App?.RequestStop(this);
            return true;
        }

        return false;
    }
}
