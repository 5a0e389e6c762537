using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using WireLens.Reporting.Inspection;
using WireLens.Tui.Connections;
using WireLens.Tui.Shell;

namespace WireLens.Tui;

/// <summary>
/// The inspector's main screen: header, per-group table, charts of the selected group, findings and the connection
/// list, with a key line at the bottom; Enter on a connection switches to the detail screen, Esc back. It renders
/// snapshots only: <see cref="Refresh"/> pulls <see cref="IInspectionFeed.Current"/> once (the <see cref="Inspector"/>
/// loop calls it on a timer); nothing here waits for the analysis. Keys: <see cref="StatusLineView.MainKeys"/> and
/// docs/tui.md.
/// </summary>
public sealed partial class InspectorWindow : Runnable
{
    private readonly IApplication _app;
    private readonly IInspectionFeed _feed;
    private readonly InspectorOptions _options;
    private readonly Palette _palette;

    private readonly HeaderView _header;
    private readonly View _main;
    private readonly GroupTableView _groups;
    private readonly GroupChartsView _charts;
    private readonly FindingsView _findings;
    private readonly DetailPane _detail;
    private readonly StatusLineView _status;

    private InspectionSnapshot? _shown;

    /// <summary>Builds the screen over <paramref name="feed"/>; keys are taken from <paramref name="app"/>'s keyboard.</summary>
    /// <param name="app">The application the window runs in (its keyboard, and <c>RequestStop</c> on quit).</param>
    /// <param name="feed">Where snapshots come from.</param>
    /// <param name="options">Refresh interval, NO_COLOR, export folder, ASCII charts.</param>
    public InspectorWindow(IApplication app, IInspectionFeed feed, InspectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(options);
        _app = app;
        _feed = feed;
        _options = options;
        _palette = Palette.For(options);

        Title = "WireLens";
        Width = Dim.Fill();
        Height = Dim.Fill();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.None;
        SetScheme(_palette.Scheme);
        CanFocus = true;

        _header = new HeaderView(_palette) { X = 0, Y = 0 };
        _status = new StatusLineView(_palette) { X = 0, Y = Pos.AnchorEnd(1) };

        _main = new View { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(1), CanFocus = true };
        _groups = new GroupTableView(_palette) { X = 0, Y = 0, Width = Dim.Fill() };
        _groups.Height = Dim.Func(_ => PaneLayout.GroupsHeight(_main.Viewport.Height, _groups.GroupCount));
        _charts = new GroupChartsView(_palette) { X = 0, Y = Pos.Bottom(_groups), Width = Dim.Percent(50) };
        _charts.Height = Dim.Func(_ => PaneLayout.ChartsHeight(_main.Viewport.Height, _groups.GroupCount));
        _findings = new FindingsView(_palette) { X = Pos.Right(_charts), Y = Pos.Bottom(_groups), Width = Dim.Fill() };
        _findings.Height = Dim.Func(_ => PaneLayout.ChartsHeight(_main.Viewport.Height, _groups.GroupCount));
        List = new ConnectionListView { X = 0, Y = Pos.Bottom(_charts), Width = Dim.Fill(), Height = Dim.Fill() };
        _main.Add(_groups, _charts, _findings, List);

        Detail = new ConnectionDetailView();
        _detail = new DetailPane(_palette, Detail) { X = 0, Y = 2, Width = Dim.Fill(), Height = Dim.Fill(1), Visible = false };

        Add(_header, _main, _detail, _status);

        _groups.SelectionChanged += (_, _) => UpdateCharts();
        List.ConnectionActivated += (_, e) => ShowConnection(e.Connection);
        _app.Keyboard.KeyDown += OnAppKeyDown;

        Refresh();
        _groups.SetFocus();
    }

    /// <summary>The connection list pane (the other panes are the shell's own).</summary>
    public ConnectionListView List { get; }

    /// <summary>The detail screen's view.</summary>
    public ConnectionDetailView Detail { get; }

    /// <summary>The display is paused (<c>p</c>): <see cref="Refresh"/> pulls nothing, the capture goes on.</summary>
    public bool Paused { get; private set; }

    /// <summary>The detail screen is shown (Enter on a connection); Esc returns to the main screen.</summary>
    public bool DetailShown => _detail.Visible;

    /// <summary>The user quit (q, Ctrl-C): the feed was asked to stop and the app to end this window's session.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>The status line's message (export result ...), null when it shows the keys.</summary>
    public string? StatusMessage => _status.Message;

    /// <summary>The group the charts show (the group table's selection), null before any group.</summary>
    public string? ChartedGroup => _groups.SelectedGroup;

    /// <summary>Pulls the feed's current snapshot once and shows it, unless paused or unchanged. UI thread only.</summary>
    public void Refresh()
    {
        if (Paused)
        {
            return;
        }

        InspectionSnapshot snapshot = _feed.Current;
        if (ReferenceEquals(snapshot, _shown))
        {
            return;
        }

        _shown = snapshot;
        _header.Update(snapshot.Header);
        _groups.Update(snapshot.Tools);
        _findings.Update(snapshot.Findings);
        UpdateCharts();
        List.Update(snapshot);
    }

    /// <summary>Opens the detail screen for <paramref name="connection"/> (what Enter on the list does).</summary>
    public void ShowConnection(in ConnectionSummary connection)
    {
        Detail.Show(connection, _feed.Details, _shown?.Origin ?? default);
        _main.Visible = false;
        _detail.Visible = true;
        _status.Keys = StatusLineView.DetailKeys;
        _detail.SetFocus();
        SetNeedsDraw();
    }

    /// <summary>Back to the main screen (Esc on the detail screen).</summary>
    public void ShowMain()
    {
        _detail.Visible = false;
        _main.Visible = true;
        _status.Keys = StatusLineView.MainKeys;
        _groups.SetFocus();
        SetNeedsDraw();
    }

    /// <summary>Pauses or resumes the display (<c>p</c>).</summary>
    public void TogglePause()
    {
        Paused = !Paused;
        _header.Paused = Paused;
        _status.Message = Paused ? "display paused (capture goes on): p resumes" : null;
        if (!Paused)
        {
            Refresh();
        }
    }

    /// <summary>Asks the feed to stop (as SIGINT would) and ends this window's session.</summary>
    public void Quit()
    {
        QuitRequested = true;
        _feed.RequestStop();
        _app.RequestStop(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnAppKeyDown;
        }

        base.Dispose(disposing);
    }

    private void UpdateCharts() =>
        _charts.Update(_shown?.Tools, _groups.SelectedGroup, _shown?.Connections ?? ConnectionRows.Empty);
}
