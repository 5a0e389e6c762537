using System.Text;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace WireLens.Bench.TuiList;

/// <summary>
/// Terminal.Gui's ANSI driver at a fixed screen size without a terminal, set up exactly as the unit tests' TuiScreen
/// does (Application.Create, Init with the ANSI driver, SetScreenSize, Begin, LayoutAndDraw(true)).
/// </summary>
internal sealed class HeadlessScreen : IDisposable
{
    private SessionToken? _token;

    public HeadlessScreen(int width, int height)
    {
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(width, height);
    }

    public IApplication App { get; }

    /// <summary>Makes <paramref name="runnable"/> the top view (the main loop is not run) and draws it.</summary>
    public void Show(IRunnable runnable)
    {
        _token = App.Begin(runnable);
        Draw();
    }

    /// <summary>Lays out and draws every view again.</summary>
    public void Draw() => App.LayoutAndDraw(true);

    /// <summary>Sends a key through the application's keyboard handling, then draws.</summary>
    public void Press(Key key)
    {
        App.Keyboard.RaiseKeyDownEvent(key);
        Draw();
    }

    /// <summary>Row <paramref name="row"/> of the driver's cells as text.</summary>
    public string Line(int row)
    {
        IDriver driver = App.Driver!;
        var text = new StringBuilder(driver.Cols);
        for (int c = 0; c < driver.Cols; c++)
        {
            text.Append(driver.Contents![row, c].Grapheme);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        if (_token is not null)
        {
            App.End(_token);
        }

        App.Dispose();
    }
}
