using WireLens.Cli.Commands;

namespace WireLens.Cli.Inspection;

/// <summary><c>analyze FILE --tui</c>: the terminal UI over a capture file, with a progress bar while it is read.</summary>
public static class AnalyzeUi
{
    public static int Run(AnalyzeArguments args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!TuiSession.ShouldShow(noTui: false))
        {
            stderr.WriteLine("wirelens: warning: --tui needs a terminal on standard input and output; printing the text report");
            return AnalyzeCommand.Run(args, stdout, stderr);
        }

        using var cancel = new CancellationTokenSource();
        var inspection = new OfflineInspection(args);
        using var details = new CaptureDetailSource([args.File]);
        var feed = new FileInspectionFeed(inspection, details, cancel);
        return TuiSession.Run(feed, (o, e) => inspection.Run(o, e, cancel.Token), inspection.Failed, stdout, stderr, CancellationToken.None);
    }
}
