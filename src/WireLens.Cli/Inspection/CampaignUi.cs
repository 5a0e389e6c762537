using WireLens.Cli.Live;

namespace WireLens.Cli.Inspection;

/// <summary>
/// <c>run</c>, <c>compare</c> and <c>demo</c> with the terminal UI when standard output is a terminal (and not
/// <c>--no-tui</c>): the campaign runs on a background thread and tells the UI's feed what it does; q or Ctrl-C in the
/// UI stops it as SIGINT does; SIGTERM stops it and closes the UI; the text report is printed once the UI has closed.
/// </summary>
public static class CampaignUi
{
    public static int Execute(IReadOnlyList<CampaignRun> runs, CampaignSettings settings, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!TuiSession.ShouldShow(settings.Live.NoTui))
        {
            return Campaign.Execute(runs, settings, stdout, stderr);
        }

        using var signal = new StopSignal();
        using var inspection = new CampaignInspection("starting", signal.Request, paths => new CaptureDetailSource(paths));
        using var closing = new CancellationTokenSource();
        using CancellationTokenRegistration terminated = signal.Token.Register(() =>
        {
            if (!signal.Requested)
            {
                closing.Cancel();
            }
        });
        CampaignSettings withUi = settings with { Signal = signal, Inspection = inspection };
        return TuiSession.Run(inspection, (o, e) => Campaign.Execute(runs, withUi, o, e), inspection.Failed, stdout, stderr, closing.Token);
    }
}
