using CsCheck;
using WireLens.Analysis.Tls;
using WireLens.Wire;
using WireLens.Wire.Tls;
using WireLens.Wire.Tls.Fingerprints;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// TLS record reader, handshake assembler, hello parsers and fingerprints on random and mutated real hello flights
/// (from the captures, ClientHello and ServerHello), plus the connection analyzer fed the same bytes split at random
/// points: statuses only, never an exception.
/// </summary>
public class TlsParserFuzzTests
{
    private const ulong Seed = 0x5EED_0003;
    private const int MinInputs = 150_000;

    [Fact]
    public void RecordsHandshakesAndHellos_RandomAndMutatedFlights_NeverThrow()
    {
        // Arrange
        Assert.True(FuzzSeeds.TlsRecords.Count >= 10, $"only {FuzzSeeds.TlsRecords.Count} TLS seed payloads");
        Gen<(byte[], int)> gen = Mutator.From(FuzzSeeds.TlsRecords).Select(Gen.Int[1, 64], (b, split) => (b, split));

        // Act
        int hellos = 0;
        int executed = FuzzHarness.Run(Seed, MinInputs, gen, t => hellos += ParseAll(t.Item1, t.Item2), t => $"split {t.Item2} {FuzzHarness.Hex(t.Item1)}");

        // Assert
        Assert.True(hellos > MinInputs / 10, $"only {hellos} hellos parsed: the inputs do not reach the hello parsers");
        Assert.True(executed >= MinInputs, $"executed {executed} inputs, fewer than the stated minimum {MinInputs}");
    }

    internal static int ParseAll(byte[] data, int split)
    {
        // Records → handshake messages → hellos, as the analyzer chains them.
        int hellos = 0;
        var assembler = new TlsHandshakeAssembler();
        ReadOnlySpan<byte> rest = data;
        while (TlsRecordReader.TryReadRecord(rest, out TlsRecordHeader header, out ReadOnlySpan<byte> fragment, out int consumed, out _) == TlsParseStatus.Done)
        {
            Assert.InRange(consumed, TlsRecordReader.HeaderLength, rest.Length);
            rest = rest[consumed..];
            if (header.ContentType == TlsContentType.Handshake)
            {
                assembler.AddRecordPayload(fragment);
                while (assembler.TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out _) == TlsParseStatus.Done)
                {
                    hellos += ParseHello(type, body);
                }
            }
        }

        // The hello parsers straight on the bytes after a record and handshake header, whatever those said.
        if (data.Length > 9)
        {
            ParseHello(TlsHandshakeType.ClientHello, data.AsSpan(9));
            ParseHello(TlsHandshakeType.ServerHello, data.AsSpan(9));
        }

        // The connection analyzer, one flight sent by each side, cut into pieces of `split` bytes.
        var analyzer = new TlsConnectionAnalyzer();
        var time = new Timestamp(1_700_000_000_000_000_000);
        for (int i = 0; i < data.Length; i += split)
        {
            ReadOnlySpan<byte> piece = data.AsSpan(i, Math.Min(split, data.Length - i));
            analyzer.OnClientData(piece, time);
            analyzer.OnServerData(piece, time);
            if (i % 7 == 3)
            {
                analyzer.OnServerGap();
            }
        }

        _ = analyzer.IsTls;
        return hellos;
    }

    // Returns 1 for a hello that parsed.
    private static int ParseHello(TlsHandshakeType type, ReadOnlySpan<byte> body)
    {
        if (type == TlsHandshakeType.ClientHello)
        {
            if (TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? hello, out _) == TlsParseStatus.Done)
            {
                ClientHelloFingerprintInput input = ClientHelloFingerprintInput.FromClientHello(hello!);
                _ = Ja3.Compute(input);
                _ = Ja4.Compute(input) + Ja4.ComputeRaw(input) + Ja4.ComputeOriginal(input) + Ja4.ComputeRawOriginal(input);
                return 1;
            }
        }
        else if (type == TlsHandshakeType.ServerHello)
        {
            return TlsHelloParser.TryParseServerHello(body, out _, out _) == TlsParseStatus.Done ? 1 : 0;
        }

        return 0;
    }
}
