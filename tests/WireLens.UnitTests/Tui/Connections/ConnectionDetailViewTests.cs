using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using WireLens.Cli.Inspection;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Tui.Connections;

namespace WireLens.UnitTests.Tui.Connections;

public sealed class ConnectionDetailViewTests
{
    [Theory]
    [InlineData(80, 24)]
    [InlineData(160, 50)]
    public void Show_HandBuiltLadder_DrawsHeaderLadderAndDissection(int width, int height)
    {
        // Arrange
        CapturedFrame frame = DetailFixtures.RealFrame("curl-keepalive.pcap", 1);
        var source = new FakeDetailSource(DetailFixtures.Ladder(), string.Empty, frame);
        using var screen = new TuiScreen(width, height);
        var view = new ConnectionDetailView();
        using var top = new Runnable();
        top.Add(view);
        screen.Show(top);

        // Act
        view.Show(DetailFixtures.Row(), source, DetailFixtures.Origin);
        Settle(screen, view);

        // Assert
        Assert.Equal(9, view.Events.Count);
        Assert.Equal([11L], source.FramesRead);
        string text = screen.Text();
        GoldenFile.Assert($"tui-connections/detail-{width}x{height}.txt", text);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.Contains("\\x1B[31m", text, StringComparison.Ordinal);
        Assert.Contains("[retransmission]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ladder_HostileLabel_IsEscaped()
    {
        var ladder = DetailFixtures.Ladder();
        string line = LadderText.Line(ladder.Events[5], ladder.Events[0].Time, 200);
        Assert.Contains("GET /\\x1B[31mred\\u{202E}evil HTTP/1.1", line, StringComparison.Ordinal);
        Assert.EndsWith("│ [retransmission]", line, StringComparison.Ordinal);
        Assert.Contains("──PSH,ACK len=517 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Ladder_ServerFrame_PointsLeft()
    {
        var ladder = DetailFixtures.Ladder();
        string line = LadderText.Line(ladder.Events[1], ladder.Events[0].Time, 100);
        Assert.Contains("│◀─", line, StringComparison.Ordinal);
        Assert.Contains("SYN,ACK len=0──│", line, StringComparison.Ordinal);
        Assert.StartsWith("     0.125      12 ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_SelectingAnotherFrame_ReadsIt()
    {
        var source = new FakeDetailSource(DetailFixtures.Ladder(), string.Empty, DetailFixtures.RealFrame("curl-keepalive.pcap", 1));
        using var screen = new TuiScreen(80, 24);
        var view = new ConnectionDetailView();
        using var top = new Runnable();
        top.Add(view);
        screen.Show(top);
        view.Show(DetailFixtures.Row(), source, DetailFixtures.Origin);
        Settle(screen, view);

        TableView ladder = view.SubViews.OfType<TableView>().First();
        ladder.SetSelection(0, 3, false, null);
        Settle(screen, view);

        Assert.Equal([11L, 14L], source.FramesRead);
        Assert.Contains("Frame 14", screen.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Show_NullSource_SaysThereIsNoCaptureFile()
    {
        using var screen = new TuiScreen(80, 24);
        var view = new ConnectionDetailView();
        using var top = new Runnable();
        top.Add(view);
        screen.Show(top);

        view.Show(DetailFixtures.Row(), null, DetailFixtures.Origin);
        Settle(screen, view);

        Assert.Equal(ConnectionDetailView.NoSourceMessage, view.LadderMessage);
        Assert.Contains(ConnectionDetailView.NoSourceMessage, screen.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Show_SourceError_ShowsTheMessage()
    {
        var source = new FakeDetailSource(null, "cannot read run.pcap: the file is gone", null);
        using var screen = new TuiScreen(80, 24);
        var view = new ConnectionDetailView();
        using var top = new Runnable();
        top.Add(view);
        screen.Show(top);

        view.Show(DetailFixtures.Row(), source, DetailFixtures.Origin);
        Assert.StartsWith("reading frames 11–19", view.LadderMessage, StringComparison.Ordinal);
        Settle(screen, view);

        Assert.Equal("cannot read run.pcap: the file is gone", view.LadderMessage);
        Assert.Contains("cannot read run.pcap: the file is gone", screen.Text(), StringComparison.Ordinal);
        Assert.Empty(source.FramesRead);
    }

    [Fact]
    public void Header_RealRow_ShowsEndpointsAndTls()
    {
        InspectionSnapshot snapshot = OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap"));
        ConnectionSummary row = snapshot.Connections[0];
        IReadOnlyList<string> header = ConnectionDetailView.Header(row, snapshot.Origin!.Value);
        Assert.Contains($":{row.ClientPort} → ", header[0], StringComparison.Ordinal);
        Assert.StartsWith("TLS 1.3 · ", header[3], StringComparison.Ordinal);
    }

    /// <summary>
    /// Waits for the view's background reads and runs what they handed back to the UI thread. It stays on the test
    /// thread (the application's main thread): Terminal.Gui runs an Invoke'd action only there.
    /// </summary>
    internal static void Settle(TuiScreen screen, ConnectionDetailView view)
    {
        for (int i = 0; i < 5; i++)
        {
            Assert.True(SpinWait.SpinUntil(() => view.Loading.IsCompleted, TimeSpan.FromSeconds(30)), "background read did not finish");
            screen.App.TimedEvents!.RunTimers();
        }

        screen.Draw();
    }
}
