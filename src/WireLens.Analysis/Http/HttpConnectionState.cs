namespace WireLens.Analysis.Http;

/// <summary>What the two direction parsers of one connection learn and share: the results and the request queue.</summary>
internal sealed class HttpConnectionState
{
    public HttpProtocol Protocol { get; set; }

    public int Requests { get; set; }

    public string? FirstUserAgent { get; set; }

    public string? FirstHost { get; set; }

    public bool ConnectionClose { get; set; }

    /// <summary>A request asked to close: "Connection: close", or HTTP/1.0 without "Connection: keep-alive".</summary>
    public bool ClientAskedClose { get; set; }

    /// <summary>A response carried "Connection: close".</summary>
    public bool ServerAskedClose { get; set; }

    public bool LooksLikeHttp { get; set; }

    /// <summary>Highest stream id the client has opened (RFC 9113 section 5.1.1: new client streams only go up).</summary>
    public uint MaxClientStreamId { get; set; }

    public HttpPendingRequests Pending { get; } = new();

    /// <summary>Back to a new connection.</summary>
    public void Reset()
    {
        Protocol = default;
        Requests = 0;
        FirstUserAgent = null;
        FirstHost = null;
        ConnectionClose = false;
        ClientAskedClose = false;
        ServerAskedClose = false;
        LooksLikeHttp = false;
        MaxClientStreamId = 0;
        Pending.Reset();
    }
}
