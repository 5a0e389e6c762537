namespace WireLens.Reporting.Inspection;

/// <summary>One bin of a <see cref="LatencyHistogram"/>: values in [<paramref name="LowMs"/>, <paramref name="HighMs"/>).</summary>
/// <param name="LowMs">The lower edge (included), milliseconds; 0 for the bin of values below 0.01 ms.</param>
/// <param name="HighMs">The upper edge (excluded), milliseconds; +∞ for the bin of values from 10 s up.</param>
/// <param name="Full">Full handshakes in the bin.</param>
/// <param name="Resumed">Resumed handshakes in the bin.</param>
public sealed record LatencyBin(double LowMs, double HighMs, long Full, long Resumed);
