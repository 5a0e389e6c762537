using WireLens.Capture.Files;

namespace WireLens.Capture.Frames;

/// <summary>
/// Reads frames of one capture file back by number: one frame (its bytes copied), or a range in order. It keeps one
/// open reader as a cursor (reading on from it is free when the next request is later in the file) and a sparse
/// <see cref="FrameIndex"/> to jump near any frame: a plain file seeks to the checkpoint before it and reads at most
/// 4,095 records; a gzip file reopens and reads forward from its start (it cannot seek). The file may be growing: its
/// current end (even inside a record) is only "not there yet". Never throws on damaged or changing files: a status and
/// a one-line message. Not thread-safe: one caller at a time.
/// </summary>
public sealed class CaptureFrameReader : IDisposable
{
    private readonly string _path;
    private CaptureFileReader? _reader;

    private CaptureFrameReader(string path, CaptureFileReader reader)
    {
        _path = path;
        _reader = reader;
        Index.Add(reader.Checkpoint());
    }

    /// <summary>The sparse frame index built so far.</summary>
    public FrameIndex Index { get; } = new();

    /// <summary>Opens <paramref name="path"/> (its header is read now); frames are read on request.</summary>
    public static CaptureOpenStatus TryOpen(string path, out CaptureFrameReader? reader, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        reader = null;
        CaptureOpenStatus status = CaptureFileReader.TryOpen(path, out CaptureFileReader? file, out error);
        if (status == CaptureOpenStatus.Opened)
        {
            reader = new CaptureFrameReader(path, file!);
        }

        return status;
    }

    /// <summary>Frame <paramref name="number"/> with its bytes copied; null with a one-line message when it cannot be read.</summary>
    public FrameReadStatus TryReadFrame(long number, out CopiedFrame? frame, out string message)
    {
        CopiedFrame? found = null;
        FrameReadStatus status = ReadFrames(number, number, (in CaptureRecord r) =>
        {
            found = new CopiedFrame(r.Number, r.Timestamp, r.LinkType, r.InterfaceId, r.OriginalLength, r.Data.ToArray());
            return false;
        }, out message);
        frame = found;
        return found is not null ? FrameReadStatus.Read : status == FrameReadStatus.Read ? FrameReadStatus.BeyondEnd : status;
    }

    /// <summary>
    /// Delivers frames <paramref name="first"/> to <paramref name="last"/> in order to <paramref name="visitor"/> until it
    /// returns false. <see cref="FrameReadStatus.Read"/> when it got to <paramref name="last"/> (or was stopped); otherwise
    /// the frames before the end or the damage were delivered and <paramref name="message"/> says why the rest was not.
    /// </summary>
    public FrameReadStatus ReadFrames(long first, long last, FrameVisitor visitor, out string message)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        if (first < 1 || last < first)
        {
            message = $"no frames {first}..{last}: frame numbers start at 1";
            return FrameReadStatus.BeyondEnd;
        }

        if (Index.IsComplete && first > Index.KnownFrames)
        {
            message = BeyondEndMessage(first);
            return FrameReadStatus.BeyondEnd;
        }

        FrameReadStatus positioned = Position(first, out message);
        if (positioned != FrameReadStatus.Read)
        {
            return positioned;
        }

        CaptureFileReader reader = _reader!;
        while (true)
        {
            long next = reader.RecordsRead + 1;
            if (next > last)
            {
                message = string.Empty;
                return FrameReadStatus.Read;
            }

            if (Index.Wants(next))
            {
                Index.Add(reader.Checkpoint());
            }

            CaptureReadStatus status = reader.ReadNext(out CaptureRecord record);
            if (status != CaptureReadStatus.Packet)
            {
                return Ended(reader, Math.Max(first, next), out message);
            }

            Index.NoteFrame(record.Number);
            if (record.Number >= first && !visitor(in record))
            {
                message = string.Empty;
                return FrameReadStatus.Read;
            }
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }

    /// <summary>Makes <see cref="_reader"/> a reader whose next frame is at or before <paramref name="frame"/>, as close to it as known.</summary>
    private FrameReadStatus Position(long frame, out string message)
    {
        message = string.Empty;
        CaptureCheckpoint? checkpoint = Index.Nearest(frame);
        long cursor = _reader is null ? long.MaxValue : _reader.RecordsRead + 1;
        if (cursor <= frame && (checkpoint is null || cursor >= checkpoint.NextFrame))
        {
            return FrameReadStatus.Read; // reading on from where the last request stopped is as close as it gets
        }

        if (checkpoint is null)
        {
            message = $"{_path}: no checkpoint before frame {frame}";
            return FrameReadStatus.Unreadable;
        }

        _reader?.Dispose();
        _reader = null;
        CaptureOpenStatus status = CaptureFileReader.TryResume(_path, checkpoint, out CaptureFileReader? reader, out string error);
        switch (status)
        {
            case CaptureOpenStatus.Opened:
                _reader = reader;
                return FrameReadStatus.Read;
            case CaptureOpenStatus.Damaged:
                message = error;
                return FrameReadStatus.Damaged;
            default:
                message = error;
                return FrameReadStatus.Unreadable;
        }
    }

    /// <summary>The cursor reached the end of the data or damage before <paramref name="wanted"/>: remember where, and say why.</summary>
    private FrameReadStatus Ended(CaptureFileReader reader, long wanted, out string message)
    {
        CaptureDamage? fatal = reader.Damage.Count > 0 && reader.Damage[^1].IsFatal ? reader.Damage[^1] : null;

        // A plain file that ends (even mid-record: a live capture flushes whole buffers, not whole records) may grow:
        // the end is remembered and read on from next time. Other damage, and any end of a gzip file, are final.
        bool cutShort = fatal is { Kind: CaptureDamageKind.Truncated };
        bool complete = reader.IsCompressed || (fatal is not null && !cutShort);
        Index.SetEnd(reader.Checkpoint(), complete, fatal?.Message ?? string.Empty);
        reader.Dispose();
        _reader = null;
        message = BeyondEndMessage(wanted);
        return fatal is not null && !cutShort ? FrameReadStatus.Damaged : FrameReadStatus.BeyondEnd;
    }

    private string BeyondEndMessage(long frame)
    {
        string why = Index.EndMessage.Length > 0 ? $"; {Index.EndMessage}" : string.Empty;
        return $"frame {frame} is beyond the end of {Path.GetFileName(_path)} ({Index.KnownFrames} frames{why})";
    }
}
