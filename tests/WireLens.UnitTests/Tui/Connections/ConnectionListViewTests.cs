using System.Globalization;
using Terminal.Gui.Input;
using Terminal.Gui.Views;
using WireLens.Cli.Inspection;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Tui.Connections;

namespace WireLens.UnitTests.Tui.Connections;

public sealed class ConnectionListViewTests
{
    private static readonly Lazy<InspectionSnapshot> s_tls = new(() => OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap")));
    private static readonly Lazy<InspectionSnapshot> s_ab = new(() => OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, "ab-no-keepalive.pcap")));

    private static (TuiScreen Screen, ConnectionListView List, Runnable Top) Open(int width, int height, InspectionSnapshot snapshot)
    {
        var screen = new TuiScreen(width, height);
        var list = new ConnectionListView();
        var top = new Runnable();
        top.Add(list);
        screen.Show(top);
        list.Update(snapshot);
        screen.Draw();
        return (screen, list, top);
    }

    [Theory]
    [InlineData("curl-tls13-resume", 80, 24)]
    [InlineData("curl-tls13-resume", 160, 50)]
    [InlineData("ab-no-keepalive", 80, 24)]
    [InlineData("ab-no-keepalive", 160, 50)]
    public void Update_RealSnapshot_DrawsAsGolden(string capture, int width, int height)
    {
        InspectionSnapshot snapshot = capture == "ab-no-keepalive" ? s_ab.Value : s_tls.Value;
        var (screen, list, top) = Open(width, height, snapshot);
        using (screen)
        using (top)
        {
            Assert.Equal(snapshot.Connections.Count, list.ShownRows);
            GoldenFile.Assert($"tui-connections/list-{capture}-{width}x{height}.txt", screen.Text());
        }
    }

    [Fact]
    public void SortBy_Duration_FirstVisibleRowIsTheLongestWhenReversed()
    {
        InspectionSnapshot snapshot = s_ab.Value;
        var (screen, list, top) = Open(160, 50, snapshot);
        using (screen)
        using (top)
        {
            list.SortBy(ConnectionColumn.DurationMs);
            list.SortBy(ConnectionColumn.DurationMs);
            screen.Draw();

            Assert.True(list.SortDescending);
            double longest = Enumerable.Range(0, snapshot.Connections.Count).Max(i => snapshot.Connections[i].DurationMs);
            Assert.Equal(longest, list.Source.Row(0).DurationMs);
            Assert.Equal(0, list.FirstVisibleRow);
            Assert.Contains(ConnectionColumns.Header(ConnectionColumn.DurationMs) + " ▼", screen.Line(1), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SortBySelectedColumn_SecondPressReverses()
    {
        var (screen, list, top) = Open(80, 24, s_ab.Value);
        using (screen)
        using (top)
        {
            list.SortBySelectedColumn();
            ConnectionColumn first = list.SortColumn;
            bool firstDescending = list.SortDescending;
            list.SortBySelectedColumn();
            Assert.Equal(first, list.SortColumn);
            Assert.NotEqual(firstDescending, list.SortDescending);
        }
    }

    [Fact]
    public void Filter_TlsYes_ShowsOnlyTlsRowsAndCountsInTheTitle()
    {
        InspectionSnapshot snapshot = s_tls.Value;
        var (screen, list, top) = Open(160, 50, snapshot);
        using (screen)
        using (top)
        {
            // Act: '/' (the shell calls PromptFilter), type, Enter.
            list.PromptFilter();
            screen.Draw();
            Assert.True(list.IsPromptingFilter);
            foreach (char c in "tls:yes")
            {
                screen.Press(new Key(c));
            }

            screen.Press(Key.Enter);

            // Assert
            Assert.False(list.IsPromptingFilter);
            Assert.Equal("tls:yes", list.FilterText);
            int tls = Enumerable.Range(0, snapshot.Connections.Count).Count(i => snapshot.Connections[i].IsTls);
            Assert.Equal(tls, list.ShownRows);
            Assert.All(Enumerable.Range(0, list.ShownRows), i => Assert.True(list.Source.Row(i).IsTls));
            string expected = string.Create(CultureInfo.InvariantCulture, $"Connections {tls:N0} of {snapshot.Connections.Count:N0} · filter: tls:yes");
            Assert.Contains(expected, screen.Line(0), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Filter_BadExpression_ShowsTheErrorAndStaysOpen()
    {
        var (screen, list, top) = Open(80, 24, s_ab.Value);
        using (screen)
        using (top)
        {
            list.PromptFilter();
            foreach (char c in "close:sideways")
            {
                screen.Press(new Key(c));
            }

            screen.Press(Key.Enter);

            Assert.True(list.IsPromptingFilter);
            Assert.NotEmpty(list.FilterError);
            Assert.Contains(list.FilterError[..Math.Min(30, list.FilterError.Length)], screen.Text(), StringComparison.Ordinal);
            Assert.Equal(string.Empty, list.FilterText);

            screen.Press(Key.Esc);
            Assert.False(list.IsPromptingFilter);
            Assert.Equal(s_ab.Value.Connections.Count, list.ShownRows);
        }
    }

    [Fact]
    public void Filter_WithUnderscores_TitleShowsThemAsTyped()
    {
        // Terminal.Gui reads '_' in a title as a hotkey marker and hides it: the list's title must not.
        var (screen, list, top) = Open(160, 50, s_tls.Value);
        using (screen)
        using (top)
        {
            Assert.True(list.TrySetFilter("close:server_fin", out _));
            screen.Draw();

            Assert.Contains("filter: close:server_fin", screen.Text(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExportShown_WritesTheShownRowsInShownOrder()
    {
        InspectionSnapshot snapshot = s_tls.Value;
        string dir = TestPaths.NewTempDirectory("wirelens-list");
        var (screen, list, top) = Open(80, 24, snapshot);
        using (screen)
        using (top)
        {
            Assert.True(list.TrySetFilter("tls:yes", out _));
            list.SortBy(ConnectionColumn.Stream);
            list.SortBy(ConnectionColumn.Stream);

            string message = list.ExportShown(dir);
            string second = list.ExportShown(dir);

            string[] files = Directory.GetFiles(dir, "wirelens-connections-*.csv").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(2, files.Length);
            Assert.StartsWith("Wrote ", message, StringComparison.Ordinal);
            Assert.EndsWith($"({list.ShownRows} connections)", message, StringComparison.Ordinal);
            Assert.NotEqual(message, second);
            string[] lines = File.ReadAllLines(files[0]);
            Assert.Equal(list.ShownRows + 1, lines.Length);
            int streamField = Array.IndexOf(lines[0].Split(','), ConnectionColumns.CsvName(ConnectionColumn.Stream));
            for (int i = 0; i < list.ShownRows; i++)
            {
                Assert.Equal(list.Source.Row(i).Stream.ToString(CultureInfo.InvariantCulture), lines[i + 1].Split(',')[streamField]);
            }
        }
    }

    [Fact]
    public void ExportShown_UnwritableDirectory_ReturnsAnErrorLine()
    {
        var (screen, list, top) = Open(80, 24, s_ab.Value);
        using (screen)
        using (top)
        {
            string message = list.ExportShown("/proc/no-such-dir/x");
            Assert.StartsWith("cannot export to /proc/no-such-dir/x: ", message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', message);
        }
    }

    [Fact]
    public void Update_MoreRows_KeepsTheSelectedConnection()
    {
        InspectionSnapshot full = s_ab.Value;
        int half = full.Connections.Count / 2;
        InspectionSnapshot partial = full with { Connections = ConnectionRows.Of(Enumerable.Range(0, half).Select(i => full.Connections[i])) };
        var (screen, list, top) = Open(80, 24, partial);
        using (screen)
        using (top)
        {
            list.SortBy(ConnectionColumn.Stream);
            list.SortBy(ConnectionColumn.Stream); // descending: new rows arrive above the selection
            screen.Press(Key.CursorDown);
            screen.Press(Key.CursorDown);
            ConnectionSummary selected = list.SelectedConnection!.Value;

            list.Update(full);
            screen.Draw();

            Assert.Equal(full.Connections.Count, list.ShownRows);
            Assert.Equal(selected.Stream, list.SelectedConnection!.Value.Stream);
            Assert.Equal(2, list.SelectedIndex!.Value - list.FirstVisibleRow);
        }
    }

    [Fact]
    public void Update_100000Rows_DrawsAndReadsOnlyVisibleCells()
    {
        InspectionSnapshot big = ListFixtures.Synthetic(100_000);
        var (screen, list, top) = Open(160, 50, big);
        using (screen)
        using (top)
        {
            Assert.Equal(100_000, list.ShownRows);
            long before = list.Source.CellsRead;
            screen.Draw();
            long perDraw = list.Source.CellsRead - before;

            list.SortBy(ConnectionColumn.Client);
            screen.Press(Key.PageDown);
            screen.Draw();

            // A 50-line screen shows under 50 rows of 19 columns; the table may read each a few times (widths, drawing).
            Assert.InRange(perDraw, 1, 50 * ConnectionColumns.All.Count * 4);
            Assert.Contains("Connections 100,000", screen.Line(0), StringComparison.Ordinal);
        }
    }
}
