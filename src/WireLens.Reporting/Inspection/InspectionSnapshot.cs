using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// Everything the terminal UI shows at one moment. Immutable: the analysis publishes a new one a few times per second
/// (live) or as a file is read, and the UI renders the latest on its own thread.
/// </summary>
public sealed record InspectionSnapshot
{
    public required InspectionHeader Header { get; init; }

    /// <summary>The per-group report so far (groups and their time series); null before any connection was released.</summary>
    public ToolsReport? Tools { get; init; }

    /// <summary>Findings, most severe first.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Every connection released so far, in release order.</summary>
    public ConnectionRows Connections { get; init; } = ConnectionRows.Empty;

    /// <summary>Time zero of the UI's relative times: the capture's first packet (the first run's, in a campaign); null before any.</summary>
    public WireLens.Wire.Timestamp? Origin { get; init; }

    /// <summary>The capture files the rows refer to (<see cref="ConnectionSummary.Capture"/> indexes this list).</summary>
    public IReadOnlyList<string> Captures { get; init; } = [];

    /// <summary>The snapshot of nothing yet.</summary>
    public static InspectionSnapshot Starting(string source, bool live) =>
        new() { Header = new InspectionHeader { Source = source, Live = live, State = InspectionState.Starting } };
}

/// <summary>The header line's facts.</summary>
public sealed record InspectionHeader
{
    /// <summary>What is inspected: <c>lo (tcp port 8080)</c>, or a file name. Raw: escape before display.</summary>
    public required string Source { get; init; }

    /// <summary>A live capture (true) or a file (false).</summary>
    public required bool Live { get; init; }

    public required InspectionState State { get; init; }

    /// <summary>Wall time since the capture started (live), or packet time covered so far (file).</summary>
    public TimeSpan Elapsed { get; init; }

    public long Packets { get; init; }

    /// <summary>Packets per second over the last refresh interval (live) or over the file's packet time (file).</summary>
    public double PacketsPerSecond { get; init; }

    /// <summary>Packets lost to the capture: kernel, interface and the live analysis queue; highlighted when non-zero.</summary>
    public long Drops { get; init; }

    /// <summary>Connections seen so far (tshark streams), including open ones.</summary>
    public long ConnectionsSeen { get; init; }

    /// <summary>Connections open now (not yet in <see cref="InspectionSnapshot.Connections"/>).</summary>
    public long OpenConnections { get; init; }

    /// <summary>The current run's label (run, compare, demo), or null.</summary>
    public string? Run { get; init; }

    /// <summary>Which run of how many: "2/3"; null outside a campaign.</summary>
    public string? RunOrdinal { get; init; }

    /// <summary>Reading a file: the share read so far (0–1); null when unknown or live.</summary>
    public double? Progress { get; init; }

    /// <summary>One line for the state, e.g. the error that ended a run; raw, escape before display.</summary>
    public string? Message { get; init; }
}

/// <summary>Where an inspection is.</summary>
public enum InspectionState
{
    /// <summary>Nothing read or captured yet.</summary>
    Starting,

    /// <summary>Reading a capture file.</summary>
    Reading,

    /// <summary>Capturing while a load runs (or, for <c>live</c>, while the user watches).</summary>
    Capturing,

    /// <summary>Stopping: the load tool was interrupted or ended; the last packets are drained.</summary>
    Stopping,

    /// <summary>Analysing the saved capture for the final report.</summary>
    Analysing,

    /// <summary>Done: the final report is shown.</summary>
    Finished,

    /// <summary>Ended by an error (<see cref="InspectionHeader.Message"/>).</summary>
    Failed,
}
