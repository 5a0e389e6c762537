using WireLens.Reporting.Runs;

namespace WireLens.Reporting.Groups;

/// <summary>The per-group report of a capture: one <see cref="GroupReport"/> per group, its time series, and the settings used.</summary>
public sealed record ToolsReport
{
    /// <summary>Groups by connections, most first (ties: ordinal by key).</summary>
    public required IReadOnlyList<GroupReport> Groups { get; init; }

    /// <summary>Rows by group (in <see cref="Groups"/> order), then second.</summary>
    public required IReadOnlyList<TimeSeriesRow> TimeSeries { get; init; }

    /// <summary><c>run</c>, <c>tool</c>, <c>client</c>, <c>server</c> or <c>none</c>.</summary>
    public required string GroupBy { get; init; }

    /// <summary>How long a socket stays in TIME_WAIT (<c>--time-wait</c>).</summary>
    public required double TimeWaitSeconds { get; init; }

    /// <summary>The ephemeral port range of the exhaustion forecast.</summary>
    public required PortRange PortRange { get; init; }

    /// <summary>The run manifest, when one was read.</summary>
    public RunManifest? Manifest { get; init; }
}
