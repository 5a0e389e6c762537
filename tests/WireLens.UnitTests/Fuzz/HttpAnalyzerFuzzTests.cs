using CsCheck;
using WireLens.Analysis.Http;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// HTTP/1.x and h2c request/response counting on random and mutated request streams (from the captures and
/// hand-made), split at random points, with gaps: the analyzer reports errors and loss, never throws.
/// </summary>
public class HttpAnalyzerFuzzTests
{
    private const ulong Seed = 0x5EED_0004;
    private const int MinInputs = 400_000;

    [Fact]
    public void OnClientAndServerData_RandomAndMutatedStreams_RandomSplits_NeverThrow()
    {
        // Arrange
        Assert.True(FuzzSeeds.HttpStreams.Count >= 10, $"only {FuzzSeeds.HttpStreams.Count} HTTP seed streams");
        Gen<(byte[], int[])> gen = Mutator.From(FuzzSeeds.HttpStreams).Select(Gen.Int[1, 300].Array[1, 8], (b, splits) => (b, splits));

        // Act
        long requests = 0;
        int executed = FuzzHarness.Run(Seed, MinInputs, gen, t => requests += Feed(t.Item1, t.Item2), t => $"splits {string.Join(',', t.Item2)} {FuzzHarness.Hex(t.Item1)}");

        // Assert
        Assert.True(requests > MinInputs / 4, $"only {requests} requests counted: the inputs do not reach the parsers");
        Assert.True(executed >= MinInputs, $"executed {executed} inputs, fewer than the stated minimum {MinInputs}");
    }

    internal static int Feed(byte[] data, int[] splits)
    {
        var analyzer = new HttpConnectionAnalyzer();
        int at = 0;
        for (int i = 0; at < data.Length; i++)
        {
            int length = Math.Min(splits[i % splits.Length], data.Length - at);
            ReadOnlySpan<byte> piece = data.AsSpan(at, length);
            analyzer.OnClientData(piece);
            analyzer.OnServerData(piece);
            if (splits[i % splits.Length] == 299)
            {
                analyzer.OnClientGap();
            }

            at += length;
        }

        Assert.True(analyzer.Requests >= 0, $"requests {analyzer.Requests}");
        _ = analyzer.Protocol.ToString() + analyzer.FirstHost + analyzer.FirstUserAgent + analyzer.ClientError + analyzer.ServerError;
        return analyzer.Requests;
    }
}
