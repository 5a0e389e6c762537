namespace WireLens.Analysis.Connections;

/// <summary>Counters the connection tracker keeps over a whole capture.</summary>
public sealed class TrackerStatistics
{
    public long Segments { get; internal set; }
    public long Streams { get; internal set; }
    public long OpenConnections { get; internal set; }
    public long PeakOpenConnections { get; internal set; }

    /// <summary>Segments that arrived for a connection already released (kept in its stream by a tombstone, not analysed).</summary>
    public long LateSegments { get; internal set; }

    public long ReleasedClosed { get; internal set; }
    public long ReleasedIdle { get; internal set; }
    public long ReleasedReplaced { get; internal set; }
    public long ReleasedAtEnd { get; internal set; }

    /// <summary>Open connections released because the table reached <see cref="ConnectionTrackerOptions.MaxConnections"/>.</summary>
    public long Evicted { get; internal set; }
    public long TombstonesDropped { get; internal set; }

    /// <summary>
    /// Entries in the queue that drops tombstones oldest first, stale ones included: at most about twice the
    /// tombstones held, however many connections the capture has.
    /// </summary>
    public long TombstoneQueueEntries { get; internal set; }
}
