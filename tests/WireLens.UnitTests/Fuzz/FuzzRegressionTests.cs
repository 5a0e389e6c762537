using WireLens.Testing;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// Replays every input committed under tests/fuzz-regressions/&lt;target&gt;/ through its target's harness function, so
/// a crash or hang found by the smoke tests or a long campaign becomes a regression test by adding its bytes file.
/// Decoder inputs are named after their link type number: <c>decoder/&lt;linktype&gt;-&lt;what&gt;.bin</c>.
/// </summary>
public class FuzzRegressionTests
{
    private static string Root => Path.Combine(TestPaths.RepoRoot, "tests", "fuzz-regressions");

    [Fact]
    public void CommittedInputs_EveryTarget_ReplayWithoutException()
    {
        // Arrange
        string[] files = [.. Directory.GetFiles(Root, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

        // Act
        foreach (string file in files)
        {
            byte[] input = File.ReadAllBytes(file);
            string target = Path.GetFileName(Path.GetDirectoryName(file)!);
            string name = Path.GetFileNameWithoutExtension(file);
            switch (target)
            {
                case "capture":
                    CaptureFileReaderFuzzTests.ReadAll(input);
                    break;
                case "decoder":
                    PacketDecoderFuzzTests.DecodeOne((LinkType)ushort.Parse(name.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture), input);
                    break;
                case "tls":
                    for (int split = 1; split <= 64; split *= 2)
                    {
                        TlsParserFuzzTests.ParseAll(input, split);
                    }

                    break;
                case "http":
                    HttpAnalyzerFuzzTests.Feed(input, [1]);
                    HttpAnalyzerFuzzTests.Feed(input, [7, 300, 299]);
                    break;
                default:
                    Assert.Fail($"{file}: no target named {target}");
                    break;
            }
        }

        // Assert: reaching here without an exception is the test; make sure the folder was found at all.
        Assert.NotEmpty(files);
    }
}
