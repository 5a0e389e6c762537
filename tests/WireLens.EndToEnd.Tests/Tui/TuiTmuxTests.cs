using System.Globalization;
using System.Text.RegularExpressions;
using WireLens.Capture.Files;
using WireLens.EndToEnd.Tests.Live;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tui;

/// <summary>
/// The terminal UI as a user drives it: the real CLI in a tmux pane, keys sent with send-keys, screens read with
/// capture-pane. Over a sample capture (open, Tab, Enter on a connection, Esc back, / filter, q) and during a short
/// live run of the built-in generator (the connection counts grow on screen, then q stops the run and keeps its capture).
/// </summary>
public sealed partial class TuiTmuxTests
{
    private static readonly TimeSpan s_screen = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnalyzeTui_SampleCapture_TabEnterFilterEscQuit()
    {
        // Arrange: TLS 1.3 with resumption, six connections, each closed by the server (captures/README.md).
        string capture = Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap");
        await using TmuxSession tmux = await TmuxSession.StartAsync(160, 50, null, "analyze", capture, "--tui");

        // The main screen: the file, its connections, the finished state.
        (bool shown, string main) = await tmux.WaitForAsync(s => s.Contains("finished", StringComparison.Ordinal) && ConnectionsTitle().IsMatch(s), s_screen);
        Assert.True(shown, main);
        Assert.Contains("curl-tls13-resume.pcap", main, StringComparison.Ordinal);
        Assert.Contains("conns 6 seen", main, StringComparison.Ordinal);
        Assert.Matches(ConnectionsTitle(), main);

        // Tab moves between panes (the focused pane's title in reverse video); Enter on the list opens the selected
        // connection's detail with its ladder.
        const string listFocused = "\u001b[7mConnections";
        int tabs = 0;
        while (tabs < 8 && !(await tmux.ScreenAsync(attributes: true)).Contains(listFocused, StringComparison.Ordinal))
        {
            await tmux.SendAsync("Tab");
            tabs++;
            await Task.Delay(300, TestContext.Current.CancellationToken);
        }

        Assert.True(tabs is > 0 and < 8, $"the list never took the focus after {tabs} Tabs:\n{await tmux.ScreenAsync()}");
        await tmux.SendAsync("Enter");
        (bool detail, string ladder) = await tmux.WaitForTextAsync("SYN", s_screen);
        Assert.True(detail, ladder);
        Assert.Contains("ClientHello", ladder, StringComparison.Ordinal);
        Assert.Contains("ServerHello", ladder, StringComparison.Ordinal);

        // Esc goes back (it does not quit).
        await tmux.SendAsync("Escape");
        (bool back, string again) = await tmux.WaitForAsync(s => ConnectionsTitle().IsMatch(s) && !s.Contains("ClientHello sni", StringComparison.Ordinal), s_screen);
        Assert.True(back, again);
        Assert.Null(await tmux.ExitStatusAsync());

        // '/' filter: the group of curl's two full handshakes (the resumed ones are attributed to no tool).
        await tmux.SendAsync("/");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        await tmux.SendAsync("group:curl close:server_fin", literal: true);
        await tmux.SendAsync("Enter");
        (bool filtered, string filteredScreen) = await tmux.WaitForTextAsync("Connections 2 of 6 · filter: group:curl close:server_fin", s_screen);
        Assert.True(filtered, filteredScreen);

        // q quits; the text report follows on the terminal.
        await tmux.SendAsync("q");
        int? status = await tmux.WaitForExitAsync(s_screen);
        Assert.True(status == 0, $"exit status {status?.ToString(CultureInfo.InvariantCulture) ?? "none (still running)"} after q:\n{await tmux.ScreenAsync()}");
        string history = await tmux.HistoryAsync();
        Assert.Contains("Connection behaviour by", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeTui_TerminalGuiConfigurationFromTheUser_IsApplied()
    {
        // Arrange: the native build leaves Terminal.Gui's module initializer out, and the UI binds the library's
        // configuration itself (Inspector.ApplyConfiguration). A setting from TUI_CONFIG shows whether it did:
        // Driver.Force16Colors turns the palette's 24-bit colours into the 16 ANSI ones.
        string capture = Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap");

        // Act: COLORTERM says the terminal takes 24-bit colours (Terminal.Gui reads its colour depth from the environment)
        // and NO_COLOR is removed (the test runner's -noColor sets it, which the panes would inherit), so only the
        // setting can take them away.
        var colours = new Dictionary<string, string> { ["COLORTERM"] = "truecolor", ["NO_COLOR"] = "" };
        string plain = await ColouredMainScreenAsync(capture, colours, s => TrueColour().IsMatch(s));
        string forced = await ColouredMainScreenAsync(
            capture,
            new Dictionary<string, string>(colours) { ["TUI_CONFIG"] = """{"Driver": {"Force16Colors": true}}""" },
            s => SixteenColourForeground().IsMatch(s));

        // Assert: without the setting the screen has 24-bit colours (so the check below can fail); with it, none.
        Assert.Matches(TrueColour(), plain);
        Assert.DoesNotMatch(TrueColour(), forced);
        Assert.Matches(SixteenColourForeground(), forced);
    }

    // The main screen over the capture with its SGR escapes, once it is drawn and shows what is looked for (or the last
    // one read, after 10 s); then q.
    private static async Task<string> ColouredMainScreenAsync(
        string capture, IReadOnlyDictionary<string, string> environment, Func<string, bool> lookedFor)
    {
        await using TmuxSession tmux = await TmuxSession.StartAsync(160, 50, environment, "analyze", capture, "--tui");
        (bool shown, string main) = await tmux.WaitForAsync(s => s.Contains("finished", StringComparison.Ordinal) && ConnectionsTitle().IsMatch(s), s_screen);
        Assert.True(shown, main);
        string coloured = await tmux.ScreenAsync(attributes: true);
        for (DateTime end = DateTime.UtcNow.AddSeconds(10); !lookedFor(coloured) && DateTime.UtcNow < end;)
        {
            await Task.Delay(200);
            coloured = await tmux.ScreenAsync(attributes: true);
        }

        await tmux.SendAsync("q");
        int? status = await tmux.WaitForExitAsync(s_screen);
        Assert.True(status == 0, $"exit status {status?.ToString(CultureInfo.InvariantCulture) ?? "none (still running)"} after q");
        return coloured;
    }

    [Theory]
    [InlineData("q")]
    [InlineData("C-c")]
    public async Task RunTui_BuiltinGenerator_CountsGrowOnScreen_QuitKeepsTheCapture(string quitKey)
    {
        // Arrange: a connection per request at 500 requests/s for at most 60 s (q ends it long before).
        Require.Root();
        string outDir = TestPaths.NewTempDirectory("wl-tui-run");
        await using TmuxSession tmux = await TmuxSession.StartAsync(
            120, 40, null, "run", "--tool", "builtin", "--profile", "close", "-c", "2", "-n", "30000", "--rate", "500", "--out", outDir);

        // Act: two screens a few seconds apart while it captures.
        (bool first, string screen1) = await tmux.WaitForAsync(s => s.Contains("capturing", StringComparison.Ordinal) && Seen(s) > 0, s_screen);
        Assert.True(first, screen1);
        long seen1 = Seen(screen1);
        (bool grew, string screen2) = await tmux.WaitForAsync(s => Seen(s) > seen1 + 200, s_screen);
        Assert.True(grew, $"{seen1} then:\n{screen2}");
        Assert.Contains("builtin:close", screen2, StringComparison.Ordinal);

        await tmux.SendAsync(quitKey);

        // Assert: stopped as Ctrl-C (SIGINT) stops a run (exit 130), the capture is kept and readable, the report printed.
        int? status = await tmux.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(status == 130, $"exit status {status?.ToString(CultureInfo.InvariantCulture) ?? "none (still running)"} after {quitKey}:\n{await tmux.ScreenAsync()}");
        string folder = LiveCli.RunFolder(outDir);
        string pcap = Path.Combine(folder, "capture.pcap");
        Assert.True(File.Exists(Path.Combine(folder, "run.json")));
        Assert.Equal(CaptureOpenStatus.Opened, CaptureFileReader.TryOpen(pcap, out CaptureFileReader? reader, out string error));
        using (reader)
        {
            long packets = 0;
            while (reader!.ReadNext(out _) == CaptureReadStatus.Packet)
            {
                packets++;
            }

            Assert.True(packets > seen1 * 4, $"{packets} packets for {seen1}+ connections ({error})");
            Assert.Empty(reader.Damage);
        }

        string history = await tmux.HistoryAsync();
        Assert.Contains("Connection behaviour by run", history, StringComparison.Ordinal);
        Assert.Contains("builtin:close", history, StringComparison.Ordinal);
    }

    private static long Seen(string screen)
    {
        Match m = SeenPattern().Match(screen);
        return m.Success ? long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"conns ([\d,]+) seen")]
    private static partial Regex SeenPattern();

    [GeneratedRegex(@"Connections \d")]
    private static partial Regex ConnectionsTitle();

    // SGR with a 24-bit foreground or background (38;2;R;G;B or 48;2;R;G;B).
    [GeneratedRegex(@"\e\[(?:[0-9;]*;)?[34]8;2;")]
    private static partial Regex TrueColour();

    // SGR with one of the 16 ANSI foreground colours (30-37, 90-97).
    [GeneratedRegex(@"\e\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7])(?:;[0-9;]*)?m")]
    private static partial Regex SixteenColourForeground();
}
