namespace WireLens.Capture.Files;

/// <summary>The container format of a capture file (after any gzip layer is removed).</summary>
public enum CaptureFormat
{
    /// <summary>Classic libpcap format: one global header, then 16-byte record headers.</summary>
    Pcap,

    /// <summary>pcapng: a sequence of typed blocks, in one or more sections.</summary>
    PcapNg,
}
