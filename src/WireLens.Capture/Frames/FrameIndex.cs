using WireLens.Capture.Files;

namespace WireLens.Capture.Frames;

/// <summary>
/// A sparse index of one capture file's frames: one <see cref="CaptureCheckpoint"/> every <see cref="Interval"/> frames
/// (so memory is about frames / 4,096 small objects, never one entry per packet), plus the furthest record boundary
/// reached so far (<see cref="Tail"/>). It is built lazily by <see cref="CaptureFrameReader"/> as it reads forward: asking
/// for a frame beyond what is known reads on from the last checkpoint (or the tail) and adds the checkpoints it passes.
/// The file may still be growing (a live capture appends to it): reaching its current end, even inside a record, only
/// sets the tail, and a later request reads on from there. Not thread-safe.
/// </summary>
public sealed class FrameIndex
{
    /// <summary>Frames between two checkpoints.</summary>
    public const int Interval = 4096;

    private readonly List<CaptureCheckpoint> _checkpoints = [];

    /// <summary>Checkpoints held: checkpoint i resumes at frame i × <see cref="Interval"/> + 1.</summary>
    public int CheckpointCount => _checkpoints.Count;

    /// <summary>Where reading last stopped at the file's end (or at damage); null before the end was ever reached.</summary>
    public CaptureCheckpoint? Tail { get; private set; }

    /// <summary>The highest frame number known to exist.</summary>
    public long KnownFrames { get; private set; }

    /// <summary>No later frame can appear: the reading stopped at damage, or the file is compressed (it cannot grow).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Why reading last stopped before the end (damage, a cut record); empty after a clean end.</summary>
    public string EndMessage { get; private set; } = string.Empty;

    /// <summary>The checkpoint to resume from to reach <paramref name="frame"/>: the one with the largest frame number not after it.</summary>
    public CaptureCheckpoint? Nearest(long frame)
    {
        CaptureCheckpoint? best = null;
        if (_checkpoints.Count > 0 && frame >= 1)
        {
            long slot = Math.Min((frame - 1) / Interval, _checkpoints.Count - 1);
            best = _checkpoints[(int)slot];
        }

        if (Tail is not null && Tail.NextFrame <= frame && (best is null || Tail.NextFrame > best.NextFrame))
        {
            best = Tail;
        }

        return best;
    }

    /// <summary>True when a checkpoint belongs before frame <paramref name="nextFrame"/> and is not held yet.</summary>
    internal bool Wants(long nextFrame) =>
        (nextFrame - 1) % Interval == 0 && (nextFrame - 1) / Interval == _checkpoints.Count;

    internal void Add(CaptureCheckpoint checkpoint)
    {
        if (Wants(checkpoint.NextFrame))
        {
            _checkpoints.Add(checkpoint);
        }

        NoteFrame(checkpoint.NextFrame - 1);
    }

    internal void NoteFrame(long frame)
    {
        if (frame > KnownFrames)
        {
            KnownFrames = frame;
        }
    }

    /// <summary>Reading reached the end: <paramref name="tail"/> is the boundary it stopped at.</summary>
    internal void SetEnd(CaptureCheckpoint tail, bool complete, string message)
    {
        if (Tail is null || tail.NextFrame >= Tail.NextFrame)
        {
            Tail = tail;
        }

        NoteFrame(tail.NextFrame - 1);
        IsComplete |= complete;
        EndMessage = message;
    }
}
