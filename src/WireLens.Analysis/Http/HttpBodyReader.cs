namespace WireLens.Analysis.Http;

/// <summary>
/// Skips an HTTP/1 message body without buffering it: a Content-Length count or the chunked coding
/// (RFC 9112 section 7.1) with its size lines, extensions and trailer section. Reused for every message of a direction.
/// </summary>
internal sealed class HttpBodyReader
{
    private State _state;
    private long _remaining;

    private enum State
    {
        None,
        ContentLength,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
    }

    /// <summary>Back to no body.</summary>
    public void Reset()
    {
        _state = State.None;
        _remaining = 0;
    }

    public void StartContentLength(long length)
    {
        _state = State.ContentLength;
        _remaining = length;
    }

    public void StartChunked(HttpLineReader lines)
    {
        _state = State.ChunkSize;
        lines.BeginSection();
    }

    // RFC 9112 section 7.1:
    //   chunked-body   = *chunk last-chunk trailer-section CRLF
    //   chunk          = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
    //   last-chunk     = 1*("0") [ chunk-ext ] CRLF
    // Done: the body ended (the rest of input belongs to the next message). NeedMoreData: all input consumed.
    // Malformed: reason says why; errorAt is the start of the bad line relative to input (negative when it began in an
    // earlier chunk).
    public HttpParseStatus Read(
        ReadOnlySpan<byte> input,
        HttpLineReader lines,
        out int bytesConsumed,
        out HttpParseErrorReason reason,
        out int errorAt)
    {
        reason = default;
        errorAt = 0;
        int consumed = 0;
        while (true)
        {
            if (_state == State.ContentLength || _state == State.ChunkData)
            {
                int skip = (int)Math.Min(_remaining, input.Length - consumed);
                consumed += skip;
                _remaining -= skip;
                if (_remaining > 0)
                {
                    bytesConsumed = consumed;
                    return HttpParseStatus.NeedMoreData;
                }

                if (_state == State.ContentLength)
                {
                    _state = State.None;
                    bytesConsumed = consumed;
                    return HttpParseStatus.Done;
                }

                _state = State.ChunkDataEnd;
                lines.BeginSection();
            }

            if (_state == State.None)
            {
                bytesConsumed = consumed;
                return HttpParseStatus.Done;
            }

            int lineStart = consumed - lines.Buffered;
            HttpParseStatus status = lines.ReadLine(input[consumed..], out ReadOnlySpan<byte> line, out int lineConsumed);
            consumed += lineConsumed;
            if (status == HttpParseStatus.NeedMoreData)
            {
                bytesConsumed = consumed;
                return status;
            }

            if (status == HttpParseStatus.Malformed)
            {
                return Fail(HttpParseErrorReason.HeaderSectionTooLarge, lineStart, consumed, out bytesConsumed, out reason, out errorAt);
            }

            switch (_state)
            {
                case State.ChunkSize:
                    if (!Http1Syntax.TryParseChunkSize(line, out long size))
                    {
                        return Fail(HttpParseErrorReason.InvalidChunkSize, lineStart, consumed, out bytesConsumed, out reason, out errorAt);
                    }

                    // A zero size is the last-chunk; the trailer section follows (section 7.1.2).
                    _state = size == 0 ? State.Trailers : State.ChunkData;
                    _remaining = size;
                    lines.BeginSection();
                    break;

                case State.ChunkDataEnd:
                    // chunk-data is followed by CRLF, nothing else.
                    if (!line.IsEmpty)
                    {
                        return Fail(HttpParseErrorReason.InvalidChunkTerminator, lineStart, consumed, out bytesConsumed, out reason, out errorAt);
                    }

                    _state = State.ChunkSize;
                    lines.BeginSection();
                    break;

                case State.Trailers:
                    if (line.IsEmpty)
                    {
                        _state = State.None;
                        bytesConsumed = consumed;
                        return HttpParseStatus.Done;
                    }

                    // Trailer fields are field lines (section 7.1.2); their content does not matter here.
                    if (!Http1Syntax.TryParseFieldLine(line, out _, out _))
                    {
                        return Fail(HttpParseErrorReason.InvalidHeaderLine, lineStart, consumed, out bytesConsumed, out reason, out errorAt);
                    }

                    break;
            }
        }
    }

    private HttpParseStatus Fail(
        HttpParseErrorReason why,
        int lineStart,
        int consumed,
        out int bytesConsumed,
        out HttpParseErrorReason reason,
        out int errorAt)
    {
        _state = State.None;
        bytesConsumed = consumed;
        reason = why;
        errorAt = lineStart;
        return HttpParseStatus.Malformed;
    }
}
