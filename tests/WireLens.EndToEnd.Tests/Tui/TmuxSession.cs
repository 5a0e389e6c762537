using System.Globalization;
using WireLens.Load.Processes;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tui;

/// <summary>
/// The real CLI in a detached tmux session of a fixed size: keys sent with <c>send-keys</c>, the screen read with
/// <c>capture-pane</c>. When the command ends, the pane stays (remain-on-exit) so its last screen and exit status can
/// be read. Each session has its own tmux server socket, so tests never see each other's sessions.
/// </summary>
internal sealed class TmuxSession : IAsyncDisposable
{
    private readonly string _tmux;
    private readonly string _socket;
    private const string Name = "wl";
    private const string ExitMarker = "wirelens-exit-status=";

    private TmuxSession(string tmux, string socket)
    {
        _tmux = tmux;
        _socket = socket;
    }

    /// <summary>
    /// Starts <c>wirelens ARGS</c> in a <paramref name="width"/>×<paramref name="height"/> pane, with
    /// <paramref name="environment"/> on top of this process's; an empty value removes the variable (the test runner's
    /// <c>-noColor</c> sets <c>NO_COLOR</c>, which a pane would otherwise inherit).
    /// </summary>
    public static async Task<TmuxSession> StartAsync(int width, int height, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        string tmux = Require.Tool("tmux", "tmux");
        string socket = Path.Combine(TestPaths.NewTempDirectory("wl-tmux"), "socket");
        (string file, IReadOnlyList<string> prefix) = CliUnderTest.Resolve();
        var session = new TmuxSession(tmux, socket);
        var command = new List<string>
        {
            "-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", Name,
            "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture),
            "-e", "TERM=xterm-256color",
        };
        string unset = string.Empty;
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0)
            {
                unset += $"unset {key}; ";
            }
            else
            {
                command.AddRange(["-e", $"{key}={value}"]);
            }
        }

        // Through sh, which prints the CLI's own exit status when it ends: that is what a user's shell waits for. (tmux
        // calls a pane dead only once every holder of its terminal has closed it, and a child the CLI started may
        // still hold it for a moment.)
        command.AddRange(["--", "/bin/sh", "-c", unset + "\"$@\"; echo \"" + ExitMarker + "$?\"", "sh", file, .. prefix, .. args]);
        ProcessResult started = await ProcessRunner.RunAsync(tmux, command, TimeSpan.FromSeconds(20));
        Assert.True(started.ExitCode == 0, started.Describe("tmux new-session"));
        await session.TmuxAsync("set-option", "-t", Name, "remain-on-exit", "on");
        return session;
    }

    /// <summary>The screen as text, one line per row; with <paramref name="attributes"/>, with its SGR escapes (reverse video is ESC[7m).</summary>
    public async Task<string> ScreenAsync(bool attributes = false)
    {
        ProcessResult r = await ProcessRunner.RunAsync(
            _tmux, ["-S", _socket, "capture-pane", "-p", .. (attributes ? (string[])["-e"] : []), "-t", Name], TimeSpan.FromSeconds(10));
        return r.ExitCode == 0 ? r.StdOut : string.Empty;
    }

    /// <summary>Sends keys in tmux's key syntax (<c>Tab</c>, <c>Enter</c>, <c>Escape</c>, <c>C-c</c>, or literal text with <paramref name="literal"/>).</summary>
    public Task SendAsync(string keys, bool literal = false) =>
        literal ? TmuxAsync("send-keys", "-t", Name, "-l", keys) : TmuxAsync("send-keys", "-t", Name, keys);

    /// <summary>Polls the screen until <paramref name="condition"/> holds for it; returns the last screen read.</summary>
    public async Task<(bool Found, string Screen)> WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        string screen = await ScreenAsync();
        while (!condition(screen) && DateTime.UtcNow < end)
        {
            await Task.Delay(200);
            screen = await ScreenAsync();
        }

        return (condition(screen), screen);
    }

    /// <summary>Waits for <paramref name="text"/> on screen.</summary>
    public Task<(bool Found, string Screen)> WaitForTextAsync(string text, TimeSpan timeout) =>
        WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>The CLI's exit status once it has ended (the line sh prints after it), or null while it runs.</summary>
    public async Task<int?> ExitStatusAsync()
    {
        string history = await HistoryAsync();
        int at = history.LastIndexOf(ExitMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        string rest = history[(at + ExitMarker.Length)..];
        int end = 0;
        while (end < rest.Length && char.IsAsciiDigit(rest[end]))
        {
            end++;
        }

        return int.TryParse(rest.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out int status) ? status : null;
    }

    /// <summary>Waits for the command to end; its exit status, or null on timeout.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        int? status;
        while ((status = await ExitStatusAsync()) is null && DateTime.UtcNow < end)
        {
            await Task.Delay(200);
        }

        return status;
    }

    /// <summary>The pane's whole history (what was printed after the UI left the alternate screen).</summary>
    public async Task<string> HistoryAsync()
    {
        ProcessResult r = await ProcessRunner.RunAsync(_tmux, ["-S", _socket, "capture-pane", "-p", "-S", "-", "-t", Name], TimeSpan.FromSeconds(10));
        return r.StdOut;
    }

    private async Task TmuxAsync(params string[] args)
    {
        ProcessResult r = await ProcessRunner.RunAsync(_tmux, ["-S", _socket, .. args], TimeSpan.FromSeconds(10));
        Assert.True(r.ExitCode == 0, r.Describe("tmux " + string.Join(' ', args)));
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.RunAsync(_tmux, ["-S", _socket, "kill-server"], TimeSpan.FromSeconds(10));
    }
}
