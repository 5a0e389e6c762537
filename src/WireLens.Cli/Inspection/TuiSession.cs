using WireLens.Reporting.Inspection;
using WireLens.Tui;

namespace WireLens.Cli.Inspection;

/// <summary>
/// Runs a command's work on a background thread while the terminal UI has the screen: the work's standard output and
/// error are held and written once the UI has closed and the terminal is restored. The UI closes when the user quits
/// (the work is then asked to stop and awaited), or by itself when the work fails before it had anything to show.
/// </summary>
public static class TuiSession
{
    /// <summary>Whether to show the UI: asked for (not <c>--no-tui</c>), and standard input and output are a terminal that can draw.</summary>
    public static bool ShouldShow(bool noTui) =>
        !noTui && !Console.IsOutputRedirected && !Console.IsInputRedirected
        && Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term && term != "dumb";

    /// <summary>The UI's options from the environment (<c>NO_COLOR</c>, the current folder for exports).</summary>
    public static InspectorOptions Options(CancellationToken closing) => new()
    {
        NoColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")),
        ExportDirectory = Environment.CurrentDirectory,
        Closing = closing,
    };

    /// <summary>Runs <paramref name="work"/> under the UI, prints what it wrote once the UI has closed, and ends the process with its exit code.</summary>
    /// <param name="feed">What the UI shows.</param>
    /// <param name="work">The command's work, given the writers that stand for standard output and error.</param>
    /// <param name="failed">Says the work ended without a report (the UI then shows the message, or closes when nothing was shown).</param>
    /// <param name="closing">Closes the UI from outside (SIGTERM).</param>
    /// <param name="stdout">The real standard output.</param>
    /// <param name="stderr">The real standard error.</param>
    public static int Run(
        IInspectionFeed feed, Func<TextWriter, TextWriter, int> work, Action<string>? failed, TextWriter stdout, TextWriter stderr, CancellationToken closing)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        using var close = CancellationTokenSource.CreateLinkedTokenSource(closing);
        var heldOut = new StringWriter();
        var heldError = new StringWriter();
        TextWriter syncOut = TextWriter.Synchronized(heldOut);
        TextWriter syncError = TextWriter.Synchronized(heldError);
        Task<int> task = Task.Run(() =>
        {
            int code = work(syncOut, syncError);
            if (feed.Current.Header.State != InspectionState.Finished)
            {
                string first = heldError.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"ended with exit code {code}";
                failed?.Invoke(first);
                if (feed.Current.Connections.Count == 0 && feed.Current.Header.Packets == 0)
                {
                    // Nothing was ever shown (the capture could not start, a tool is missing, the file is unreadable):
                    // no UI to look at; the error is printed.
                    close.Cancel();
                }
            }

            return code;
        });

        string? uiProblem = null;
        try
        {
            Inspector.Run(feed, Options(close.Token));
        }
        catch (InvalidOperationException e)
        {
            // The terminal cannot be driven: the work goes on without the UI, to its end.
            uiProblem = e.Message;
        }
        catch (IOException e)
        {
            uiProblem = e.Message;
        }
        catch (NotSupportedException e)
        {
            uiProblem = e.Message;
        }

        if (uiProblem is null && !task.IsCompleted)
        {
            // Quit (q, Ctrl-C) while the work runs: stop it as SIGINT does, and wait for its report.
            feed.RequestStop();
        }

        int exit = task.GetAwaiter().GetResult();
        if (uiProblem is not null)
        {
            stderr.WriteLine($"wirelens: warning: the terminal UI could not run ({Reporting.Text.WireText.EscapeControl(uiProblem)}); text report follows");
        }

        stderr.Write(heldError.ToString());
        stdout.Write(heldOut.ToString());
        stdout.Flush();
        stderr.Flush();

        // The session is the whole command: its work has ended and every file and line is written. Now and then (in
        // tmux, under load) the process stayed alive after the UI closed and the report was printed, even through
        // Environment.Exit, whose exit handlers wait on what the terminal library left behind; so the process ends
        // here at once, as _exit(2) ends it.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            NativeMethods.Exit(exit);
        }

        Environment.Exit(exit);
        return exit;
    }
}

internal static class NativeMethods
{
    /// <summary>_exit(2): ends the process at once, without exit handlers.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "_exit", ExactSpelling = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    internal static extern void Exit(int status);
}
