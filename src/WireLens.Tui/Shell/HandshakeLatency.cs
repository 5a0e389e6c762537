using WireLens.Reporting.Inspection;

namespace WireLens.Tui.Shell;

// TODO(lead): the connection-list branch adds WireLens.Reporting.Inspection.LatencyHistogram.Build(rows, group, maxBins)
// with records LatencyHistogram/LatencyBin of this exact shape; once merged, replace HandshakeLatency.Build with it and
// delete this file's two records.

/// <summary>ClientHello→ServerHello latencies of a group's TLS connections in bins, split into full and resumed handshakes.</summary>
/// <param name="Bins">Equal-width bins from the lowest to the highest latency.</param>
/// <param name="Full">Full handshakes counted.</param>
/// <param name="Resumed">Resumed handshakes counted.</param>
internal sealed record HandshakeLatencyHistogram(IReadOnlyList<HandshakeLatencyBin> Bins, long Full, long Resumed);

/// <summary>One bin: [<paramref name="LowMs"/>, <paramref name="HighMs"/>) milliseconds (the last bin includes its high end).</summary>
internal sealed record HandshakeLatencyBin(double LowMs, double HighMs, long Full, long Resumed);

/// <summary>Builds <see cref="HandshakeLatencyHistogram"/>s from the connection rows.</summary>
internal static class HandshakeLatency
{
    public static HandshakeLatencyHistogram Build(ConnectionRows rows, string? group, int maxBins = 12)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 1);
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        for (int i = 0; i < rows.Count; i++)
        {
            ref readonly ConnectionSummary row = ref rows[i];
            if (Counts(row, group))
            {
                low = Math.Min(low, row.ClientHelloToServerHelloMs);
                high = Math.Max(high, row.ClientHelloToServerHelloMs);
            }
        }

        if (double.IsInfinity(low))
        {
            return new HandshakeLatencyHistogram([], 0, 0);
        }

        int binCount = high > low ? maxBins : 1;
        double width = high > low ? (high - low) / binCount : 1;
        long[] full = new long[binCount];
        long[] resumed = new long[binCount];
        long fullTotal = 0;
        long resumedTotal = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            ref readonly ConnectionSummary row = ref rows[i];
            if (!Counts(row, group))
            {
                continue;
            }

            int bin = Math.Min(binCount - 1, (int)((row.ClientHelloToServerHelloMs - low) / width));
            if (row.TlsResumed == true)
            {
                resumed[bin]++;
                resumedTotal++;
            }
            else
            {
                full[bin]++;
                fullTotal++;
            }
        }

        var bins = new HandshakeLatencyBin[binCount];
        for (int b = 0; b < binCount; b++)
        {
            bins[b] = new HandshakeLatencyBin(low + (b * width), b == binCount - 1 ? high : low + ((b + 1) * width), full[b], resumed[b]);
        }

        return new HandshakeLatencyHistogram(bins, fullTotal, resumedTotal);
    }

    private static bool Counts(in ConnectionSummary row, string? group) =>
        row.TlsResumed is not null
        && float.IsFinite(row.ClientHelloToServerHelloMs)
        && (group is null || string.Equals(row.Group, group, StringComparison.Ordinal));
}
