using System.Globalization;
using System.Text.Json;
using CsvHelper;
using WireLens.Testing;
using WireLens.Testing.Hostile;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// Synthetic hostile captures (tests/WireLens.Testing/Hostile) through the real CLI as a child process: a SYN flood,
/// churn of short connections, connections that never close, sequence numbers across the wrap, a capture clock that
/// steps back and forth, zero-length and oversized records. Each test first shows from the file itself that it holds
/// what it is for, then asserts the exit code, that no exception reached the user, the counts, the evictions and the
/// child's peak RSS against <see cref="MemoryBound"/>. Big files are deleted when the test ends.
/// </summary>
public sealed partial class SyntheticHostileCaptureTests : IDisposable
{
    private static readonly TimeSpan s_bigRun = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_smallRun = TimeSpan.FromMinutes(2);

    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-hostile");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SynFlood_MillionUnansweredSyns_AllHeldOpenAndReportedOpen()
    {
        // Arrange: 1,000,000 SYNs from distinct random 4-tuples, no SYN/ACK, no other packet.
        string file = Path.Combine(_dir, "syn-flood.pcap");
        SynFlood.WritePcap(file, 1_000_000, seed: 42);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((1_000_000L, 1_000_000L, 0L, 1_000_000L), (census.Records, census.Syns, census.SynAcks, census.DistinctSynTuples));

        // Act: the default bound (1,000,000) holds every one of them.
        HostileRun run = HostileCli.Run(_dir, s_bigRun, "analyze", file);

        // Assert
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        Assert.Equal(1_000_000L, run.Report("Total"));
        Assert.Equal(1_000_000L, run.Report("Released: end_of_capture"));
        Assert.Equal(0L, run.Report("Released: evicted"));
        Assert.Equal(0L, run.Report("Completed"));
        Assert.Equal(1_000_000L, run.Report("open"));
        Assert.DoesNotContain("Evicted (table full)", run.Result.StdOut, StringComparison.Ordinal);
        MemoryBound.AssertUnder(run, peakOpen: 1_000_000, connections: 1_000_000);
        File.Delete(file);
    }

    [Fact]
    public void SynFlood_MillionSynsBoundHundredThousand_EvictsNineHundredThousandUnderTheSmallerBound()
    {
        // Arrange
        string file = Path.Combine(_dir, "syn-flood.pcap");
        SynFlood.WritePcap(file, 1_000_000, seed: 7);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((1_000_000L, 0L, 1_000_000L), (census.Syns, census.SynAcks, census.DistinctSynTuples));

        // Act (no --json: a million rows; the never-close tests read evicted_table_full from the JSON summary)
        HostileRun run = HostileCli.Run(_dir, s_bigRun, "analyze", file, "--max-connections", "100000");

        // Assert: every SYN is a connection; all but the last 100,000 were evicted, and the report says so.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        Assert.Equal(1_000_000L, run.Report("Total"));
        Assert.Equal(900_000L, run.Report("Evicted (table full)"));
        Assert.Contains("900,000 - raise --max-connections", run.Result.StdOut, StringComparison.Ordinal);
        Assert.Equal(900_000L, run.Report("Released: evicted"));
        Assert.Equal(100_000L, run.Report("Released: end_of_capture"));
        Assert.Equal(1_000_000L, run.Report("open"));
        MemoryBound.AssertUnder(run, peakOpen: 100_000, connections: 1_000_000);
        Assert.True(MemoryBound.For(100_000, 1_000_000) < MemoryBound.For(1_000_000, 1_000_000) / 3, "the bound follows --max-connections");
        File.Delete(file);
    }

