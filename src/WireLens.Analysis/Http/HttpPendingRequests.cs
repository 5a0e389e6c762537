namespace WireLens.Analysis.Http;

/// <summary>
/// The HTTP/1 requests still waiting for their final response, so that a response can be framed by its request
/// (HEAD, CONNECT, Upgrade). Ordinary requests are only counted; the few special ones are kept with their ordinal in a
/// small ring (at most <see cref="HttpLimits.MaxPendingSpecialRequests"/>; beyond that the newest is forgotten and its
/// response framed as an ordinary one). Allocated on the first special request only.
/// </summary>
internal sealed class HttpPendingRequests
{
    private (long Ordinal, HttpRequestKind Kind)[]? _ring;
    private int _head;
    private int _count;

    /// <summary>HTTP/1 requests seen from the client so far; the next request gets this ordinal.</summary>
    public long Sent { get; private set; }

    /// <summary>Final responses seen so far; the next final response answers the request with this ordinal.</summary>
    public long Answered { get; private set; }

    /// <summary>Back to a new connection; the ring, if any, is kept for reuse.</summary>
    public void Reset()
    {
        _head = 0;
        _count = 0;
        Sent = 0;
        Answered = 0;
    }

    public void AddRequest(HttpRequestKind kind)
    {
        if (kind != HttpRequestKind.None)
        {
            _ring ??= new (long, HttpRequestKind)[HttpLimits.MaxPendingSpecialRequests];
            if (_count < _ring.Length)
            {
                _ring[(_head + _count) % _ring.Length] = (Sent, kind);
                _count++;
            }
        }

        Sent++;
    }

    /// <summary>The kind of the request the next final response answers (None when unknown: not seen or forgotten).</summary>
    public HttpRequestKind PeekNextToAnswer()
    {
        DropAnswered();
        return _count > 0 && _ring![_head].Ordinal == Answered ? _ring[_head].Kind : HttpRequestKind.None;
    }

    /// <summary>A final (non-1xx) response was seen: its request is answered.</summary>
    public void AnswerNext()
    {
        Answered++;
        DropAnswered();
    }

    private void DropAnswered()
    {
        while (_count > 0 && _ring![_head].Ordinal < Answered)
        {
            _head = (_head + 1) % _ring.Length;
            _count--;
        }
    }
}
