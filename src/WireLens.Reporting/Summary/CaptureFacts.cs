using WireLens.Wire;

namespace WireLens.Reporting.Summary;

/// <summary>
/// What the command line knows about the capture file itself (not about connections), for the summary.
/// Counts are packets (frames) of the file.
/// </summary>
public sealed record CaptureFacts
{
    /// <summary>The capture's file name as given (shown escaped: a file name can hold control characters).</summary>
    public string FileName { get; init; } = string.Empty;

    /// <summary>The container format, e.g. <c>pcap</c> or <c>pcapng</c>.</summary>
    public string Format { get; init; } = string.Empty;

    /// <summary>6 (microsecond) or 9 (nanosecond) fractional digits: the file's timestamp precision.</summary>
    public int TimestampDigits { get; init; } = 6;

    public long PacketsRead { get; init; }

    public long TcpPackets { get; init; }

    /// <summary>Packets that are IP but not TCP, or not IP at all.</summary>
    public long NonTcpPackets { get; init; }

    /// <summary>IP fragments, which WireLens does not reassemble.</summary>
    public long FragmentsSkipped { get; init; }

    /// <summary>Packets cut short by the snap length, so some header or payload is missing.</summary>
    public long TruncatedPackets { get; init; }

    /// <summary>Packets whose headers are invalid (bad lengths, bad offsets).</summary>
    public long MalformedPackets { get; init; }

    public Timestamp? FirstPacketTime { get; init; }

    public Timestamp? LastPacketTime { get; init; }

    /// <summary>The capturer's own counters, from the run manifest beside the capture (live runs write them); null without.</summary>
    public Runs.CaptureInfo? Capturer { get; init; }

    /// <summary>What was wrong with the file (e.g. "truncated after packet 1234"), in the order found.</summary>
    public IReadOnlyList<string> DamageMessages { get; init; } = [];
}
