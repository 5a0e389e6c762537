namespace WireLens.Testing;

/// <summary>The counters tcpdump prints when it stops; -1 where a line was missing.</summary>
/// <param name="Captured">"N packets captured": packets written to the file.</param>
/// <param name="ReceivedByFilter">"N packets received by filter".</param>
/// <param name="DroppedByKernel">"N packets dropped by kernel": non-zero means the file is incomplete.</param>
public sealed record CaptureStatistics(long Captured, long ReceivedByFilter, long DroppedByKernel);
