using WireLens.Reporting.Runs;

namespace WireLens.Reporting.Groups;

/// <summary>Settings of the per-group report.</summary>
public sealed record GroupReportOptions
{
    /// <summary>Linux's TIME_WAIT length (TCP_TIMEWAIT_LEN): 60 s.</summary>
    public const double DefaultTimeWaitSeconds = 60;

    /// <summary>How long a socket stays in TIME_WAIT (<c>--time-wait</c>), unless a new SYN on its 4-tuple ends it first.</summary>
    public double TimeWaitSeconds { get; init; } = DefaultTimeWaitSeconds;

    /// <summary>The client's ephemeral port range for the exhaustion forecast (<c>--port-range</c>).</summary>
    public PortRange PortRange { get; init; } = PortRange.LinuxDefault;

    /// <summary>The run manifest, when one was read: run groups carry their <see cref="RunEntry"/>.</summary>
    public RunManifest? Manifest { get; init; }
}
