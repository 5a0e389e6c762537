using WireLens.Capture.Files;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Capture;

/// <summary>A <see cref="CaptureRecord"/> copied out of the reader's buffer, for comparing whole files.</summary>
internal sealed record ReadPacket(long Number, long UnixNanoseconds, LinkType LinkType, int InterfaceId, uint OriginalLength, byte[] Data, long FileOffset)
{
    public static ReadPacket From(in CaptureRecord record) => new(
        record.Number,
        record.Timestamp.UnixNanoseconds,
        record.LinkType,
        record.InterfaceId,
        record.OriginalLength,
        record.Data.ToArray(),
        record.FileOffset);

    /// <summary>Data compared by content, so two reads of one file are equal records.</summary>
    public bool Equals(ReadPacket? other) =>
        other is not null && Number == other.Number && UnixNanoseconds == other.UnixNanoseconds && LinkType == other.LinkType
        && InterfaceId == other.InterfaceId && OriginalLength == other.OriginalLength && Data.AsSpan().SequenceEqual(other.Data)
        && FileOffset == other.FileOffset;

    public override int GetHashCode() => HashCode.Combine(Number, UnixNanoseconds, Data.Length);
}
