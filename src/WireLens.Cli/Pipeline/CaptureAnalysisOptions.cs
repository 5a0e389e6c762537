using WireLens.Analysis.Connections;
using WireLens.Capture.Filtering;

namespace WireLens.Cli.Pipeline;

/// <summary>Options of one offline analysis run.</summary>
public sealed record CaptureAnalysisOptions
{
    public ConnectionTrackerOptions Tracker { get; init; } = new();

    public BpfFilter? Filter { get; init; }

    /// <summary>Called now and then with the (compressed) bytes and the packets read, for progress display.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Stops reading (checked with the progress, every 65,536 packets): the analysis then covers what was read.</summary>
    public CancellationToken Cancellation { get; init; }
}
