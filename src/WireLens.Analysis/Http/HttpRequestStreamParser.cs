using System.Text;

namespace WireLens.Analysis.Http;

/// <summary>
/// The client-to-server direction: HTTP/1 requests (RFC 9112) counted by request line, their bodies skipped, and
/// HTTP/2 after the prior-knowledge preface (RFC 9113 section 3.3) or an Upgrade: h2c request (RFC 7540 section 3.2),
/// counted by HEADERS frames that open a stream.
/// </summary>
internal sealed partial class HttpRequestStreamParser : HttpStreamParser
{
    private State _state = State.Preface;
    private int _prefaceMatched;

    // Bytes of the current request line's method checked so far; -1 once the SP after it was seen.
    private int _methodChecked;
    private long _messageStart;
    private HttpRequestKind _kind;
    private bool _isFirstRequest;
    private HttpProtocol _version;

    // The previous request may have switched the connection to another protocol (CONNECT, Upgrade): if the next bytes
    // are not a request, that is the other protocol, not an error.
    private bool _otherProtocolMayFollow;

    public HttpRequestStreamParser(HttpConnectionState connection)
        : base(connection)
    {
        BeginMessage();
    }

    public override void Reset()
    {
        base.Reset();
        _state = State.Preface;
        _prefaceMatched = 0;
        _methodChecked = 0;
        _messageStart = 0;
        _kind = default;
        _isFirstRequest = false;
        _version = default;
        _otherProtocolMayFollow = false;
        ResetHeaderBlock();
        BeginMessage();
    }

    private enum State
    {
        Preface,
        RequestLine,
        Headers,
        Body,
        Frames,
    }

    /// <summary>RFC 9113 section 3.4: the client connection preface.</summary>
    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    protected override int Step(ReadOnlySpan<byte> data) => _state switch
    {
        State.Preface => MatchPreface(data),
        State.RequestLine => ReadRequestLine(data),
        State.Headers => ReadFieldSection(data),
        State.Body => ReadBody(data),
        _ => ReadFrames(data),
    };

    protected override void OnField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        // Only the first request's values are kept; Latin-1 maps each byte to one char, so nothing is lost.
        if (!_isFirstRequest)
        {
            return;
        }

