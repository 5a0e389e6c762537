using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using WireLens.Analysis.Http;
using WireLens.Analysis.Tls;
using WireLens.Wire.Tls;

namespace WireLens.Analysis.Ladder;

/// <summary>
/// Recognises what a segment's payload begins with, for the ladder: per connection, because HTTP/2 frames and TLS bursts
/// are only recognised in context (after the preface; after the other side spoke). Looks at the captured bytes of one
/// segment only: a hello or request line split across segments is recognised by its start (a hello without details).
/// Never throws on any input. Labels are raw wire text (Latin-1), cut to <see cref="MaxLabelLength"/>: escape them.
/// </summary>
internal sealed class LadderLabels
{
    /// <summary>Request and status lines are cut to this many characters.</summary>
    public const int MaxLabelLength = 80;

    private const byte TlsHandshake = 22;
    private const byte TlsApplicationData = 23;
    private const int TlsRecordHeaderLength = 5;
    private const int TlsHandshakeHeaderLength = 4;
    private const int H2FrameHeaderLength = 9;
    private const byte H2Headers = 1;

    private bool _h2;
    private bool _requestOpen;
    private bool _burstOpen;

    private static ReadOnlySpan<byte> H2Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>The kind and label of a payload, or (null, null) for plain data.</summary>
    public (LadderEventKind? Kind, string? Label) Classify(ReadOnlySpan<byte> payload, bool fromClient)
    {
        (LadderEventKind? kind, string? label) = ClassifyCore(payload, fromClient);
        if (kind == LadderEventKind.Request)
        {
            _requestOpen = true;
            _burstOpen = true;
        }
        else if (kind == LadderEventKind.Response)
        {
            _requestOpen = false;
        }

        if (!fromClient && !payload.IsEmpty)
        {
            _burstOpen = false;
        }

        return (kind, label);
    }

    private (LadderEventKind? Kind, string? Label) ClassifyCore(ReadOnlySpan<byte> payload, bool fromClient)
    {
        if (payload.IsEmpty)
        {
            return (null, null);
        }

        if (payload[0] == TlsHandshake && payload.Length >= TlsRecordHeaderLength + 1 && payload[1] == 3)
        {
            var type = (TlsHandshakeType)payload[TlsRecordHeaderLength];
            if (type == TlsHandshakeType.ClientHello && fromClient)
            {
                return (LadderEventKind.ClientHello, ClientHelloLabel(payload));
            }

            if (type == TlsHandshakeType.ServerHello && !fromClient)
            {
                return (LadderEventKind.ServerHello, ServerHelloLabel(payload));
            }
        }

        if (payload[0] == TlsApplicationData && payload.Length >= 2 && payload[1] == 3)
        {
            // A client's application data starts a burst (a request) unless one is open (no server payload since the
            // last request) or the record is no longer than an encrypted alert (the analysis's rule); the server's
            // first payload after a request answers it. TLS hides the rest: a TLS 1.3 client Finished sent without a
            // change_cipher_spec record before it looks like a request here.
            if (fromClient && !_burstOpen && payload.Length >= TlsRecordHeaderLength
                && BinaryPrimitives.ReadUInt16BigEndian(payload[3..]) > TlsConnectionAnalyzer.MaxNonRequestRecordLength)
            {
                return (LadderEventKind.Request, "TLS application data");
            }

            if (!fromClient && _requestOpen)
            {
                return (LadderEventKind.Response, "TLS application data");
            }

            return (null, null);
        }

        if (fromClient && payload.StartsWith(H2Preface))
        {
            _h2 = true;
            string? headers = H2HeadersLabel(payload[H2Preface.Length..]);
            return (LadderEventKind.Request, headers is null ? "HTTP/2 preface" : "HTTP/2 preface, " + headers);
        }

        if (_h2)
        {
            string? headers = H2HeadersLabel(payload);
            return headers is null ? (null, null) : (fromClient ? LadderEventKind.Request : LadderEventKind.Response, headers);
        }

        ReadOnlySpan<byte> line = FirstLine(payload);
        if (fromClient && Http1Syntax.TryParseRequestLine(line, out _, out _, out _))
        {
            return (LadderEventKind.Request, Text(line));
        }

        if (!fromClient && Http1Syntax.TryParseStatusLine(line, out _, out _))
        {
            return (LadderEventKind.Response, Text(line));
        }

        return (null, null);
    }

