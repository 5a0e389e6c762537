using Terminal.Gui.Input;
using Terminal.Gui.Views;
using WireLens.Tui.Shell;

namespace WireLens.Tui;

/// <summary>The window's keys, taken from the application's keyboard before any view sees them.</summary>
public sealed partial class InspectorWindow
{
    // The application's KeyDown comes before the focused view: a list with type-ahead must not eat q, p, s or /, and
    // Esc must not reach Terminal.Gui's default quit binding (Esc in v2). Keys are left alone while another runnable
    // (help, the filter prompt) is on top, or while a text field has focus.
    private void OnAppKeyDown(object? sender, Key key)
    {
        if (key.Handled || !ReferenceEquals(_app.TopRunnableView, this) || MostFocused is TextField)
        {
            return;
        }

        if (_status.Message is not null && !Paused)
        {
            _status.Message = null;
        }

        key.Handled = HandleKey(key);
    }

    private bool HandleKey(Key key)
    {
        if (key == Key.C.WithCtrl || key == Key.Q || key == Key.Q.WithShift)
        {
            Quit();
            return true;
        }

        if (key == Key.Esc)
        {
            // Never quits: back from the detail screen, else nothing.
            if (DetailShown)
            {
                ShowMain();
            }

            return true;
        }

        if (key.IsCtrl || key.IsAlt)
        {
            return false;
        }

        switch (key.AsRune.Value)
        {
            case '?':
                ShowHelp();
                return true;
            case 'p':
                TogglePause();
                return true;
            case '/' when !DetailShown:
                List.PromptFilter();
                return true;
            case 's' when !DetailShown:
                List.SortBySelectedColumn();
                return true;
            case 'e' when !DetailShown:
                _status.Message = List.ExportShown(_options.ExportDirectory);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The help dialog (<c>?</c>) drawn with <paramref name="options"/>' colours; <c>?</c> runs it modally.</summary>
    public static Runnable CreateHelp(InspectorOptions options) => new HelpDialog(Palette.For(options));

    private void ShowHelp()
    {
        using Runnable help = CreateHelp(_options);
        _app.Run(help);
    }
}
