namespace WireLens.Tui;

/// <summary>How the UI runs.</summary>
public sealed record InspectorOptions
{
    /// <summary>How often the UI pulls the feed's snapshot.</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Draw without colours (the <c>NO_COLOR</c> convention, https://no-color.org).</summary>
    public bool NoColor { get; init; }

    /// <summary>Where <c>e</c> writes the shown rows as CSV.</summary>
    public string ExportDirectory { get; init; } = ".";

    /// <summary>
    /// Draw charts and bars with ASCII instead of Unicode block elements. <see cref="Inspector.Run(IInspectionFeed, InspectorOptions)"/> also turns it on
    /// when the locale (LC_ALL, LC_CTYPE, LANG) does not name UTF-8.
    /// </summary>
    public bool AsciiCharts { get; init; }

    /// <summary>Closes the UI from outside (the command's work ended in a way that leaves nothing to look at, or SIGTERM).</summary>
    public CancellationToken Closing { get; init; }
}
