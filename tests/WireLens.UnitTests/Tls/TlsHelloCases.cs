using WireLens.Wire.Tls;

namespace WireLens.UnitTests.Tls;

// Shared theory data over the real hellos in TlsTestVectors.
internal static class TlsHelloCases
{
    // Record header (5) + handshake header (4) precede the hello body.
    public const int BodyOffset = TlsRecordReader.HeaderLength + TlsHandshakeAssembler.HeaderLength;

    public static readonly Dictionary<string, (byte[] Record, bool IsServer, (int Offset, int Size)[] LengthFields)> All = new()
    {
        [nameof(TlsTestVectors.ClientHelloTls13)] = (TlsTestVectors.ClientHelloTls13, false, TlsTestVectors.ClientHelloTls13LengthFields),
        [nameof(TlsTestVectors.ClientHelloTls12)] = (TlsTestVectors.ClientHelloTls12, false, TlsTestVectors.ClientHelloTls12LengthFields),
        [nameof(TlsTestVectors.ClientHelloAfterRetry)] = (TlsTestVectors.ClientHelloAfterRetry, false, TlsTestVectors.ClientHelloAfterRetryLengthFields),
        [nameof(TlsTestVectors.ServerHelloTls13)] = (TlsTestVectors.ServerHelloTls13, true, TlsTestVectors.ServerHelloTls13LengthFields),
        [nameof(TlsTestVectors.ServerHelloTls12)] = (TlsTestVectors.ServerHelloTls12, true, TlsTestVectors.ServerHelloTls12LengthFields),
        [nameof(TlsTestVectors.HelloRetryRequest)] = (TlsTestVectors.HelloRetryRequest, true, TlsTestVectors.HelloRetryRequestLengthFields),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    // Every prefix of every hello record, as (name, prefix length).
    public static TheoryData<string, int> RecordPrefixes
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach ((string name, (byte[] record, _, _)) in All)
            {
                for (int length = 0; length < record.Length; length++)
                {
                    data.Add(name, length);
                }
            }

            return data;
        }
    }

    // Every length field of every hello body, as (name, offset in body, size in bytes).
    public static TheoryData<string, int, int> LengthFields
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach ((string name, (_, _, (int Offset, int Size)[] fields)) in All)
            {
                foreach ((int offset, int size) in fields)
                {
                    data.Add(name, offset, size);
                }
            }

            return data;
        }
    }

    public static byte[] Body(byte[] record) => record[BodyOffset..];

    public static TlsParseStatus Parse(bool isServer, ReadOnlySpan<byte> body, out object? info, out TlsMalformedReason reason)
    {
        TlsParseStatus status;
        if (isServer)
        {
            status = TlsHelloParser.TryParseServerHello(body, out ServerHelloInfo? server, out reason);
            info = server;
        }
        else
        {
            status = TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? client, out reason);
            info = client;
        }

        return status;
    }
}
