namespace WireLens.Capture.Files;

/// <summary>
/// A read-only pass-through stream that counts the bytes taken from the underlying stream (for progress) and can
/// replay a few bytes that were read ahead while sniffing the magic number, so a gzip decoder sees the whole stream.
/// </summary>
internal sealed class CountingReadStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _ownsInner;
    private byte[] _replay = [];
    private int _replayPosition;

    public CountingReadStream(Stream inner, bool ownsInner)
    {
        _inner = inner;
        _ownsInner = ownsInner;
    }

    /// <summary>Bytes taken from the underlying stream so far (replayed bytes are not counted twice).</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Makes the next reads return <paramref name="bytes"/> before anything new from the underlying stream.</summary>
    public void Replay(ReadOnlySpan<byte> bytes)
    {
        _replay = bytes.ToArray();
        _replayPosition = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_replayPosition < _replay.Length)
        {
            int n = Math.Min(buffer.Length, _replay.Length - _replayPosition);
            _replay.AsSpan(_replayPosition, n).CopyTo(buffer);
            _replayPosition += n;
            return n;
        }

        int read = _inner.Read(buffer);
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsInner)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
