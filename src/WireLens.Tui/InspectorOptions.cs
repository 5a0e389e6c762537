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
}