    [Fact]
    public void Churn_TenMillionPackets_MillionConnectionsClosedByTheServer_MemoryFollowsTheConnectionsHeld()
    {
        // Arrange: 1,000,000 connections of 10 packets, 10,000 a second, client ports 32768-60999 reused with fresh ISNs.
        string big = Path.Combine(_dir, "churn-10m.pcap");
        string small = Path.Combine(_dir, "churn-1m.pcap");
        ChurnCapture.Write(big, new ChurnOptions { Packets = 10_000_000 });
        ChurnCapture.Write(small, new ChurnOptions { Packets = 1_000_000 });
        CaptureCensus census = CaptureCensus.Read(big);
        Assert.Equal((10_000_000L, 1_000_000L, 1_000_000L, 2_000_000L, 2_000_000L), (census.Records, census.Syns, census.SynAcks, census.Fins, census.DataSegments));
        Assert.Equal(28_232L, census.DistinctSynTuples);
        Assert.Equal(0L, census.BackwardSteps);

        // Act
        HostileRun smallRun = HostileCli.Run(_dir, s_bigRun, "analyze", small);
        HostileRun run = HostileCli.Run(_dir, s_bigRun, "analyze", big);

        // Assert: one stream per SYN, each closed by the server's FIN, one request each, no verdict, no eviction.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        Assert.Equal(1_000_000L, run.Report("Total"));
        Assert.Equal(1_000_000L, run.Report("Released: closed"));
        Assert.Equal(1_000_000L, run.Report("Completed"));
        Assert.Equal(1_000_000L, run.Report("server_fin"));
        Assert.Equal(1_000_000L, run.Report("time_wait_side server"));
        Assert.Equal(1_000_000L, run.Report("http/1.1"));
        Assert.Contains("Requests per connection       mean 1.000  p50 1  max 1  (n=1,000,000)", run.Result.StdOut, StringComparison.Ordinal);
        AssertNoVerdicts(run);
        Assert.DoesNotContain("Evicted (table full)", run.Result.StdOut, StringComparison.Ordinal);
        Assert.Equal(100_000L, smallRun.Report("Total"));

        // Closed connections linger 2 s of packet time: 20,000 at 10,000 a second are held at once, whatever the length.
        MemoryBound.AssertUnder(smallRun, peakOpen: 20_001, connections: 100_000);
        MemoryBound.AssertUnder(run, peakOpen: 20_001, connections: 1_000_000);
        Assert.True(run.PeakRssBytes < 5 * smallRun.PeakRssBytes, $"10M: {run.PeakRssMegabytes:F0} MB, 1M: {smallRun.PeakRssMegabytes:F0} MB");
        // Throughput (no quadratic path) is measured by bench/hostile.sh, not timed here.

        File.Delete(big);
        File.Delete(small);
    }

    [Theory]
    [InlineData(FirstCloser.Server, "server_fin", "server")]
    [InlineData(FirstCloser.Client, "client_fin", "client")]
    public void Churn_MillionPackets_EveryConnectionAsGenerated(FirstCloser closer, string closeKind, string timeWaitSide)
    {
        // Arrange
        string file = Path.Combine(_dir, "churn.pcap");
        string csvDir = Path.Combine(_dir, "csv");
        ChurnCapture.Write(file, new ChurnOptions { Packets = 1_000_000, Closer = closer });
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((100_000L, 100_000L, 200_000L, 28_232L), (census.Syns, census.SynAcks, census.Fins, census.DistinctSynTuples));

        // Act
        HostileRun run = HostileCli.Run(_dir, s_bigRun, "analyze", file, "--csv", csvDir);

        // Assert: row i is connection i, on port 32768 + i mod 28,232, exactly as generated.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        AssertNoVerdicts(run);
        int rows = 0;
        string[] columns = ["stream", "client_port", "http_requests", "close_kind", "time_wait_side", "client_packets", "server_packets", "retransmissions", "out_of_order", "client_bytes"];
        foreach (string[] row in CsvColumns(Path.Combine(csvDir, "connections.csv"), columns))
        {
            string[] expected =
            [
                rows.ToString(CultureInfo.InvariantCulture), (32768 + (rows % 28_232)).ToString(CultureInfo.InvariantCulture),
                "1", closeKind, timeWaitSide, "5", "5", "0", "0", ShortHttpConnection.Request.Length.ToString(CultureInfo.InvariantCulture),
            ];
            Assert.Equal(expected, row);
            rows++;
        }

        Assert.Equal(100_000, rows);
        MemoryBound.AssertUnder(run, peakOpen: 20_001, connections: 100_000);
        File.Delete(file);
    }

    private static void AssertNoVerdicts(HostileRun run)
    {
        foreach (string verdict in new[] { "retransmissions", "fast_retransmissions", "spurious_retransmissions", "out_of_order", "lost_segments", "acked_unseen", "duplicate_acks" })
        {
            Assert.True(run.Report(verdict) == 0, $"{verdict}: {run.Report(verdict)}");
        }

        Assert.Equal(0L, run.Report("Connections with any"));
    }

    /// <summary>The cells of <paramref name="columns"/>, row by row, streamed from a CSV file that analyze wrote.</summary>
    private static IEnumerable<string[]> CsvColumns(string path, string[] columns)
    {
        using CsvReader csv = CsvReader.FromFile(path, null, FileOptions.None);
        int[]? index = null;
        while (csv.Read())
        {
            index ??= [.. columns.Select(c => csv.Headers.ToList().IndexOf(c))];
            Assert.DoesNotContain(-1, index);
            yield return [.. index.Select(csv.GetString)];
        }
    }

    /// <summary>The JSON report's summary, read from the file's first megabyte (it comes before the connections).</summary>
    private static JsonElement SummaryOf(string jsonFile)
    {
        byte[] head = new byte[1 << 20];
        int n;
        using (FileStream stream = File.OpenRead(jsonFile))
        {
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var reader = new Utf8JsonReader(head.AsSpan(0, n), isFinalBlock: n < head.Length, default);
        Assert.True(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        Assert.True(reader.Read() && reader.GetString() == "summary");
        Assert.True(reader.Read());
        using JsonDocument summary = JsonDocument.ParseValue(ref reader);
        return summary.RootElement.Clone();
    }
}
