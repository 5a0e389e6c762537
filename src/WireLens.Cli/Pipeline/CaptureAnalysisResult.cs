using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>The facts of a finished offline analysis, beside the connection records the sink received.</summary>
public sealed record CaptureAnalysisResult(
    PacketCounts Packets,
    TrackerStatistics Tracker,
    IReadOnlyList<CaptureDamage> Damage,
    bool Stopped,
    int TimestampDigits,
    Timestamp? FirstPacket,
    Timestamp? LastPacket)
{
    /// <summary>Reading was cancelled before the end of the file (<see cref="CaptureAnalysisOptions.Cancellation"/>).</summary>
    public bool Cancelled { get; init; }
}
