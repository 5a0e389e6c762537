namespace WireLens.Analysis.Http;

/// <summary>
/// Walks an HTTP/2 frame sequence arriving in arbitrary chunks: assembles each 9-byte frame header (the only bytes
/// buffered here) and skips the payload by its length, handing the skipped bytes to the caller
/// (<see cref="SkipPayload"/>), who may keep some.
/// </summary>
internal sealed class Http2FrameReader
{
    private readonly byte[] _header = new byte[Http2FrameHeader.Size];
    private int _headerLength;
    private long _payloadRemaining;

    /// <summary>Frame headers read so far; the first one must be SETTINGS (RFC 9113 section 3.4).</summary>
    public long FramesRead { get; private set; }

    /// <summary>Bytes of the current frame's payload still to come.</summary>
    public long PayloadRemaining => _payloadRemaining;

    /// <summary>Skips payload bytes of the current frame at the start of <paramref name="input"/>; returns how many.</summary>
    public int SkipPayload(ReadOnlySpan<byte> input)
    {
        int skip = (int)Math.Min(_payloadRemaining, input.Length);
        _payloadRemaining -= skip;
        return skip;
    }

    /// <summary>
    /// Skips what is left of the previous frame's payload, then reads the next frame header.
    /// Done: <paramref name="frame"/> is valid and its payload will be skipped by the next call.
    /// NeedMoreData: all input consumed.
    /// </summary>
    public HttpParseStatus ReadFrameHeader(ReadOnlySpan<byte> input, out Http2FrameHeader frame, out int bytesConsumed)
    {
        frame = default;
        int skip = (int)Math.Min(_payloadRemaining, input.Length);
        _payloadRemaining -= skip;
        int consumed = skip;
        if (_payloadRemaining > 0)
        {
            bytesConsumed = consumed;
            return HttpParseStatus.NeedMoreData;
        }

        ReadOnlySpan<byte> rest = input[consumed..];
        if (_headerLength == 0 && rest.Length >= Http2FrameHeader.Size)
        {
            // Common case: the whole header is in this chunk; read it in place.
            frame = Http2FrameHeader.Read(rest);
            consumed += Http2FrameHeader.Size;
        }
        else
        {
            int take = Math.Min(Http2FrameHeader.Size - _headerLength, rest.Length);
            rest[..take].CopyTo(_header.AsSpan(_headerLength));
            _headerLength += take;
            consumed += take;
            if (_headerLength < Http2FrameHeader.Size)
            {
                bytesConsumed = consumed;
                return HttpParseStatus.NeedMoreData;
            }

            frame = Http2FrameHeader.Read(_header);
            _headerLength = 0;
        }

        _payloadRemaining = frame.Length;
        FramesRead++;
        bytesConsumed = consumed;
        return HttpParseStatus.Done;
    }
}
