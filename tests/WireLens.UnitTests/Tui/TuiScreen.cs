using System.Text;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;

namespace WireLens.UnitTests.Tui;

/// <summary>
/// Draws views with Terminal.Gui's ANSI driver at a fixed screen size, without a terminal, and reads the cells back as
/// text (one line per row, trailing spaces kept so that column positions are part of the golden files).
/// </summary>
public sealed class TuiScreen : IDisposable
{
    private SessionToken? _token;

    public TuiScreen(int width, int height)
    {
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
    }

    public IApplication App { get; }

    /// <summary>Makes <paramref name="runnable"/> the top view (without running the main loop) and draws it.</summary>
    public void Show(IRunnable runnable)
    {
        _token = App.Begin(runnable);
        Draw();
    }

    /// <summary>Lays out and draws every view again.</summary>
    public void Draw() => App.LayoutAndDraw(true);

    /// <summary>Sends a key through the application's keyboard handling, then draws.</summary>
    public void Press(Terminal.Gui.Input.Key key)
    {
        App.Keyboard.RaiseKeyDownEvent(key);
        Draw();
    }

    /// <summary>The screen's cells as text.</summary>
    public string Text()
    {
        IDriver driver = App.Driver!;
        var text = new StringBuilder();
        for (int r = 0; r < driver.Rows; r++)
        {
            for (int c = 0; c < driver.Cols; c++)
            {
                text.Append(driver.Contents![r, c].Grapheme);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Row <paramref name="row"/> as text.</summary>
    public string Line(int row) => Text().Split('\n')[row];

    public void Dispose()
    {
        if (_token is not null)
        {
            App.End(_token);
        }

        App.Dispose();
    }
}
