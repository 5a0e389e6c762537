namespace WireLens.Capture.Files;

/// <summary>
/// One thing wrong with a capture file.
/// <paramref name="RecordNumber"/> is the frame number the damaged record has or would have had (1-based, counting only
/// delivered packets, like tshark's frame.number); <paramref name="ByteOffset"/> is where the damaged record or block
/// starts in the decompressed data; <paramref name="Message"/> is one line that names both.
/// </summary>
public sealed record CaptureDamage(CaptureDamageKind Kind, long RecordNumber, long ByteOffset, string Message)
{
    /// <summary>True when reading cannot go on after this damage.</summary>
    public bool IsFatal => Kind is CaptureDamageKind.Truncated or CaptureDamageKind.BadLength or CaptureDamageKind.CorruptCompression
        or CaptureDamageKind.ReadError or CaptureDamageKind.Malformed or CaptureDamageKind.Unsupported;
}
