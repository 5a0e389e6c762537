namespace WireLens.Capture.Files;

/// <summary>Checkpoints: saving the reader's position and format state at a record boundary, and resuming from one.</summary>
public sealed partial class CaptureFileReader
{
    /// <summary>The buffer a resumed reader starts with: it reads a few records, not a whole file, so 1 MiB would be waste.</summary>
    private const int ResumeBufferSize = 1 << 16;

    // The interface table of the last checkpoint, shared by the next ones while no interface is added.
    private PcapNgInterface[] _checkpointInterfaces = [];

    /// <summary>
    /// The reader's state between two records: call it between <see cref="ReadNext(out CaptureRecord)"/> calls. After a
    /// truncated last record (<see cref="CaptureReadStatus.Stopped"/>) it still points at the start of that record, so a
    /// file that was growing can be resumed there once more data is written.
    /// </summary>
    public CaptureCheckpoint Checkpoint()
    {
        if (_checkpointInterfaces.Length != _interfaces.Count)
        {
            _checkpointInterfaces = [.. _interfaces];
        }

        return new CaptureCheckpoint(
            _recordsRead + 1,
            _bufferOffset + _position,
            Format,
            IsCompressed,
            _bigEndian,
            _pcapNanosecond,
            _pcapLinkType,
            _checkpointInterfaces,
            _sectionFirstInterface,
            TimestampDigits);
    }

    /// <summary>
    /// Opens <paramref name="path"/> again and positions the reader at <paramref name="checkpoint"/>, which must come from a
    /// reader of the same file: the next <see cref="ReadNext(out CaptureRecord)"/> delivers frame
    /// <see cref="CaptureCheckpoint.NextFrame"/>. A plain file is opened and seeked; a gzip file is opened and read forward
    /// (it cannot seek). Never throws for a file that changed or shrank: the status and one-line error say so (a file cut
    /// before the checkpoint gives <see cref="CaptureOpenStatus.Damaged"/>).
    /// </summary>
    public static CaptureOpenStatus TryResume(string path, CaptureCheckpoint checkpoint, out CaptureFileReader? reader, out string error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(checkpoint);
        reader = null;
        if (checkpoint.IsCompressed)
        {
            return ResumeByReading(path, checkpoint, out reader, out error);
        }

        CaptureOpenStatus opening = OpenFile(path, 1, FileOptions.RandomAccess, out FileStream? opened, out error);
        if (opening != CaptureOpenStatus.Opened)
        {
            return opening;
        }

        FileStream file = opened!;
        long length;
        try
        {
            length = file.Length;
            if (length < checkpoint.FileOffset)
            {
                file.Dispose();
                error = $"{path} is now {length} bytes long, shorter than where frame {checkpoint.NextFrame} started (byte {checkpoint.FileOffset})";
                return CaptureOpenStatus.Damaged;
            }

            file.Position = checkpoint.FileOffset;
        }
        catch (IOException ex)
        {
            file.Dispose();
            error = $"cannot read {path}: {ex.Message}";
            return CaptureOpenStatus.Unreadable;
        }

        var source = new CountingReadStream(file, ownsInner: true);
        reader = new CaptureFileReader(path, source, source, compressed: false, length, new byte[ResumeBufferSize], 0);
        reader.Restore(checkpoint);
        error = string.Empty;
        return CaptureOpenStatus.Opened;
    }

    private static CaptureOpenStatus ResumeByReading(string path, CaptureCheckpoint checkpoint, out CaptureFileReader? reader, out string error)
    {
        CaptureOpenStatus status = TryOpen(path, out reader, out error);
        if (status != CaptureOpenStatus.Opened)
        {
            return status;
        }

        while (reader!.RecordsRead < checkpoint.NextFrame - 1)
        {
            if (reader.ReadNext(out _) != CaptureReadStatus.Packet)
            {
                long read = reader.RecordsRead;
                string why = reader.Damage.Count > 0 && reader.Damage[^1].IsFatal ? $": {reader.Damage[^1].Message}" : string.Empty;
                reader.Dispose();
                reader = null;
                error = $"{path} now ends after {read} frames, before frame {checkpoint.NextFrame}{why}";
                return CaptureOpenStatus.Damaged;
            }
        }

        return CaptureOpenStatus.Opened;
    }

    private void Restore(CaptureCheckpoint checkpoint)
    {
        Format = checkpoint.Format;
        _bigEndian = checkpoint.BigEndian;
        _pcapNanosecond = checkpoint.PcapNanosecond;
        _pcapLinkType = checkpoint.PcapLinkType;
        _interfaces.AddRange(checkpoint.Interfaces);
        _checkpointInterfaces = checkpoint.Interfaces;
        _sectionFirstInterface = checkpoint.SectionFirstInterface;
        TimestampDigits = checkpoint.TimestampDigits;
        _recordsRead = checkpoint.NextFrame - 1;
        _bufferOffset = checkpoint.FileOffset;
        _position = 0;
        _end = 0;
    }
}