        if (name.Length == 4 && !Connection.HasFirstHost && Ascii.EqualsIgnoreCase(name, "Host"u8))
        {
            Connection.OfferFirstHost(value);
        }
        else if (name.Length == 10 && !Connection.HasFirstUserAgent && Ascii.EqualsIgnoreCase(name, "User-Agent"u8))
        {
            Connection.OfferFirstUserAgent(value);
        }
    }

    protected override void OnFieldSectionComplete()
    {
        ref HttpMessageFraming framing = ref Framing;
        Connection.ConnectionClose |= framing.ConnectionClose;
        Connection.ClientAskedClose |= framing.ConnectionClose || (_version == HttpProtocol.Http10 && !framing.ConnectionKeepAlive);
        if (framing.UpgradeH2c)
        {
            _kind |= HttpRequestKind.UpgradeH2c;
        }
        else if (framing.HasUpgrade)
        {
            _kind |= HttpRequestKind.UpgradeOther;
        }

        Connection.Pending.AddRequest(_kind);
        _otherProtocolMayFollow = (_kind & (HttpRequestKind.Connect | HttpRequestKind.UpgradeOther)) != 0;

        // RFC 9112 section 6.3: Transfer-Encoding wins over Content-Length (item 3); a request whose final coding is
        // not chunked cannot be framed (item 4); without either the request has no content (item 6).
        if (framing.HasTransferEncoding)
        {
            if (!framing.IsChunked)
            {
                Fail(HttpParseErrorReason.InvalidTransferEncoding, _messageStart);
                return;
            }

            StartChunked();
            _state = State.Body;
        }
        else if (framing.ContentLength > 0)
        {
            StartContentLength(framing.ContentLength);
            _state = State.Body;
        }
        else
        {
            OnBodyComplete();
        }
    }

    protected override void OnBodyComplete()
    {
        // RFC 7540 section 3.2: after an Upgrade: h2c request the client sends the preface once the server agreed
        // (101); if it refused, the next request follows. Matching the preface first covers both, whatever order the
        // two directions are fed in. The upgrade request itself is stream 1.
        if ((_kind & HttpRequestKind.UpgradeH2c) != 0)
        {
            Connection.MaxClientStreamId = Math.Max(Connection.MaxClientStreamId, 1u);
            _state = State.Preface;
        }
        else
        {
            _state = State.RequestLine;
        }

        _kind = HttpRequestKind.None;
        _methodChecked = 0;
        BeginMessage();
    }

    protected override void OnFrame(in Http2FrameHeader frame, long frameStart)
    {
        // RFC 9113 section 3.4: the preface is followed by a SETTINGS frame.
        if (IsFirstFrame && !frame.IsInitialSettings)
        {
            Fail(HttpParseErrorReason.H2MissingSettings, frameStart);
            return;
        }

        if (_block == BlockState.Collecting)
        {
            ContinueHeaderBlock(frame);
        }

        if (frame.Type != Http2FrameHeader.TypeHeaders)
        {
            return;
        }

        // RFC 9113 section 6.2: HEADERS on stream 0 is a connection error; section 5.1.1: client streams are odd.
        if (frame.StreamId == 0 || (frame.StreamId & 1) == 0)
        {
            Fail(HttpParseErrorReason.H2InvalidStreamId, frameStart);
            return;
        }

        // Section 5.1.1: a new client stream has a higher id than any it opened before; HEADERS on a known stream
        // carries trailers (section 8.1) and is not a request.
        if (frame.StreamId > Connection.MaxClientStreamId)
        {
            Connection.MaxClientStreamId = frame.StreamId;
            Connection.Requests++;
            if (_block == BlockState.Idle)
            {
                StartHeaderBlock(frame);
            }
        }
    }

    private int MatchPreface(ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> expected = Preface[_prefaceMatched..];
        int matched = data.CommonPrefixLength(expected);
        if (matched == expected.Length)
        {
            _prefaceMatched = 0;
            Connection.Protocol = HttpProtocol.H2c;
            Connection.LooksLikeHttp = true;
            StartFrames();
            _state = State.Frames;
            return matched;
        }

        if (matched == data.Length)
        {
            _prefaceMatched += matched;
            return matched;
        }

        // Not the preface: these bytes start an HTTP/1 request. The part matched in earlier chunks is replayed; this
        // chunk is then read again from its start.
        int earlier = _prefaceMatched;
        _prefaceMatched = 0;
        _state = State.RequestLine;
        Replay(Preface[..earlier]);
        return 0;
    }

    // RFC 9112 section 3:
    //   request-line = method SP request-target SP HTTP-version
    private int ReadRequestLine(ReadOnlySpan<byte> data)
    {
        int consumed = 0;
        if (_methodChecked == 0 && Lines.Buffered == 0)
        {
            // RFC 9112 section 2.2: empty lines received before a request line are ignored (some clients send a
            // CRLF after a POST body).
            while (consumed < data.Length && (data[consumed] == (byte)'\r' || data[consumed] == (byte)'\n'))
            {
                consumed++;
            }

            _messageStart = Position + consumed;
        }

        // The method is checked as it arrives, so a stream that is not HTTP (a TLS record starts 0x16 0x03) is known
        // at its first byte rather than after buffering up to the section limit.
        for (int i = consumed; _methodChecked >= 0 && i < data.Length; i++)
        {
            byte b = data[i];
            if (b == (byte)' ' && _methodChecked > 0)
            {
                _methodChecked = -1;
            }
            else if (Http1Syntax.IsTokenChar(b))
            {
                _methodChecked++;
            }
            else
            {
                RejectRequestLine(HttpParseErrorReason.InvalidRequestLine);
                return consumed;
            }
        }

        HttpParseStatus status = Lines.ReadLine(data[consumed..], out ReadOnlySpan<byte> line, out int lineConsumed);
        consumed += lineConsumed;
        if (status == HttpParseStatus.Malformed)
        {
            RejectRequestLine(HttpParseErrorReason.HeaderSectionTooLarge);
        }
        else if (status == HttpParseStatus.Done)
        {
            if (Http1Syntax.TryParseRequestLine(line, out ReadOnlySpan<byte> method, out HttpProtocol version, out HttpParseErrorReason reason))
            {
                OnRequestLine(method, version);
            }
            else
            {
                RejectRequestLine(reason);
            }
        }

        return consumed;
    }

    private void OnRequestLine(ReadOnlySpan<byte> method, HttpProtocol version)
    {
        Connection.Requests++;
        _version = version;
        _isFirstRequest = !Connection.LooksLikeHttp;
        if (_isFirstRequest)
        {
            Connection.LooksLikeHttp = true;
            Connection.Protocol = version;
        }

        // RFC 9110 section 9.1: methods are case-sensitive.
        _otherProtocolMayFollow = false;
        _kind = method.SequenceEqual("HEAD"u8) ? HttpRequestKind.Head
            : method.SequenceEqual("CONNECT"u8) ? HttpRequestKind.Connect
            : HttpRequestKind.None;
        _state = State.Headers;
    }

    private void RejectRequestLine(HttpParseErrorReason reason)
    {
        // Before the first request the stream simply is not cleartext HTTP; after CONNECT or an Upgrade it has
        // become another protocol. Neither is an error of the HTTP stream.
        if (!Connection.LooksLikeHttp || _otherProtocolMayFollow)
        {
            StopQuietly();
        }
        else
        {
            Fail(reason, _messageStart);
        }
    }
}
