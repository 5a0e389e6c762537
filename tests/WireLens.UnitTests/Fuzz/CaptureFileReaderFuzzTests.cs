using CsCheck;
using WireLens.Capture.Files;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// The capture-file reader on random bytes and on mutated real files (pcap, pcapng, gzip): opening and reading to the
/// end must return statuses, never throw, and never loop without consuming input.
/// </summary>
public class CaptureFileReaderFuzzTests
{
    private const ulong Seed = 0x5EED_0001;
    private const int MinInputs = 8_000;

    // Every record consumes at least its 16-byte (pcap) or 12-byte (pcapng) header; gzip can expand, so allow plenty.
    private const int MaxRecordsPerInput = 200_000;

    [Fact]
    public void TryOpenAndReadNext_RandomAndMutatedFiles_NeverThrow()
    {
        // Arrange
        Gen<byte[]> gen = Mutator.From(FuzzSeeds.CaptureFiles, maxRandomLength: 256);

        // Act
        long packets = 0;
        int executed = FuzzHarness.Run(Seed, MinInputs, gen, b => packets += ReadAll(b), FuzzHarness.Hex);

        // Assert
        Assert.True(packets > MinInputs, $"only {packets} packets read: the mutations do not get past the file headers");
        Assert.True(executed >= MinInputs, $"executed {executed} inputs, fewer than the stated minimum {MinInputs}");
    }

    internal static int ReadAll(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        if (CaptureFileReader.TryOpen(stream, "fuzz", out CaptureFileReader? reader, out _) != CaptureOpenStatus.Opened)
        {
            return 0;
        }

        int records;
        using (reader)
        {
            for (records = 0; ; records++)
            {
                if (records > MaxRecordsPerInput)
                {
                    throw new FuzzFindingException($"more than {MaxRecordsPerInput} records from {file.Length} bytes: the reader does not advance");
                }

                CaptureReadStatus status = reader!.ReadNext(out CaptureRecord record);
                if (status != CaptureReadStatus.Packet)
                {
                    break;
                }

                _ = record.Data.Length + (int)record.LinkType;
            }

            Assert.Equal(reader.ReadNext(out _), reader.ReadNext(out _));
        }

        return records;
    }
}
