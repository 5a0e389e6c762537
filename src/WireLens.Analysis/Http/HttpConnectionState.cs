using System.Text;

namespace WireLens.Analysis.Http;

/// <summary>What the two direction parsers of one connection learn and share: the results and the request queue.</summary>
/// <remarks>
/// The first User-Agent and Host are kept as their bytes, in buffers reused with the connection, and made strings
/// only when asked for: the analysis thread then allocates nothing per connection for them, and stores no reference to
/// a new object in a pooled (old-generation) one, which would cost every young collection a card to scan.
/// </remarks>
internal sealed class HttpConnectionState
{
    private FieldBytes _firstUserAgent;
    private FieldBytes _firstHost;

    public HttpProtocol Protocol { get; set; }

    public int Requests { get; set; }

    /// <summary>The first request's User-Agent, Latin-1 decoded (a new string each time), or null.</summary>
    public string? FirstUserAgent => _firstUserAgent.ToLatin1();

    /// <summary>The first request's Host, Latin-1 decoded (a new string each time), or null.</summary>
    public string? FirstHost => _firstHost.ToLatin1();

    /// <summary><see cref="FirstUserAgent"/>, or <paramref name="last"/> itself when it holds the same text (see <see cref="FieldBytes.ToLatin1Reusing"/>).</summary>
    public string? FirstUserAgentReusing(ref string? last) => _firstUserAgent.ToLatin1Reusing(ref last);

    /// <summary><see cref="FirstHost"/>, or <paramref name="last"/> itself when it holds the same text.</summary>
    public string? FirstHostReusing(ref string? last) => _firstHost.ToLatin1Reusing(ref last);

    public bool HasFirstUserAgent => _firstUserAgent.IsSet;

    public bool HasFirstHost => _firstHost.IsSet;

    /// <summary>Keeps <paramref name="value"/>'s bytes as the first User-Agent unless one is kept already.</summary>
    public void OfferFirstUserAgent(ReadOnlySpan<byte> value) => _firstUserAgent.SetIfUnset(value);

    /// <summary>Keeps <paramref name="value"/>'s bytes as the first Host unless one is kept already.</summary>
    public void OfferFirstHost(ReadOnlySpan<byte> value) => _firstHost.SetIfUnset(value);

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
        _firstUserAgent.Clear();
        _firstHost.Clear();
        ConnectionClose = false;
        ClientAskedClose = false;
        ServerAskedClose = false;
        LooksLikeHttp = false;
        MaxClientStreamId = 0;
        Pending.Reset();
    }

    /// <summary>One header value's bytes in a buffer that grows as needed and is kept for the next connection.</summary>
    private struct FieldBytes
    {
        // A value longer than this does not keep its buffer past the connection.
        private const int KeptCapacity = 1024;

        private byte[]? _bytes;
        private int _length;

        public bool IsSet { get; private set; }

        public void SetIfUnset(ReadOnlySpan<byte> value)
        {
            if (IsSet)
            {
                return;
            }

            if (_bytes is null || _bytes.Length < value.Length)
            {
                _bytes = new byte[Math.Max(value.Length, 64)];
            }

            value.CopyTo(_bytes);
            _length = value.Length;
            IsSet = true;
        }

        public readonly string? ToLatin1() => IsSet ? Encoding.Latin1.GetString(_bytes!, 0, _length) : null;

        /// <summary>
        /// Like <see cref="ToLatin1"/>, but hands out <paramref name="last"/> again when it is the same text (compared
        /// as ASCII: other bytes always make a new string), else makes a new one and keeps it there.
        /// </summary>
        public readonly string? ToLatin1Reusing(ref string? last)
        {
            if (!IsSet)
            {
                return null;
            }

            ReadOnlySpan<byte> value = _bytes.AsSpan(0, _length);
            if (last is not null && last.Length == value.Length && Ascii.Equals(value, last))
            {
                return last;
            }

            return last = Encoding.Latin1.GetString(value);
        }

        public void Clear()
        {
            IsSet = false;
            _length = 0;
            if (_bytes is { Length: > KeptCapacity })
            {
                _bytes = null;
            }
        }
    }
}
