using System.Buffers.Binary;

namespace WireLens.Wire.Tls;

/// <summary>Reads TLS record headers from a reassembled byte stream, without allocation.</summary>
public static class TlsRecordReader
{
    /// <summary>Size of the record header: type, legacy_record_version, length.</summary>
    public const int HeaderLength = 5;

    /// <summary>
    /// Largest record length any TLS version allows: 2^14 + 2048 for TLSCiphertext in TLS 1.2
    /// (RFC 5246 section 6.2.3); TLS 1.3 allows only 2^14 + 256 (RFC 8446 section 5.2).
    /// </summary>
    public const int MaxRecordLength = (1 << 14) + 2048;

    private const int ContentTypeOffset = 0;
    private const int VersionOffset = ContentTypeOffset + 1;
    private const int LengthOffset = VersionOffset + 2;

    // struct {
    //     ContentType type;
    //     ProtocolVersion legacy_record_version;
    //     uint16 length;
    //     opaque fragment[TLSPlaintext.length];
    // } TLSPlaintext;
    // https://www.rfc-editor.org/rfc/rfc8446#section-5.1

    /// <summary>
    /// Reads the 5-byte record header at the start of <paramref name="data"/>. Returns
    /// <see cref="TlsParseStatus.NeedMoreData"/> when fewer than 5 bytes are present, and
    /// <see cref="TlsParseStatus.Malformed"/> for an unknown content type, a major version other than 3, or a length
    /// beyond <see cref="MaxRecordLength"/>. The fragment itself may still be incomplete on <c>Done</c>.
    /// </summary>
    public static TlsParseStatus TryReadRecordHeader(ReadOnlySpan<byte> data, out TlsRecordHeader header, out TlsMalformedReason reason)
    {
        header = default;
        reason = TlsMalformedReason.None;

        // Check the bytes we already have before asking for more: a stream that is not TLS is rejected
        // on its first byte, not after five.
        if (data.IsEmpty)
        {
            return TlsParseStatus.NeedMoreData;
        }

        var type = (TlsContentType)data[ContentTypeOffset];
        if (type is < TlsContentType.ChangeCipherSpec or > TlsContentType.Heartbeat)
        {
            reason = TlsMalformedReason.RecordUnknownContentType;
            return TlsParseStatus.Malformed;
        }

        if (data.Length > VersionOffset && data[VersionOffset] != 3)
        {
            reason = TlsMalformedReason.RecordInvalidVersion;
            return TlsParseStatus.Malformed;
        }

        if (data.Length < HeaderLength)
        {
            return TlsParseStatus.NeedMoreData;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(LengthOffset, 2));
        if (length > MaxRecordLength)
        {
            reason = TlsMalformedReason.RecordLengthTooLarge;
            return TlsParseStatus.Malformed;
        }

        header = new TlsRecordHeader(type, BinaryPrimitives.ReadUInt16BigEndian(data.Slice(VersionOffset, 2)), length);
        return TlsParseStatus.Done;
    }

    /// <summary>
    /// Reads one whole record: header and fragment. On <c>Done</c>, <paramref name="fragment"/> is a slice of
    /// <paramref name="data"/> and <paramref name="bytesConsumed"/> is the header plus fragment length;
    /// otherwise <paramref name="bytesConsumed"/> is 0.
    /// </summary>
    public static TlsParseStatus TryReadRecord(
        ReadOnlySpan<byte> data,
        out TlsRecordHeader header,
        out ReadOnlySpan<byte> fragment,
        out int bytesConsumed,
        out TlsMalformedReason reason)
    {
        fragment = default;
        bytesConsumed = 0;
        TlsParseStatus status = TryReadRecordHeader(data, out header, out reason);
        if (status != TlsParseStatus.Done)
        {
            return status;
        }

        int total = HeaderLength + header.Length;
        if (data.Length < total)
        {
            header = default;
            return TlsParseStatus.NeedMoreData;
        }

        fragment = data.Slice(HeaderLength, header.Length);
        bytesConsumed = total;
        return TlsParseStatus.Done;
    }
}
