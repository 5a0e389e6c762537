namespace WireLens.Analysis.Http;

/// <summary>
/// The server-to-client direction: HTTP/1 responses (RFC 9112) parsed for Connection: close and 101 Switching
/// Protocols, their bodies skipped by the framing rules of RFC 9112 section 6.3 (which need the request: HEAD,
/// CONNECT); HTTP/2 frames (after a 101 to Upgrade: h2c, or from the start with prior knowledge) skipped by length.
/// </summary>
internal sealed class HttpResponseStreamParser : HttpStreamParser
{
    private State _state = State.StatusLine;
    private int _statusCode;
    private long _messageStart;
    private int _prefixChecked;
    private bool _sawResponse;

    public HttpResponseStreamParser(HttpConnectionState connection)
        : base(connection)
    {
        BeginMessage();
    }

    public override void Reset()
    {
        base.Reset();
        _state = State.StatusLine;
        _statusCode = 0;
        _messageStart = 0;
        _prefixChecked = 0;
        _sawResponse = false;
        BeginMessage();
    }

    private enum State
    {
        StatusLine,
        Headers,
        Body,
        Frames,
    }

    private static ReadOnlySpan<byte> HttpSlash => "HTTP/"u8;

    protected override int Step(ReadOnlySpan<byte> data) => _state switch
    {
        State.StatusLine => ReadStatusLine(data),
        State.Headers => ReadFieldSection(data),
        State.Body => ReadBody(data),
        _ => ReadFrames(data),
    };

    protected override void OnFieldSectionComplete()
    {
        ref HttpMessageFraming framing = ref Framing;
        Connection.ConnectionClose |= framing.ConnectionClose;
        Connection.ServerAskedClose |= framing.ConnectionClose;
        int status = _statusCode;
        if (status == 101)
        {
            // RFC 7540 section 3.2: after the 101 the server's first HTTP/2 frame follows at once. A 101 to any
            // other upgrade leaves HTTP altogether.
            if ((Connection.Pending.PeekNextToAnswer() & HttpRequestKind.UpgradeH2c) != 0)
            {
                Connection.Protocol = HttpProtocol.H2c;
                StartFrames();
                _state = State.Frames;
            }
            else
            {
                StopQuietly();
            }

            return;
        }

        if (status < 200)
        {
            // RFC 9110 section 15.2: interim responses have no content and precede the final one.
            OnBodyComplete();
            return;
        }

        HttpRequestKind request = Connection.Pending.PeekNextToAnswer();
        Connection.Pending.AnswerNext();

        // RFC 9112 section 6.3, item 1: HEAD, 1xx, 204 and 304 responses end at the empty line; item 2: a 2xx to
        // CONNECT makes the connection a tunnel.
        if ((request & HttpRequestKind.Head) != 0 || status == 204 || status == 304)
        {
            OnBodyComplete();
        }
        else if ((request & HttpRequestKind.Connect) != 0 && status < 300)
        {
            StopQuietly();
        }
        else if (framing.HasTransferEncoding)
        {
            // Item 4: chunked as final coding frames the body; any other coding is read until the close.
            if (framing.IsChunked)
            {
                StartChunked();
                _state = State.Body;
            }
            else
            {
                StopQuietly();
            }
        }
        else if (framing.HasContentLength)
        {
            // Item 6.
            if (framing.ContentLength > 0)
            {
                StartContentLength(framing.ContentLength);
                _state = State.Body;
            }
            else
            {
                OnBodyComplete();
            }
        }
        else
        {
            // Item 8: no length: the body runs until the server closes; nothing after it is HTTP to parse.
            StopQuietly();
        }
    }

    protected override void OnBodyComplete()
    {
        _state = State.StatusLine;
        _prefixChecked = 0;
        BeginMessage();
    }

    protected override void OnFrame(in Http2FrameHeader frame, long frameStart)
    {
        // RFC 9113 section 3.4: the server connection preface is a SETTINGS frame. Reached without a 101, this check
        // is also what tells a prior-knowledge HTTP/2 server from a stream that is not HTTP at all.
        if (IsFirstFrame && !frame.IsInitialSettings)
        {
            Reject(_sawResponse ? HttpParseErrorReason.H2MissingSettings : HttpParseErrorReason.InvalidStatusLine, frameStart);
        }
    }

    // RFC 9112 section 4:
    //   status-line = HTTP-version SP status-code SP [ reason-phrase ]
    private int ReadStatusLine(ReadOnlySpan<byte> data)
    {
        int consumed = 0;
        if (_prefixChecked == 0 && Lines.Buffered == 0)
        {
            // Tolerate stray empty lines between responses, as before requests (RFC 9112 section 2.2).
            while (consumed < data.Length && (data[consumed] == (byte)'\r' || data[consumed] == (byte)'\n'))
            {
                consumed++;
            }

            _messageStart = Position + consumed;
            if (consumed == data.Length)
            {
                return consumed;
            }

            // The very first server byte decides between HTTP/1 ("HTTP/") and a prior-knowledge HTTP/2 server, whose
            // first frame is SETTINGS with a 24-bit length starting 0x00 (RFC 9113 section 3.4).
            if (_messageStart == 0 && data[consumed] != HttpSlash[0])
            {
                StartFrames();
                _state = State.Frames;
                return consumed;
            }
        }

        // Check "HTTP/" as it arrives, so a stream that is not HTTP stops at once instead of filling the line buffer.
        for (int i = consumed; _prefixChecked < HttpSlash.Length && i < data.Length; i++, _prefixChecked++)
        {
            if (data[i] != HttpSlash[_prefixChecked])
            {
                Reject(HttpParseErrorReason.InvalidStatusLine, _messageStart);
                return consumed;
            }
        }

        HttpParseStatus status = Lines.ReadLine(data[consumed..], out ReadOnlySpan<byte> line, out int lineConsumed);
        consumed += lineConsumed;
        if (status == HttpParseStatus.Malformed)
        {
            Reject(HttpParseErrorReason.HeaderSectionTooLarge, _messageStart);
        }
        else if (status == HttpParseStatus.Done)
        {
            if (Http1Syntax.TryParseStatusLine(line, out _statusCode, out HttpParseErrorReason reason))
            {
                _sawResponse = true;
                _state = State.Headers;
            }
            else
            {
                Reject(reason, _messageStart);
            }
        }

        return consumed;
    }

    private void Reject(HttpParseErrorReason reason, long offset)
    {
        // A server stream whose client is not HTTP either is simply another protocol.
        if (!_sawResponse && !Connection.LooksLikeHttp)
        {
            StopQuietly();
        }
        else
        {
            Fail(reason, offset);
        }
    }
}
