using System.Buffers.Binary;
using WireLens.Cli;
using WireLens.Cli.Commands;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Cli;

/// <summary>
/// Bad input gets a one-line error naming the problem and where it was found, never a stack trace; what was read
/// before the damage is still reported and exported; exit codes 1 (no results) and 2 (partial results).
/// </summary>
public sealed class AnalyzeBadInputTests
{
    [Fact]
    public void MissingFile_OneLineError_Exit1()
    {
        (int exit, string stdout, string stderr) = Run(Path.Combine(TestPaths.NewTempDirectory(), "nope.pcap"));

        Assert.Equal(ExitCodes.NoResults, exit);
        Assert.Equal(string.Empty, stdout);
        AssertOneLine(stderr, "nope.pcap");
    }

    [Fact]
    public void NotACapture_OneLineError_Exit1()
    {
        string file = Path.Combine(TestPaths.NewTempDirectory(), "page.html");
        File.WriteAllText(file, "<!DOCTYPE html><html></html>");

        (int exit, _, string stderr) = Run(file);

        Assert.Equal(ExitCodes.NoResults, exit);
        AssertOneLine(stderr, "not a capture");
    }

    [Fact]
    public void EmptyFile_OneLineError_Exit1()
    {
        string file = Path.Combine(TestPaths.NewTempDirectory(), "empty.pcap");
        File.WriteAllBytes(file, []);

        (int exit, _, string stderr) = Run(file);

        Assert.Equal(ExitCodes.NoResults, exit);
        AssertOneLine(stderr, "empty");
    }

    [Fact]
    public void CutMidRecord_PartialResultsKept_Exit2()
    {
        // Arrange: the sample curl loop with its last 10 bytes cut off.
        string file = Path.Combine(TestPaths.Captures, "damaged", "cut-mid-record.pcap");
        string csvDir = TestPaths.NewTempDirectory();
        long length = new FileInfo(file).Length;

        // Act
        (int exit, string stdout, string stderr) = Run(file, csvDir);

        // Assert: one line naming the record and byte offset; the ten connections before the cut are reported.
        Assert.Equal(ExitCodes.Damaged, exit);
        AssertOneLine(stderr, "file ends mid-record at byte");
        Assert.Contains($"{length}", stderr, StringComparison.Ordinal);
        Assert.Contains("Damage", stdout, StringComparison.Ordinal);
        string[] rows = File.ReadAllLines(Path.Combine(csvDir, "connections.csv"));
        Assert.Equal(1 + 10, rows.Length);
    }

    [Fact]
    public void RecordWithLyingLength_StopsThere_Exit2()
    {
        // Arrange: the sample curl loop with record 5's captured length set to 4 GB.
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.Captures, "curl-loop.pcap"));
        int offset = 24;
        for (int i = 1; i < 5; i++)
        {
            offset += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8));
        }

        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 8), 0xFFFF_FFF0);
        string file = Path.Combine(TestPaths.NewTempDirectory(), "lying.pcap");
        File.WriteAllBytes(file, bytes);

        // Act
        (int exit, string stdout, string stderr) = Run(file);

        // Assert
        Assert.Equal(ExitCodes.Damaged, exit);
        AssertOneLine(stderr, $"record 5 at byte {offset}");
        Assert.Contains("Packets read                  4", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFilter_OneLineError_Exit1()
    {
        (int exit, _, string stderr) = Run(Path.Combine(TestPaths.Captures, "curl-loop.pcap"), filter: "tcp port banana");

        Assert.Equal(ExitCodes.NoResults, exit);
        AssertOneLine(stderr, "invalid filter");
    }

    [Fact]
    public void Filter_SelectsFrames()
    {
        string csvDir = TestPaths.NewTempDirectory();
        (int exit, string stdout, _) = Run(Path.Combine(TestPaths.Captures, "mixed-linktypes.pcapng"), csvDir, "tcp[tcpflags] & tcp-syn != 0");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("TCP packets                   40", stdout, StringComparison.Ordinal);
    }

    private static (int Exit, string Stdout, string Stderr) Run(string file, string? csv = null, string? filter = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = AnalyzeCommand.Run(new AnalyzeArguments(file, csv, null, filter, 300), stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLine(string stderr, string expected)
    {
        string[] lines = stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, $"expected one line, got:\n{stderr}");
        Assert.StartsWith("wirelens: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
