using System.Numerics;
using System.Runtime.CompilerServices;

namespace WireLens.Capture.Files;

/// <summary>The reusable read buffer: refilled from the stream, compacted, grown for large records; and the damage log.</summary>
public sealed partial class CaptureFileReader
{
    /// <summary>Recoverable damage entries kept in <see cref="Damage"/>; the rest are only counted in <see cref="DamageCount"/>.</summary>
    public const int MaxRecoverableDamageListed = 1000;

    private CaptureDamageKind _fillErrorKind;
    private string _fillError = string.Empty;
    private long _recoverableDamageCount;

    private enum FillResult
    {
        Filled,
        EndOfData,
        Failed,
    }

    /// <summary>Every damage found, including recoverable entries beyond <see cref="MaxRecoverableDamageListed"/> that <see cref="Damage"/> leaves out.</summary>
    public long DamageCount => _recoverableDamageCount + (_damage.Count > 0 && _damage[^1].IsFatal ? 1 : 0);

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available from <see cref="_position"/>, which must be at a record start.
    /// Moves the unread tail to the front, grows the buffer when one record needs more than it holds, and reads until
    /// enough is there: a stream may return fewer bytes per read than asked (pipes, gzip, a 1-byte test stream).
    /// </summary>
    private FillResult Fill(int count)
    {
        int available = _end - _position;
        if (available >= count)
        {
            return FillResult.Filled;
        }

        if (_endOfData)
        {
            return FillResult.EndOfData;
        }

        if (count > _buffer.Length)
        {
            byte[] larger = new byte[BitOperations.RoundUpToPowerOf2((uint)count)];
            _buffer.AsSpan(_position, available).CopyTo(larger);
            _buffer = larger;
        }
        else if (_position > 0 && available > 0)
        {
            _buffer.AsSpan(_position, available).CopyTo(_buffer);
        }

        _bufferOffset += _position;
        _position = 0;
        _end = available;
        try
        {
            while (_end < count)
            {
                int read = _data.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _endOfData = true;
                    return FillResult.EndOfData;
                }

                _end += read;
            }
        }
        catch (InvalidDataException ex)
        {
            _fillErrorKind = CaptureDamageKind.CorruptCompression;
            _fillError = $"gzip data is corrupt ({ex.Message})";
            return FillResult.Failed;
        }
        catch (IOException ex)
        {
            _fillErrorKind = CaptureDamageKind.ReadError;
            _fillError = $"read error ({ex.Message})";
            return FillResult.Failed;
        }

        return FillResult.Filled;
    }

    /// <summary>Turns a failed <see cref="Fill"/> at a record start into a clean end, a truncation or a read failure.</summary>
    private CaptureReadStatus StopAtFill(FillResult fill, int needed)
    {
        int available = _end - _position;
        long start = _bufferOffset + _position;
        long number = _recordsRead + 1;
        if (fill == FillResult.Failed)
        {
            return Stop(
                _fillErrorKind,
                start,
                $"{_fillError} after {CompressedBytesRead} bytes of the file, at byte {start + available} of the data (record {number} starts at byte {start})");
        }

        if (available == 0)
        {
            _finished = true;
            _finalStatus = CaptureReadStatus.End;
            return CaptureReadStatus.End;
        }

        string what = IsCompressed ? "decompressed data ends" : "file ends";
        return Stop(
            CaptureDamageKind.Truncated,
            start,
            $"{what} mid-record at byte {start + available} (record {number} starts at byte {start}; {available} of {needed} bytes present)");
    }

    private CaptureReadStatus Stop(CaptureDamageKind kind, long recordStart, string message)
    {
        _damage.Add(new CaptureDamage(kind, _recordsRead + 1, recordStart, message));
        _finished = true;
        _finalStatus = CaptureReadStatus.Stopped;
        return CaptureReadStatus.Stopped;
    }

    private CaptureReadStatus StopAtRecord(CaptureDamageKind kind, long recordStart, string what) =>
        Stop(kind, recordStart, $"record {_recordsRead + 1} at byte {recordStart}: {what}");

    private void NoteRecoverable(CaptureDamageKind kind, long recordStart, string what)
    {
        _recoverableDamageCount++;
        if (_recoverableDamageCount <= MaxRecoverableDamageListed)
        {
            _damage.Add(new CaptureDamage(kind, _recordsRead + 1, recordStart, $"record {_recordsRead + 1} at byte {recordStart}: {what}"));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NoteCapturedExceedsOriginal(long recordStart, uint captured, uint original) =>
        NoteRecoverable(
            CaptureDamageKind.CapturedExceedsOriginal,
            recordStart,
            $"captured length {captured} exceeds the original length {original}; delivered as captured");
}
