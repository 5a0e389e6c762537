using WireLens.Capture.Files;

namespace WireLens.Capture.Frames;

/// <summary>
/// Receives the frames of <see cref="CaptureFrameReader.ReadFrames"/> in order; <paramref name="record"/> (and its data)
/// is valid only during the call. Return false to stop.
/// </summary>
public delegate bool FrameVisitor(in CaptureRecord record);
