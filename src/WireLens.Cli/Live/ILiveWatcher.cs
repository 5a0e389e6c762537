using WireLens.Analysis.Connections;
using WireLens.Wire;

namespace WireLens.Cli.Live;

/// <summary>
/// Watches a live analysis from its thread (the terminal UI's per-group report and connection list): receives every
/// connection the tracker releases and each published snapshot. Calls come on the analysis thread, in order; an
/// implementation must be quick (it delays the analysis, never the capture file).
/// </summary>
public interface ILiveWatcher : IConnectionSink
{
    /// <summary>After each <see cref="LiveSnapshot"/> (a few times per second), with the analysis clock's time.</summary>
    void OnPublished(LiveSnapshot snapshot, Timestamp now);
}
