namespace WireLens.Analysis.Http;

/// <summary>
/// What the client and server parsers share: the chunk loop with the stream position, the field section, body and
/// HTTP/2 frame steps, and how a direction stops (quietly, on an error, or on lost bytes). The subclasses own the state
/// machine (<see cref="Step"/>) and react to the completed elements through the callbacks.
/// </summary>
internal abstract class HttpStreamParser
{
    private readonly HttpBodyReader _body = new();
    private Http2FrameReader? _frames;
    private HttpMessageFraming _framing;
    private long _position;
    private bool _stopped;

    protected HttpStreamParser(HttpConnectionState connection) => Connection = connection;

    public bool Lost { get; private set; }

    public HttpParseError? Error { get; private set; }

    public bool IsStopped => _stopped;

    protected HttpConnectionState Connection { get; }

    protected HttpLineReader Lines { get; } = new();

    /// <summary>Stream offset of the first byte of the data handed to the current <see cref="Step"/>.</summary>
    protected long Position => _position;

    protected ref HttpMessageFraming Framing => ref _framing;

    protected bool InFrames => _frames is not null;

    public void OnData(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && !_stopped)
        {
            // Each step consumes bytes or changes state, so the loop always progresses.
            int consumed = Step(data);
            _position += consumed;
            data = data[consumed..];
        }
    }

    /// <summary>Back to the start of a new stream (a pooled connection starting over); subclasses reset their own state.</summary>
    public virtual void Reset()
    {
        _body.Reset();
        _frames = null;
        _framing = default;
        _position = 0;
        _stopped = false;
        Lost = false;
        Error = null;
        Lines.Reset();
    }

    /// <summary>Bytes of this direction are missing for good: what follows cannot be framed.</summary>
    public void OnGap()
    {
        if (!_stopped)
        {
            _stopped = true;
            Lost = true;
        }
    }

    /// <summary>Parses one element of the current state; returns the bytes consumed.</summary>
    protected abstract int Step(ReadOnlySpan<byte> data);

    /// <summary>One field line of the current message (already applied to <see cref="Framing"/>).</summary>
    protected virtual void OnField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
    }

    /// <summary>The empty line ending the field section was read.</summary>
    protected abstract void OnFieldSectionComplete();

    /// <summary>The body started by <see cref="StartContentLength"/> or <see cref="StartChunked"/> ended.</summary>
    protected abstract void OnBodyComplete();

    /// <summary>An HTTP/2 frame header was read; <paramref name="frameStart"/> is its stream offset.</summary>
    protected virtual void OnFrame(in Http2FrameHeader frame, long frameStart)
    {
    }

    /// <summary>Payload bytes of the frame last passed to <see cref="OnFrame"/>, in order, in chunks of any size.</summary>
    protected virtual void OnFramePayload(ReadOnlySpan<byte> payload)
    {
    }

    /// <summary>Feeds bytes the caller had taken provisionally (a partial preface) back through the parser.</summary>
    protected void Replay(ReadOnlySpan<byte> bytes)
    {
        _position -= bytes.Length;
        OnData(bytes);
    }

    protected void StartContentLength(long length) => _body.StartContentLength(length);

    protected void StartChunked() => _body.StartChunked(Lines);

    /// <summary>From here the direction carries HTTP/2 frames.</summary>
    protected void StartFrames() => _frames = new Http2FrameReader();

    protected void Fail(HttpParseErrorReason reason, long offset)
    {
        Error = new HttpParseError(reason, offset);
        _stopped = true;
    }

    /// <summary>The rest of the stream is not HTTP (or is a body delimited by the close): stop without an error.</summary>
    protected void StopQuietly() => _stopped = true;

    /// <summary>Starts counting a new start line + field section against the size limit.</summary>
    protected void BeginMessage()
    {
        _framing.Reset();
        Lines.BeginSection();
    }

    // RFC 9112 section 5:
    //   field-line = field-name ":" OWS field-value OWS
    // The section ends with an empty line (section 2.1).
    protected int ReadFieldSection(ReadOnlySpan<byte> data)
    {
        int consumed = 0;
        while (consumed < data.Length)
        {
            long lineStart = _position + consumed - Lines.Buffered;
            HttpParseStatus status = Lines.ReadLine(data[consumed..], out ReadOnlySpan<byte> line, out int lineConsumed);
            consumed += lineConsumed;
            if (status == HttpParseStatus.NeedMoreData)
            {
                break;
            }

            if (status == HttpParseStatus.Malformed)
            {
                Fail(HttpParseErrorReason.HeaderSectionTooLarge, lineStart);
                break;
            }

            if (line.IsEmpty)
            {
                OnFieldSectionComplete();
                break;
            }

            // RFC 9112 section 5.2: obs-fold (a line starting with SP/HTAB) continues the previous value; a recipient
            // may replace it with SP. The fields that matter here are never folded in practice: the line is ignored.
            if (line[0] == (byte)' ' || line[0] == (byte)'\t')
            {
                continue;
            }

            if (!Http1Syntax.TryParseFieldLine(line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value))
            {
                Fail(HttpParseErrorReason.InvalidHeaderLine, lineStart);
                break;
            }

            if (!_framing.Apply(name, value))
            {
                Fail(HttpParseErrorReason.InvalidContentLength, lineStart);
                break;
            }

            OnField(name, value);
        }

        return consumed;
    }

    protected int ReadBody(ReadOnlySpan<byte> data)
    {
        HttpParseStatus status = _body.Read(data, Lines, out int consumed, out HttpParseErrorReason reason, out int errorAt);
        if (status == HttpParseStatus.Done)
        {
            OnBodyComplete();
        }
        else if (status == HttpParseStatus.Malformed)
        {
            Fail(reason, _position + errorAt);
        }

        return consumed;
    }

    protected int ReadFrames(ReadOnlySpan<byte> data)
    {
        Http2FrameReader frames = _frames!;
        int consumed = 0;
        while (consumed < data.Length && !_stopped)
        {
            int payload = frames.SkipPayload(data[consumed..]);
            if (payload > 0)
            {
                OnFramePayload(data.Slice(consumed, payload));
                consumed += payload;
                continue;
            }

            HttpParseStatus status = frames.ReadFrameHeader(data[consumed..], out Http2FrameHeader frame, out int frameConsumed);
            consumed += frameConsumed;
            if (status != HttpParseStatus.Done)
            {
                break;
            }

            OnFrame(frame, _position + consumed - Http2FrameHeader.Size);
        }

        return consumed;
    }

    /// <summary>True for the first frame of the direction, which RFC 9113 section 3.4 requires to be SETTINGS.</summary>
    protected bool IsFirstFrame => _frames is { FramesRead: 1 };
}
