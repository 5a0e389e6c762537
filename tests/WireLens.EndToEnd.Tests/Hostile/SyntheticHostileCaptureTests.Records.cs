using System.Text.Json;
using WireLens.Cli;
using WireLens.Testing.Hostile;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>Zero-length records are counted and passed over; an oversized one stops reading with partial results kept.</summary>
public sealed partial class SyntheticHostileCaptureTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ZeroLengthRecords_AmongValidOnes_CountedAndAnalysisGoesOn(bool pcapNg)
    {
        // Arrange: 20 closed connections (200 packets) and 8 records without a captured byte (original length 0 or 60).
        string file = Path.Combine(_dir, pcapNg ? "zero-length.pcapng" : "zero-length.pcap");
        string json = Path.Combine(_dir, "zero-length.json");
        int zero = OddRecordCaptures.WriteZeroLength(file, pcapNg);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((8, 8L, 208L, 20L), (zero, census.ZeroLength, census.Records, census.Syns));
        Assert.Null(census.StoppedAt);

        // Act
        HostileRun run = HostileCli.Run(_dir, s_smallRun, "analyze", file, "--json", json);

        // Assert: read and counted as truncated packets (no byte of a header), the connections unharmed.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        Assert.Equal(string.Empty, run.Result.StdErr);
        JsonElement summary = SummaryOf(json);
        JsonElement capture = summary.GetProperty("capture");
        Assert.Equal(pcapNg ? "pcapng" : "pcap", capture.GetProperty("format").GetString());
        Assert.Equal((208L, 200L), (capture.GetProperty("packets_read").GetInt64(), capture.GetProperty("tcp_packets").GetInt64()));
        Assert.Equal(
            (8L, 0L, 0L),
            (capture.GetProperty("truncated_packets").GetInt64(), capture.GetProperty("non_tcp_packets").GetInt64(), capture.GetProperty("malformed_packets").GetInt64()));
        Assert.Equal(0, capture.GetProperty("damage").GetArrayLength());
        Assert.Equal((20L, 20L), (summary.GetProperty("connections").GetInt64(), summary.GetProperty("close_kind").GetProperty("server_fin").GetInt64()));
    }

    [Fact]
    public void OversizedRecord_StopsThereWithOneLineError_Exit2_ResultsKept()
    {
        // Arrange: 20 connections, then a record 1 byte longer than the reader accepts, then 10 more connections.
        string file = Path.Combine(_dir, "oversized.pcap");
        string json = Path.Combine(_dir, "oversized.json");
        string csvDir = Path.Combine(_dir, "csv");
        OversizedRecord oversized = OddRecordCaptures.WriteOversized(file);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((200L, 20L), (census.Records, census.Syns));
        Assert.NotNull(census.StoppedAt);
        Assert.Equal(201L, oversized.Record);

        // Act
        HostileRun run = HostileCli.Run(_dir, s_smallRun, "analyze", file, "--json", json, "--csv", csvDir);

        // Assert: exit 2, one error line naming the record and its byte offset; what was read is reported and exported.
        Assert.Equal(ExitCodes.Damaged, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        string[] lines = run.Result.StdErr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, run.Result.StdErr);
        Assert.StartsWith("wirelens: ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"record {oversized.Record} at byte {oversized.Offset}", lines[0], StringComparison.Ordinal);
        Assert.Contains("exceeds the maximum", lines[0], StringComparison.Ordinal);
        JsonElement summary = SummaryOf(json);
        Assert.Equal(200L, summary.GetProperty("capture").GetProperty("packets_read").GetInt64());
        Assert.Equal(1, summary.GetProperty("capture").GetProperty("damage").GetArrayLength());
        Assert.Equal(20L, summary.GetProperty("connections").GetInt64());
        Assert.Equal(1 + 20, File.ReadAllLines(Path.Combine(csvDir, "connections.csv")).Length);
    }
}
