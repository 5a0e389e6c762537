namespace WireLens.UnitTests.Http;

/// <summary>HTTP/2 frames for test scripts (RFC 9113 section 4.1), payload bytes given or zero-filled.</summary>
internal static class H2Frames
{
    public const byte Data = 0x0;
    public const byte Headers = 0x1;
    public const byte Settings = 0x4;
    public const byte WindowUpdate = 0x8;
    public const byte Continuation = 0x9;

    public const byte EndStream = 0x1;
    public const byte EndHeaders = 0x4;

    /// <summary>"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" (RFC 9113 section 3.4).</summary>
    public static byte[] Preface => HttpScript.Latin1("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    /// <summary>SETTINGS with SETTINGS_MAX_CONCURRENT_STREAMS = 100, the first frame of both endpoints.</summary>
    public static byte[] InitialSettings =>
    [
        0x00, 0x00, 0x06,        // Length 6: one setting
        0x04,                    // Type SETTINGS
        0x00,                    // Flags: none (not ACK)
        0x00, 0x00, 0x00, 0x00,  // Stream 0
        0x00, 0x03,              // SETTINGS_MAX_CONCURRENT_STREAMS
        0x00, 0x00, 0x00, 0x64,  // = 100
    ];

    /// <summary>HEADERS with END_HEADERS and an HPACK block of indexed fields :method GET, :scheme http, :path /.</summary>
    public static byte[] GetHeaders(uint stream, byte extraFlags = 0) =>
        Frame(Headers, (byte)(EndHeaders | extraFlags), stream, [0x82, 0x86, 0x84]);

    public static byte[] Frame(byte type, byte flags, uint stream, byte[] payload)
    {
        byte[] frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        frame[5] = (byte)(stream >> 24);
        frame[6] = (byte)(stream >> 16);
        frame[7] = (byte)(stream >> 8);
        frame[8] = (byte)stream;
        payload.CopyTo(frame, 9);
        return frame;
    }

    public static byte[] Frame(byte type, byte flags, uint stream, int zeroPayloadLength) =>
        Frame(type, flags, stream, new byte[zeroPayloadLength]);
}
