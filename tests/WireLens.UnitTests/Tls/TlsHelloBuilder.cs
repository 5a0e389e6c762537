using System.Buffers.Binary;

namespace WireLens.UnitTests.Tls;

// Builds synthetic hello bodies for cases the real captures do not cover (PSK, GREASE, bad extension data).
internal static class TlsHelloBuilder
{
    public static byte[] Extension(ushort type, params byte[] data) =>
        [(byte)(type >> 8), (byte)type, (byte)(data.Length >> 8), (byte)data.Length, .. data];

    // legacy_version 0x0303, zero random, empty session id, the given suites, compression [null], extensions.
    public static byte[] ClientHello(ushort[] suites, params byte[][] extensions)
    {
        List<byte> body = [0x03, 0x03, .. new byte[32], 0x00];
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
    public static byte[] ServerHello(params byte[][] extensions)
    {
        List<byte> body = [0x03, 0x03, .. new byte[32], 0x00, 0x13, 0x01, 0x00];
        AddExtensions(body, extensions);
        return [.. body];
    }

    private static void AddExtensions(List<byte> body, byte[][] extensions)
    {
        byte[] block = [.. extensions.SelectMany(e => e)];
        byte[] length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)block.Length);
        body.AddRange(length);
        body.AddRange(block);
    }
}
