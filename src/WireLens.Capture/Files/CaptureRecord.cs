using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>
/// One packet read from a capture file. <see cref="Data"/> points into the reader's buffer and is valid only until the
/// next <see cref="CaptureFileReader.ReadNext(out CaptureRecord)"/>: decode it there or copy it.
/// </summary>
public readonly ref struct CaptureRecord
{
    public CaptureRecord(
        long number,
        Timestamp timestamp,
        LinkType linkType,
        int interfaceId,
        uint originalLength,
        ReadOnlySpan<byte> data,
        long fileOffset)
    {
        Number = number;
        Timestamp = timestamp;
        LinkType = linkType;
        InterfaceId = interfaceId;
        OriginalLength = originalLength;
        Data = data;
        FileOffset = fileOffset;
    }

    /// <summary>1-based frame number, as tshark's frame.number (counts only delivered packets).</summary>
    public long Number { get; }

    /// <summary>Capture time, UTC nanoseconds since the epoch (pcapng if_tsoffset applied).</summary>
    public Timestamp Timestamp { get; }

    /// <summary>The link type of the record's interface; values outside the enum are passed through as numbers.</summary>
    public LinkType LinkType { get; }

    /// <summary>File-wide interface number, as tshark's frame.interface_id: the interfaces of a later pcapng section follow those of earlier ones. Always 0 for pcap.</summary>
    public int InterfaceId { get; }

    /// <summary>The packet's length on the wire.</summary>
    public uint OriginalLength { get; }

    /// <summary>The captured bytes (<see cref="Data"/>.Length is the captured length).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Where the record header (pcap) or block (pcapng) starts in the decompressed stream.</summary>
    public long FileOffset { get; }
}
