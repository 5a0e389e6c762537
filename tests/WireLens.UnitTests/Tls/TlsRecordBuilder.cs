using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

// Builds TLS records and handshake messages around hello bodies (TlsHelloBuilder) and stands in for encrypted records.
internal static class TlsRecordBuilder
{
    // TLSPlaintext: type, legacy_record_version 0x0303, uint16 length, fragment (RFC 8446 section 5.1).
    public static byte[] Record(TlsContentType type, params byte[] fragment) =>
        [(byte)type, 0x03, 0x03, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];

    // Handshake: msg_type, uint24 length, body (RFC 8446 section 4).
    public static byte[] Message(TlsHandshakeType type, byte[] body) =>
        [(byte)type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, .. body];

    // One Handshake record holding the given messages (or pieces of messages) back to back.
    public static byte[] HandshakeRecord(params byte[][] messages) => Record(TlsContentType.Handshake, [.. messages.SelectMany(m => m)]);

    public static byte[] ClientHelloRecord(byte[] body) => HandshakeRecord(Message(TlsHandshakeType.ClientHello, body));

    public static byte[] ServerHelloRecord(byte[] body) => HandshakeRecord(Message(TlsHandshakeType.ServerHello, body));

    // The handshake message(s) inside a whole record such as TlsTestVectors.ClientHelloTls13.
    public static byte[] Fragment(byte[] record) => record[TlsRecordReader.HeaderLength..];

    public static byte[] ChangeCipherSpec() => Record(TlsContentType.ChangeCipherSpec, 0x01);

    // A plaintext alert: level (1 warning, 2 fatal), description.
    public static byte[] Alert(byte level, byte description) => Record(TlsContentType.Alert, level, description);

    // An encrypted record of the given fragment length (the bytes are filler; only the header is read).
    public static byte[] Opaque(TlsContentType type, int length) =>
        Record(type, [.. Enumerable.Range(0, length).Select(i => (byte)(0xA5 ^ i))]);

    public static byte[] ApplicationData(int length) => Opaque(TlsContentType.ApplicationData, length);

    // TLS 1.2 ClientKeyExchange with a 32-byte ECDHE public key (RFC 8422 section 5.7).
    public static byte[] ClientKeyExchange() =>
        HandshakeRecord(Message(TlsHandshakeType.ClientKeyExchange, [32, .. Enumerable.Repeat((byte)0x42, 32)]));

    // TLS 1.2 NewSessionTicket in clear: lifetime hint, a 16-byte ticket (RFC 5077 section 3.3).
    public static byte[] NewSessionTicket() =>
        HandshakeRecord(Message(TlsHandshakeType.NewSessionTicket, [0x00, 0x00, 0x1c, 0x20, 0x00, 0x10, .. new byte[16]]));

    // The records of a stream of whole records, such as TlsTestVectors.ServerFlightTls12.
    public static byte[][] Split(byte[] stream)
    {
        List<byte[]> records = [];
        ReadOnlySpan<byte> rest = stream;
        while (!rest.IsEmpty)
        {
            Assert.Equal(TlsParseStatus.Done, TlsRecordReader.TryReadRecord(rest, out _, out _, out int consumed, out _));
            records.Add(rest[..consumed].ToArray());
            rest = rest[consumed..];
        }

        return [.. records];
    }
}