    // TLSPlaintext: uint8 type; uint16 legacy_record_version; uint16 length; then the Handshake:
    // uint8 msg_type; uint24 length; body. https://www.rfc-editor.org/rfc/rfc8446#section-5.1 and section 4
    private static bool TryHelloBody(ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> body)
    {
        body = default;
        const int BodyOffset = TlsRecordHeaderLength + TlsHandshakeHeaderLength;
        if (payload.Length < BodyOffset)
        {
            return false;
        }

        int length = (payload[6] << 16) | (payload[7] << 8) | payload[8];
        if (length > payload.Length - BodyOffset)
        {
            return false; // the hello continues in a later segment
        }

        body = payload.Slice(BodyOffset, length);
        return true;
    }

    private static string ClientHelloLabel(ReadOnlySpan<byte> payload)
    {
        if (!TryHelloBody(payload, out ReadOnlySpan<byte> body)
            || TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? hello, out _) != TlsParseStatus.Done)
        {
            return "ClientHello";
        }

        var text = new StringBuilder("ClientHello");
        if (hello!.ServerName is { } sni)
        {
            text.Append(" sni=").Append(sni);
        }

        if (hello.AlpnProtocols.Count > 0)
        {
            text.Append(" alpn=").AppendJoin(',', hello.AlpnProtocols);
        }

        if (hello.PreSharedKeyIdentityCount > 0)
        {
            text.Append(" psk");
        }

        return Cut(text.ToString());
    }

    private static string ServerHelloLabel(ReadOnlySpan<byte> payload)
    {
        if (!TryHelloBody(payload, out ReadOnlySpan<byte> body)
            || TlsHelloParser.TryParseServerHello(body, out ServerHelloInfo? hello, out _) != TlsParseStatus.Done)
        {
            return "ServerHello";
        }

        var text = new StringBuilder(hello!.IsHelloRetryRequest ? "HelloRetryRequest " : "ServerHello ");
        text.Append(TlsNames.Version(hello.NegotiatedVersion));
        if (hello.AlpnProtocol is { } alpn)
        {
            text.Append(" alpn=").Append(alpn);
        }

        if (hello.SelectedPskIdentity is not null)
        {
            text.Append(" resumed");
        }

        return Cut(text.ToString());
    }

    // RFC 9113 section 4.1: uint24 length; uint8 type; uint8 flags; 1 reserved bit + uint31 stream id; payload.
    // Walks the frames that start in the captured bytes; the segment is assumed to start at a frame boundary.
    private static string? H2HeadersLabel(ReadOnlySpan<byte> data)
    {
        for (int frames = 0; frames < 64 && data.Length >= H2FrameHeaderLength; frames++)
        {
            int length = (data[0] << 16) | (data[1] << 8) | data[2];
            if (data[3] == H2Headers)
            {
                uint stream = BinaryPrimitives.ReadUInt32BigEndian(data[5..]) & 0x7FFF_FFFF;
                return string.Create(CultureInfo.InvariantCulture, $"HTTP/2 HEADERS stream {stream}");
            }

            if (length > data.Length - H2FrameHeaderLength)
            {
                break;
            }

            data = data[(H2FrameHeaderLength + length)..];
        }

        return null;
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> payload)
    {
        int end = payload.IndexOf((byte)'\n');
        if (end < 0)
        {
            return payload;
        }

        ReadOnlySpan<byte> line = payload[..end];
        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    private static string Text(ReadOnlySpan<byte> line) =>
        Encoding.Latin1.GetString(line.Length > MaxLabelLength ? line[..MaxLabelLength] : line);

    private static string Cut(string text) => text.Length > MaxLabelLength ? text[..MaxLabelLength] : text;
}
