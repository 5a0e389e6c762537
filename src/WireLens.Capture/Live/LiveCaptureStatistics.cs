namespace WireLens.Capture.Live;

/// <summary>
/// A live capture's counters. <see cref="Received"/>, <see cref="DroppedByKernel"/> and <see cref="DroppedByInterface"/>
/// are libpcap's <c>pcap_stats</c> (read on the capture thread, so a little behind while running, exact once stopped);
/// the others are WireLens's own.
/// </summary>
/// <param name="Received">Packets the kernel passed to the capture (ps_recv).</param>
/// <param name="DroppedByKernel">Packets dropped for want of kernel buffer space (ps_drop).</param>
/// <param name="DroppedByInterface">Packets dropped by the interface or its driver (ps_ifdrop).</param>
/// <param name="Written">Packets written to the capture file.</param>
/// <param name="DroppedByQueue">Packets written to the file but not analysed live: the analysis fell behind.</param>
/// <param name="Analysed">Packets the live analysis has processed.</param>
public sealed record LiveCaptureStatistics(
    long Received,
    long DroppedByKernel,
    long DroppedByInterface,
    long Written,
    long DroppedByQueue,
    long Analysed)
{
    /// <summary>Every packet lost to the capture file or to the live analysis.</summary>
    public long Dropped => DroppedByKernel + DroppedByInterface + DroppedByQueue;
}
