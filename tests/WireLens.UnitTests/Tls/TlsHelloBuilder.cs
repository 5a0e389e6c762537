using System.Buffers.Binary;
using System.Text;

namespace WireLens.UnitTests.Tls;

// Builds synthetic hello bodies for cases the real captures do not cover (PSK, GREASE, bad extension data).
internal static class TlsHelloBuilder
{
    public static byte[] Extension(ushort type, params byte[] data) =>
        [(byte)(type >> 8), (byte)type, (byte)(data.Length >> 8), (byte)data.Length, .. data];

    // legacy_version 0x0303, zero random, empty session id, the given suites, compression [null], extensions.
    public static byte[] ClientHello(ushort[] suites, params byte[][] extensions) => BuildClientHello(suites, [], extensions);

    // The same with a chosen legacy_session_id (its own name: an overload would capture ClientHello(ext1, ext2) calls).
    public static byte[] ClientHelloWithSessionId(byte[] sessionId, params byte[][] extensions) =>
        BuildClientHello([0x1301, 0xc02f], sessionId, extensions);

    private static byte[] BuildClientHello(ushort[] suites, byte[] sessionId, byte[][] extensions)
    {
        List<byte> body = [0x03, 0x03, .. new byte[32], (byte)sessionId.Length, .. sessionId];
        body.Add((byte)(suites.Length * 2 >> 8));
        body.Add((byte)(suites.Length * 2));
        foreach (ushort suite in suites)
        {
            body.Add((byte)(suite >> 8));
            body.Add((byte)suite);
        }

        body.AddRange([0x01, 0x00]);
        AddExtensions(body, extensions);
        return [.. body];
    }

    public static byte[] ClientHello(params byte[][] extensions) => ClientHello([0x1301], extensions);

    // legacy_version 0x0303, zero random, empty session id, TLS_AES_128_GCM_SHA256, null compression, extensions.
    public static byte[] ServerHello(params byte[][] extensions) => ServerHelloWithSessionId([], 0x1301, extensions);

    // legacy_version 0x0303, a random of 0x5A bytes (not the HelloRetryRequest one), the given session id echo and suite.
    public static byte[] ServerHelloWithSessionId(byte[] sessionId, ushort cipherSuite, params byte[][] extensions)
    {
        List<byte> body = [0x03, 0x03, .. Enumerable.Repeat((byte)0x5A, 32), (byte)sessionId.Length, .. sessionId];
        body.AddRange([(byte)(cipherSuite >> 8), (byte)cipherSuite, 0x00]);
        AddExtensions(body, extensions);
        return [.. body];
    }

    // server_name (0) with one host_name entry (RFC 6066 section 3).
    public static byte[] ServerName(string host)
    {
        byte[] name = Encoding.Latin1.GetBytes(host);
        return Extension(0, [.. Length16(name.Length + 3), 0x00, .. Length16(name.Length), .. name]);
    }

    // application_layer_protocol_negotiation (16): the client's list, or the server's single choice (RFC 7301).
    public static byte[] Alpn(params string[] protocols)
    {
        byte[] list = [.. protocols.SelectMany(p => (byte[])[(byte)p.Length, .. Encoding.Latin1.GetBytes(p)])];
        return Extension(16, [.. Length16(list.Length), .. list]);
    }

    // supported_versions (43), ClientHello form: a uint8-length list.
    public static byte[] SupportedVersions(params ushort[] versions) =>
        Extension(43, [(byte)(versions.Length * 2), .. versions.SelectMany(v => (byte[])[(byte)(v >> 8), (byte)v])]);

    // supported_versions (43), ServerHello form: selected_version.
    public static byte[] SelectedVersion(ushort version) => Extension(43, (byte)(version >> 8), (byte)version);

    // key_share (51), ClientHello form: one entry with a 32-byte key.
    public static byte[] ClientKeyShare(ushort group) =>
        Extension(51, [.. Length16(36), (byte)(group >> 8), (byte)group, .. Length16(32), .. new byte[32]]);

    // key_share (51), ServerHello form: server_share with a 32-byte key.
    public static byte[] ServerKeyShare(ushort group) =>
        Extension(51, [(byte)(group >> 8), (byte)group, .. Length16(32), .. new byte[32]]);

    // session_ticket (35) carrying a ticket (RFC 5077); empty data is the "I support tickets" form.
    public static byte[] SessionTicket(params byte[] ticket) => Extension(35, ticket);

    // psk_key_exchange_modes (45): psk_dhe_ke.
    public static byte[] PskKeyExchangeModes() => Extension(45, 0x01, 0x01);

    // pre_shared_key (41), ClientHello form: the given number of identities (2-byte identity, age), one 32-byte binder each.
    public static byte[] OfferedPsks(int identities)
    {
        byte[] ids = [.. Enumerable.Range(0, identities).SelectMany(i => (byte[])[0x00, 0x02, 0xAA, (byte)i, 0x00, 0x00, 0x00, 0x01])];
        byte[] binders = [.. Enumerable.Range(0, identities).SelectMany(_ => (byte[])[32, .. new byte[32]])];
        return Extension(41, [.. Length16(ids.Length), .. ids, .. Length16(binders.Length), .. binders]);
    }

    // pre_shared_key (41), ServerHello form: selected_identity.
    public static byte[] SelectedPsk(ushort identity) => Extension(41, (byte)(identity >> 8), (byte)identity);

    private static byte[] Length16(int length) => [(byte)(length >> 8), (byte)length];

    private static void AddExtensions(List<byte> body, byte[][] extensions)
    {
        byte[] block = [.. extensions.SelectMany(e => e)];
        byte[] length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)block.Length);
        body.AddRange(length);
        body.AddRange(block);
    }
}
