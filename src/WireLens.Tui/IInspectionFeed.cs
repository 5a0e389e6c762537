using WireLens.Reporting.Inspection;

namespace WireLens.Tui;

/// <summary>
/// Where the UI gets what it shows: the latest snapshot, published by the analysis on its own thread (the UI only
/// reads <see cref="Current"/>, a few times per second), and the way back to the run it watches.
/// </summary>
public interface IInspectionFeed
{
    /// <summary>The latest snapshot (never null; safe to read from any thread).</summary>
    InspectionSnapshot Current { get; }

    /// <summary>Reads a connection's frames back for the detail screen; null while no capture file can be read.</summary>
    IConnectionDetailSource? Details { get; }

    /// <summary>
    /// The user quit or pressed Ctrl-C: stop the live run as SIGINT would (the capture file, manifest and report are
    /// kept). Idempotent; does nothing over a file.
    /// </summary>
    void RequestStop();
}
