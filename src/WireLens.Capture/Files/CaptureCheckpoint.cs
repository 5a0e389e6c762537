using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>
/// What a <see cref="CaptureFileReader"/> needs to resume reading at a record boundary without the records before it:
/// where the next record starts in the (decompressed) data, its frame number, and the format state the file header
/// and earlier blocks set up (pcap: byte order, time resolution, link type; pcapng: the current section's byte order
/// and every interface described so far). Immutable; a few dozen bytes (pcapng checkpoints share their interface
/// table while it does not change).
/// <para>
/// A plain file is resumed by seeking to <see cref="FileOffset"/>. A gzip file cannot seek: resuming it means opening it
/// again and reading forward to <see cref="NextFrame"/>, so its checkpoints save memory, not time.
/// </para>
/// </summary>
public sealed class CaptureCheckpoint
{
    internal CaptureCheckpoint(
        long nextFrame,
        long fileOffset,
        CaptureFormat format,
        bool compressed,
        bool bigEndian,
        bool pcapNanosecond,
        LinkType pcapLinkType,
        PcapNgInterface[] interfaces,
        int sectionFirstInterface,
        int timestampDigits)
    {
        NextFrame = nextFrame;
        FileOffset = fileOffset;
        Format = format;
        IsCompressed = compressed;
        BigEndian = bigEndian;
        PcapNanosecond = pcapNanosecond;
        PcapLinkType = pcapLinkType;
        Interfaces = interfaces;
        SectionFirstInterface = sectionFirstInterface;
        TimestampDigits = timestampDigits;
    }

    /// <summary>The number of the frame the next record delivers (1 for a checkpoint taken right after the file header).</summary>
    public long NextFrame { get; }

    /// <summary>Where the next record (pcap) or block (pcapng) starts, in bytes of the decompressed data.</summary>
    public long FileOffset { get; }

    public CaptureFormat Format { get; }

    /// <summary>The file is gzip-compressed: resuming reads forward from its start.</summary>
    public bool IsCompressed { get; }

    internal bool BigEndian { get; }

    internal bool PcapNanosecond { get; }

    internal LinkType PcapLinkType { get; }

    /// <summary>pcapng: every interface described before the checkpoint (file-wide numbering); empty for pcap.</summary>
    internal PcapNgInterface[] Interfaces { get; }

    internal int SectionFirstInterface { get; }

    internal int TimestampDigits { get; }
}
