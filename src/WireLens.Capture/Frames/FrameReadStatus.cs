namespace WireLens.Capture.Frames;

/// <summary>The outcome of reading frames back by number (<see cref="CaptureFrameReader"/>).</summary>
public enum FrameReadStatus
{
    /// <summary>Every frame asked for was delivered (or the visitor stopped early).</summary>
    Read,

    /// <summary>The capture ends before the frame asked for (frames before it, if asked, were delivered). A growing file may have it later.</summary>
    BeyondEnd,

    /// <summary>Damage in the file stops the reading before the frame asked for.</summary>
    Damaged,

    /// <summary>The file could not be opened again (removed, permissions, read error).</summary>
    Unreadable,
}
