using System.Buffers.Binary;

namespace WireLens.Analysis.Http;

/// <summary>
/// The fixed 9-byte HTTP/2 frame header (RFC 9113 section 4.1):
/// <code>
/// HTTP Frame {
///   Length (24),
///   Type (8),
///   Flags (8),
///   Reserved (1),
///   Stream Identifier (31),
///   Frame Payload (..),
/// }
/// </code>
/// </summary>
internal readonly struct Http2FrameHeader
{
    public const int Size = 9;

    /// <summary>RFC 9113 section 6.2.</summary>
    public const byte TypeHeaders = 0x1;

    /// <summary>RFC 9113 section 6.5.</summary>
    public const byte TypeSettings = 0x4;

    /// <summary>RFC 9113 section 6.10: continues a header block; never opens a stream.</summary>
    public const byte TypeContinuation = 0x9;

    /// <summary>RFC 9113 section 6.5: SETTINGS with ACK set acknowledges the peer's; it cannot be the preface.</summary>
    public const byte FlagAck = 0x1;

    /// <summary>RFC 9113 sections 6.2 and 6.10: the header block ends with this HEADERS or CONTINUATION frame.</summary>
    public const byte FlagEndHeaders = 0x4;

    /// <summary>RFC 9113 section 6.2: the HEADERS payload starts with a Pad Length octet and ends with padding.</summary>
    public const byte FlagPadded = 0x8;

    /// <summary>RFC 9113 section 6.2: the HEADERS payload carries a 5-octet priority (stream dependency and weight).</summary>
    public const byte FlagPriority = 0x20;

    private const int TypeOffset = 3;
    private const int FlagsOffset = 4;
    private const int StreamIdOffset = 5;

    // The reserved bit "MUST remain unset when sending and MUST be ignored when receiving" (section 4.1).
    private const uint StreamIdMask = 0x7FFF_FFFF;

    private Http2FrameHeader(int length, byte type, byte flags, uint streamId)
    {
        Length = length;
        Type = type;
        Flags = flags;
        StreamId = streamId;
    }

    public int Length { get; }

    public byte Type { get; }

    public byte Flags { get; }

    public uint StreamId { get; }

    /// <summary>
    /// RFC 9113 section 3.4: the server connection preface "consists of a potentially empty SETTINGS frame", which
    /// must not be an ACK; its payload is a list of 6-byte settings (section 6.5).
    /// </summary>
    public bool IsInitialSettings => Type == TypeSettings && StreamId == 0 && (Flags & FlagAck) == 0 && Length % 6 == 0;

    public static Http2FrameHeader Read(ReadOnlySpan<byte> header)
    {
        ReadOnlySpan<byte> bytes = header[..Size];
        int length = (bytes[0] << 16) | (bytes[1] << 8) | bytes[2];
        uint streamId = BinaryPrimitives.ReadUInt32BigEndian(bytes[StreamIdOffset..]) & StreamIdMask;
        return new Http2FrameHeader(length, bytes[TypeOffset], bytes[FlagsOffset], streamId);
    }
}
