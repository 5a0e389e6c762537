namespace WireLens.Analysis.Connections;

/// <summary>Bounds and clocks of the connection table. All times are packet times.</summary>
public sealed record ConnectionTrackerOptions
{
    /// <summary>A connection with no packet for this long is flushed as still open (default 300 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How long a closed connection is kept for late packets before release (default 2 s: covers a retransmitted FIN after a lost final ACK at Linux's minimum RTO; longer only costs memory on churn captures).</summary>
    public TimeSpan CloseLinger { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Out-of-order bytes buffered per direction while waiting for a gap to fill (default 256 KiB).</summary>
    public int MaxBufferedBytesPerDirection { get; init; } = 256 * 1024;

    /// <summary>The default of <see cref="MaxConnections"/>: 1,000,000 open connections.</summary>
    public const int DefaultMaxConnections = 1_000_000;

    /// <summary>
    /// Open connections held at most (default <see cref="DefaultMaxConnections"/>, at least 1). A new connection beyond it
    /// first evicts the least recently active open one, released as still open with <see cref="FlushReason.Evicted"/>;
    /// its tombstone keeps its late packets in its stream.
    /// </summary>
    public int MaxConnections { get; init; } = DefaultMaxConnections;

    /// <summary>
    /// Connections the table's open and closed order queues hold before they first grow (default 0: they start small).
    /// A churn capture holds tens of thousands; queues grown by doubling leave large arrays behind while the table warms
    /// up, which start a full collection once the garbage collector's large-object budget is spent. The offline
    /// analysis sizes them at once (65,536); a tracker made per test or per small file is better off without.
    /// </summary>
    public int InitialQueueCapacity { get; init; }

    /// <summary>Tombstones (4-tuple → stream) kept for late packets and stream numbering (default 2,000,000).</summary>
    public int MaxTombstones { get; init; } = 2_000_000;
}
