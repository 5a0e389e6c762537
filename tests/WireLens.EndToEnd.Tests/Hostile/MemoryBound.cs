namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// The peak-RSS bound of <c>wirelens analyze</c> documented in docs/analysis.md ("Speed and memory") and
/// bench/README.md: a base, plus a share per connection held open at the peak (the table), plus a share per
/// connection in the capture (what the report keeps of each released connection).
/// </summary>
internal static class MemoryBound
{
    /// <summary>Runtime, code, buffers and an empty table.</summary>
    public const long BaseBytes = 150L * 1024 * 1024;

    /// <summary>One connection held in the table (measured: 1.9 KB for a SYN-only one, 2.9 KB after an HTTP exchange).</summary>
    public const long PerOpenConnectionBytes = 3 * 1024;

    /// <summary>One connection of the capture, kept by the report after release (measured: about 220 bytes).</summary>
    public const long PerConnectionBytes = 300;

    /// <summary>The bound for a capture of <paramref name="connections"/> connections, at most <paramref name="peakOpen"/> held at once.</summary>
    public static long For(long peakOpen, long connections) =>
        BaseBytes + (peakOpen * PerOpenConnectionBytes) + (connections * PerConnectionBytes);

    public static void AssertUnder(HostileRun run, long peakOpen, long connections)
    {
        long bound = For(peakOpen, connections);
        Assert.True(
            run.PeakRssBytes <= bound,
            $"peak RSS {run.PeakRssMegabytes:F0} MB is above the bound {bound / (1024.0 * 1024.0):F0} MB ({peakOpen:N0} open, {connections:N0} connections)");
    }
}
