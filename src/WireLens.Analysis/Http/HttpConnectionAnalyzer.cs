namespace WireLens.Analysis.Http;

/// <summary>
/// Counts the HTTP requests of one TCP connection from its two reassembled byte streams, fed in order in chunks of
/// any size: HTTP/1.0 and 1.1 (RFC 9112) including pipelining, and cleartext HTTP/2 (h2c) by prior knowledge
/// (RFC 9113 section 3.3) or by Upgrade (RFC 7540 section 3.2). It never throws on what it is fed and buffers at most
/// one partial line (<see cref="HttpLimits.MaxHeaderSectionBytes"/>) and one partial frame header per direction, plus
/// the header block of the first h2c request (<see cref="HttpLimits.MaxH2HeaderBlockBytes"/>), HPACK-decoded for its
/// user-agent and authority; other bodies and frame payloads are skipped. A direction stops at the first bytes that cannot be HTTP: quietly when the
/// connection is not cleartext HTTP (or turned into another protocol), with <see cref="ClientError"/> or
/// <see cref="ServerError"/> when an HTTP stream is malformed, with <see cref="ClientLost"/> or
/// <see cref="ServerLost"/> when bytes are missing from the capture.
/// </summary>
public sealed class HttpConnectionAnalyzer
{
    private readonly HttpConnectionState _state = new();
    private readonly HttpRequestStreamParser _client;
    private readonly HttpResponseStreamParser _server;

    public HttpConnectionAnalyzer()
    {
        _client = new HttpRequestStreamParser(_state);
        _server = new HttpResponseStreamParser(_state);
    }

    /// <summary>Protocol of the connection: from the first request line, then H2c once the preface or an accepted upgrade is seen.</summary>
    public HttpProtocol Protocol => _state.Protocol;

    /// <summary>HTTP/1 request lines (pipelined ones included) plus client HEADERS frames opening a new HTTP/2 stream.</summary>
    public int Requests => _state.Requests;

    /// <summary>
    /// User-Agent of the first HTTP/1 request (OWS trimmed), or else the user-agent field of the first h2c request's
    /// HPACK header block; bytes decoded as Latin-1; null when neither has one.
    /// </summary>
    public string? FirstUserAgent => _state.FirstUserAgent;

    /// <summary>
    /// Host of the first HTTP/1 request (OWS trimmed), or else :authority (or host) of the first h2c request's header
    /// block; bytes decoded as Latin-1; null when neither has one.
    /// </summary>
    public string? FirstHost => _state.FirstHost;

    /// <summary><see cref="FirstUserAgent"/>, or <paramref name="last"/> itself when it holds the same text.</summary>
    internal string? FirstUserAgentReusing(ref string? last) => _state.FirstUserAgentReusing(ref last);

    /// <summary><see cref="FirstHost"/>, or <paramref name="last"/> itself when it holds the same text.</summary>
    internal string? FirstHostReusing(ref string? last) => _state.FirstHostReusing(ref last);

    /// <summary>Either side sent a Connection header with the "close" option (RFC 9112 section 9.6); HTTP/1.0 defaults do not count.</summary>
    public bool ConnectionClose => _state.ConnectionClose;

    /// <summary>A request asked to close: "Connection: close", or an HTTP/1.0 request without "Connection: keep-alive".</summary>
    public bool ClientAskedClose => _state.ClientAskedClose;

    /// <summary>A response carried "Connection: close" (the server ends the connection after it).</summary>
    public bool ServerAskedClose => _state.ServerAskedClose;

    /// <summary>The client stream began with a valid request line or the HTTP/2 connection preface.</summary>
    public bool LooksLikeHttp => _state.LooksLikeHttp;

    /// <summary>Client bytes were lost while the client direction was still being parsed: its counts may be short.</summary>
    public bool ClientLost => _client.Lost;

    /// <summary>Server bytes were lost while the server direction was still being parsed.</summary>
    public bool ServerLost => _server.Lost;

    /// <summary>Why and where parsing of the client direction stopped, when its HTTP was malformed.</summary>
    public HttpParseError? ClientError => _client.Error;

    /// <summary>Why and where parsing of the server direction stopped, when its HTTP was malformed.</summary>
    public HttpParseError? ServerError => _server.Error;

    /// <summary>Back to a new connection, keeping the allocated parsers (the tracker recycles connections).</summary>
    public void Reset()
    {
        _state.Reset();
        _client.Reset();
        _server.Reset();
    }

    /// <summary>In-order client-to-server bytes.</summary>
    public void OnClientData(ReadOnlySpan<byte> data) => _client.OnData(data);

    /// <summary>In-order server-to-client bytes.</summary>
    public void OnServerData(ReadOnlySpan<byte> data) => _server.OnData(data);

    /// <summary>Client bytes are missing for good: the client direction stops here.</summary>
    public void OnClientGap() => _client.OnGap();

    /// <summary>Server bytes are missing for good: the server direction stops here.</summary>
    public void OnServerGap() => _server.OnGap();
}
