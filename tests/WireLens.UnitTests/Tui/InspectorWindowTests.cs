using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Tui;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace WireLens.UnitTests.Tui;

public sealed class InspectorWindowTests
{
    private static readonly InspectorOptions s_options = new() { ExportDirectory = "/tmp/wirelens-export" };

    [Theory]
    [MemberData(nameof(ShellSnapshots.Captures), MemberType = typeof(ShellSnapshots))]
    public void MainScreen_FinalSnapshot_MatchesGolden(string capture)
    {
        foreach ((int width, int height) in new[] { (80, 24), (160, 50) })
        {
            // Arrange
            using var screen = new TuiScreen(width, height);
            using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Of(capture)), s_options);

            // Act
            screen.Show(window);

            // Assert
            GoldenFile.Assert($"tui/{Path.GetFileNameWithoutExtension(capture)}-{width}x{height}.txt", screen.Text());
        }
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(160, 50)]
    public void MainScreen_LiveSnapshot_MatchesGolden(int width, int height)
    {
        using var screen = new TuiScreen(width, height);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Live()), s_options);

        screen.Show(window);

        GoldenFile.Assert($"tui/live-{width}x{height}.txt", screen.Text());
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(160, 50)]
    public void HelpDialog_MatchesGolden(int width, int height)
    {
        using var screen = new TuiScreen(width, height);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap")), s_options);
        screen.Show(window);
        using var help = InspectorWindow.CreateHelp(s_options);

        screen.Show(help);

        string text = screen.Text();
        Assert.Contains("tw:client|server|both|none", text, StringComparison.Ordinal);
        Assert.Contains("q, Ctrl-C", text, StringComparison.Ordinal);
        GoldenFile.Assert($"tui/help-{width}x{height}.txt", text);
    }

    [Fact]
    public void Header_FileSnapshot_ShowsFileNameAndPacketCount()
    {
        InspectionSnapshot snapshot = ShellSnapshots.Of("ab-no-keepalive.pcap");
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(snapshot), s_options);

        screen.Show(window);

        Assert.Contains("ab-no-keepalive.pcap", screen.Line(0), StringComparison.Ordinal);
        Assert.Contains(snapshot.Header.Packets.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " pkts", screen.Line(0), StringComparison.Ordinal);
        Assert.Contains("finished", screen.Line(0), StringComparison.Ordinal);
    }

    [Fact]
    public void Header_ReadingAFile_ShowsTheProgressBar()
    {
        InspectionSnapshot final = ShellSnapshots.Of("ab-no-keepalive.pcap");
        InspectionSnapshot reading = final with { Header = final.Header with { State = InspectionState.Reading, Progress = 0.45 } };
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(reading), s_options with { AsciiCharts = true });

        screen.Show(window);

        Assert.Contains("reading", screen.Line(0), StringComparison.Ordinal);
        Assert.Contains("[#########...........]  45%", screen.Line(1), StringComparison.Ordinal);
    }

    [Fact]
    public void GroupTable_FirstGroup_ShowsItsConnectionCount()
    {
        InspectionSnapshot snapshot = ShellSnapshots.Of("ab-no-keepalive.pcap");
        GroupReport group = snapshot.Tools!.Groups[0];
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(snapshot), s_options);

        screen.Show(window);

        // Rows: header 0-1, groups title 2, column headers 3, first group 4.
        string row = screen.Line(4);
        Assert.StartsWith(group.Group, row, StringComparison.Ordinal);
        string[] cells = row[14..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(group.Connections.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), cells[0]);
        Assert.Equal(group.Group, window.ChartedGroup);
    }

    [Fact]
    public void Header_Drops_DrawnWithAnAlertAttribute()
    {
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Live()), s_options);

        screen.Show(window);

        (Attribute drops, Attribute normal) = DropsAndNormal(screen);
        Assert.NotEqual(normal, drops);
        Assert.NotEqual(Color.None, drops.Foreground);
    }

    [Fact]
    public void Header_DropsWithNoColor_ReverseVideoWithoutColours()
    {
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Live()), s_options with { NoColor = true });

        screen.Show(window);

        (Attribute drops, Attribute normal) = DropsAndNormal(screen);
        Assert.NotEqual(normal, drops);
        Assert.Equal(Color.None, drops.Foreground);
        Assert.Equal(Color.None, drops.Background);
        Assert.True(drops.Style.HasFlag(TextStyle.Reverse));
        Assert.Equal(Color.None, normal.Foreground);
    }

    [Fact]
    public void GroupName_WithControlCharacters_IsShownEscaped()
    {
        InspectionSnapshot snapshot = ShellSnapshots.RenameFirstGroup(ShellSnapshots.Of("ab-no-keepalive.pcap"), "evil\x1b[2J");
        using var screen = new TuiScreen(160, 50);
        using var window = new InspectorWindow(screen.App, new FakeFeed(snapshot), s_options);

        screen.Show(window);

        string text = screen.Text();
        Assert.Contains("evil\\x1B[2J", screen.Line(4), StringComparison.Ordinal);
        Assert.Contains("Charts: evil\\x1B[2J", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1b', text);
    }

    [Fact]
    public void Refresh_FeedChanges_AreDrawn()
    {
        var feed = new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap"));
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, feed, s_options);
        screen.Show(window);

        feed.Current = ShellSnapshots.Live();
        window.Refresh();
        screen.Draw();

        Assert.Contains("lo (tcp port 8443)", screen.Line(0), StringComparison.Ordinal);
        Assert.Contains("run wrk-1 (1/2)", screen.Line(1), StringComparison.Ordinal);
    }

    [Fact]
    public void P_PausesAndResumesTheDisplay()
    {
        var feed = new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap"));
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, feed, s_options);
        screen.Show(window);

        // Paused: a new snapshot is not drawn, the header says PAUSED.
        screen.Press(Key.P);
        feed.Current = ShellSnapshots.Live();
        window.Refresh();
        screen.Draw();
        Assert.True(window.Paused);
        Assert.Contains("PAUSED", screen.Line(0), StringComparison.Ordinal);
        Assert.Contains("ab-no-keepalive.pcap", screen.Line(0), StringComparison.Ordinal);

        // Resumed: the latest snapshot is drawn at once.
        screen.Press(Key.P);
        Assert.False(window.Paused);
        Assert.DoesNotContain("PAUSED", screen.Line(0), StringComparison.Ordinal);
        Assert.Contains("lo (tcp port 8443)", screen.Line(0), StringComparison.Ordinal);
        Assert.Equal(0, feed.StopRequests);
    }

    [Fact]
    public void Q_StopsTheFeedAndTheWindow()
    {
        var feed = new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap"));
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, feed, s_options);
        screen.Show(window);

        screen.Press(Key.Q);

        Assert.Equal(1, feed.StopRequests);
        Assert.True(window.QuitRequested);
        Assert.True(window.StopRequested);
    }

    [Fact]
    public void CtrlC_StopsTheFeedAndTheWindow()
    {
        var feed = new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap"));
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, feed, s_options);
        screen.Show(window);

        screen.Press(Key.C.WithCtrl);

        Assert.Equal(1, feed.StopRequests);
        Assert.True(window.StopRequested);
    }

    [Fact]
    public void Esc_OnTheMainScreen_DoesNotQuit()
    {
        var feed = new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap"));
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, feed, s_options);
        screen.Show(window);

        screen.Press(Key.Esc);

        Assert.Equal(0, feed.StopRequests);
        Assert.False(window.StopRequested);
        Assert.False(window.QuitRequested);
    }

    [Fact]
    public void Esc_OnTheDetailScreen_ReturnsToTheMainScreen()
    {
        InspectionSnapshot snapshot = ShellSnapshots.Of("ab-no-keepalive.pcap");
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(snapshot), s_options);
        screen.Show(window);

        window.ShowConnection(snapshot.Connections[0]);
        screen.Draw();
        Assert.True(window.DetailShown);
        Assert.Contains("Connection ", screen.Line(2), StringComparison.Ordinal);
        Assert.Equal(snapshot.Connections[0].Stream, window.Detail.Connection?.Stream);

        screen.Press(Key.Esc);

        Assert.False(window.DetailShown);
        Assert.False(window.StopRequested);
        Assert.Contains("Groups", screen.Line(2), StringComparison.Ordinal);
    }

    [Fact]
    public void E_ShowsTheExportMessageInTheStatusLine()
    {
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap")), s_options);
        screen.Show(window);

        screen.Press(Key.E);

        Assert.NotNull(window.StatusMessage);
        Assert.Contains("/tmp/wirelens-export", screen.Line(23), StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_MovesFocusBetweenPanes()
    {
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Of("ab-no-keepalive.pcap")), s_options);
        screen.Show(window);
        int findingsTitle = screen.Text().Split('\n').ToList().FindIndex(l => l.Contains(" Findings (", StringComparison.Ordinal));
        int findingsColumn = screen.Line(findingsTitle).IndexOf(" Findings (", StringComparison.Ordinal);
        Assert.True(TitleFocused(screen, 2, 0));
        Assert.False(TitleFocused(screen, findingsTitle, findingsColumn));

        screen.Press(Key.Tab);

        Assert.False(TitleFocused(screen, 2, 0));
        Assert.True(TitleFocused(screen, findingsTitle, findingsColumn));

        screen.Press(Key.Tab.WithShift);

        Assert.True(TitleFocused(screen, 2, 0));
    }

    [Fact]
    public void Resize_80x24To160x50AndBack_Redraws()
    {
        using var screen = new TuiScreen(80, 24);
        using var window = new InspectorWindow(screen.App, new FakeFeed(ShellSnapshots.Live()), s_options);
        screen.Show(window);
        string small = screen.Text();

        screen.App.Driver!.SetScreenSize(160, 50);
        screen.Draw();
        Assert.Equal(50, screen.Text().Split('\n').Length - 1);
        Assert.Contains("requests", screen.Line(3), StringComparison.Ordinal);

        screen.App.Driver!.SetScreenSize(80, 24);
        screen.Draw();
        Assert.Equal(small, screen.Text());
    }

    private static bool TitleFocused(TuiScreen screen, int row, int column) =>
        screen.App.Driver!.Contents![row, column].Attribute is { } a && a.Style.HasFlag(TextStyle.Reverse);

    private static (Attribute Drops, Attribute Normal) DropsAndNormal(TuiScreen screen)
    {
        string line = screen.Line(0);
        int drops = line.IndexOf("drops", StringComparison.Ordinal);
        int pkts = line.IndexOf("pkts", StringComparison.Ordinal);
        Assert.True(drops > 0 && pkts > 0);
        Cell[,] cells = screen.App.Driver!.Contents!;
        return (cells[0, drops].Attribute!.Value, cells[0, pkts].Attribute!.Value);
    }
}

public sealed class InspectorRunTests
{
    [Fact]
    public void Run_OneIteration_DrawsAndReturns()
    {
        // Arrange
        using IApplication app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(80, 24);
        app.StopAfterFirstIteration = true;
        var feed = new FakeFeed(ShellSnapshots.Of("h2load-h2c.pcap"));

        // Act
        Inspector.Run(app, feed, new InspectorOptions { Refresh = TimeSpan.FromMilliseconds(10) });

        // Assert
        Assert.Equal(0, feed.StopRequests);
        Assert.Equal('h', app.Driver.Contents![0, 1].Grapheme[0]);
    }
}
