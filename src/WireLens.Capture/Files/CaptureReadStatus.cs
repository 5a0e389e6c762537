namespace WireLens.Capture.Files;

/// <summary>The outcome of <see cref="CaptureFileReader.ReadNext(out CaptureRecord)"/>.</summary>
public enum CaptureReadStatus
{
    /// <summary>A packet was delivered in the record.</summary>
    Packet,

    /// <summary>The file ended cleanly at a record boundary.</summary>
    End,

    /// <summary>Reading stopped at fatal damage; the last entry of <see cref="CaptureFileReader.Damage"/> says where and why.</summary>
    Stopped,
}
