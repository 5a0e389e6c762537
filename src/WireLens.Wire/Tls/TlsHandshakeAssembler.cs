using System.Buffers.Binary;
using System.Diagnostics;

namespace WireLens.Wire.Tls;

/// <summary>
/// Per-direction state that turns the payloads of Handshake records into complete handshake messages.
/// A message may span several records (and so several TCP segments), and one record may hold several messages
/// (RFC 8446 section 5.1). Bytes are kept in one growable buffer; reading a message does not allocate.
/// Only plaintext handshake records belong here: in TLS 1.3 everything after ServerHello is encrypted.
/// </summary>
public sealed class TlsHandshakeAssembler
{
    /// <summary>Size of the handshake header: msg_type and a uint24 length.</summary>
    public const int HeaderLength = 4;

    /// <summary>Default largest message body accepted (256 KiB): room for a long certificate chain.</summary>
    public const int DefaultMaxMessageLength = 256 * 1024;

    private const int InitialCapacity = 1024;

    private readonly int _maxMessageLength;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private TlsMalformedReason _failure;

    /// <summary>Creates an assembler that rejects message bodies longer than <paramref name="maxMessageLength"/>.</summary>
    public TlsHandshakeAssembler(int maxMessageLength = DefaultMaxMessageLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxMessageLength);
        _maxMessageLength = maxMessageLength;
    }

    /// <summary>Number of bytes buffered and not yet returned as part of a message.</summary>
    public int BufferedLength => _end - _start;

    /// <summary>
    /// Appends the fragment of one Handshake record. Spans returned by an earlier <see cref="TryReadMessage"/> become
    /// invalid. Once the assembler has reported <see cref="TlsParseStatus.Malformed"/>, further bytes are ignored.
    /// </summary>
    public void AddRecordPayload(ReadOnlySpan<byte> payload)
    {
        if (_failure != TlsMalformedReason.None || payload.IsEmpty)
        {
            return;
        }

        // One incomplete message plus one record is the most a draining caller ever holds.
        int limit = HeaderLength + _maxMessageLength + TlsRecordReader.MaxRecordLength;
        if ((long)BufferedLength + payload.Length > limit)
        {
            _failure = TlsMalformedReason.HandshakeBufferOverflow;
            return;
        }

        EnsureRoom(payload.Length);
        payload.CopyTo(_buffer.AsSpan(_end));
        _end += payload.Length;
    }

    // struct {
    //     HandshakeType msg_type;    /* handshake type */
    //     uint24 length;             /* remaining bytes in message */
    //     select (Handshake.msg_type) { ... };
    // } Handshake;
    // https://www.rfc-editor.org/rfc/rfc8446#section-4

    /// <summary>
    /// Returns the next complete handshake message. <paramref name="body"/> excludes the 4-byte header and stays
    /// valid until the next call to <see cref="AddRecordPayload"/>. <c>Malformed</c> is sticky.
    /// </summary>
    public TlsParseStatus TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out TlsMalformedReason reason)
    {
        type = default;
        body = default;
        reason = _failure;
        if (_failure != TlsMalformedReason.None)
        {
            return TlsParseStatus.Malformed;
        }

        ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
        if (pending.Length < HeaderLength)
        {
            return TlsParseStatus.NeedMoreData;
        }

        int length = (pending[1] << 16) | BinaryPrimitives.ReadUInt16BigEndian(pending.Slice(2, 2));
        if (length > _maxMessageLength)
        {
            _failure = reason = TlsMalformedReason.HandshakeMessageTooLarge;
            return TlsParseStatus.Malformed;
        }

        if (pending.Length - HeaderLength < length)
        {
            return TlsParseStatus.NeedMoreData;
        }

        type = (TlsHandshakeType)pending[0];
        body = pending.Slice(HeaderLength, length);
        _start += HeaderLength + length;
        Debug.Assert(_start <= _end);
        return TlsParseStatus.Done;
    }

    /// <summary>Forgets buffered bytes and any earlier failure (for example when a new connection reuses the object).</summary>
    public void Reset()
    {
        _start = 0;
        _end = 0;
        _failure = TlsMalformedReason.None;
    }

    private void EnsureRoom(int count)
    {
        if (_buffer.Length - _end >= count)
        {
            return;
        }

        // Compact first: messages already returned are dead bytes at the front.
        int pending = _end - _start;
        byte[] target = _buffer;
        if (pending + count > _buffer.Length)
        {
            int capacity = Math.Max(Math.Max(InitialCapacity, _buffer.Length * 2), pending + count);
            target = new byte[capacity];
        }

        _buffer.AsSpan(_start, pending).CopyTo(target);
        _buffer = target;
        _start = 0;
        _end = pending;
    }
}
