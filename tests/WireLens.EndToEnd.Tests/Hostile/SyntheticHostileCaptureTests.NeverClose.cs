using System.Text.Json;
using WireLens.Testing.Hostile;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>Connections that never close: idle flush by packet time, open at the end, and a table too small for them.</summary>
public sealed partial class SyntheticHostileCaptureTests
{
    [Theory]
    [InlineData(400, "Released: idle")]
    [InlineData(100, "Released: end_of_capture")]
    public void NeverClose_HundredThousandSilentConnections_FlushedIdleOrOpenAtEnd(int silenceSeconds, string released)
    {
        // Arrange: 100,000 connections do one request and response and go silent; after the silence (packet time)
        // 1,000 short closed connections follow. The default idle timeout is 300 s.
        string file = Path.Combine(_dir, "never-close.pcap");
        var options = new NeverCloseOptions { Connections = 100_000, SilenceNs = silenceSeconds * 1_000_000_000L };
        NeverCloseCapture.Write(file, options);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((NeverCloseCapture.PacketCount(options), 101_000L, 101_000L, 2_000L), (census.Records, census.Syns, census.SynAcks, census.Fins));
        Assert.InRange(census.LargestForwardStepNs, (silenceSeconds - 1) * 1_000_000_000L, silenceSeconds * 1_000_000_000L);

        // Act
        HostileRun run = HostileCli.Run(_dir, s_bigRun, "analyze", file);

        // Assert: the silent ones are released as still open (close unknown), by idle flush or at the end.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        Assert.Equal(101_000L, run.Report("Total"));
        Assert.Equal(100_000L, run.Report(released));
        Assert.Equal(1_000L, run.Report("Released: closed"));
        Assert.Equal(0L, run.Report("Released: evicted"));
        Assert.Equal(100_000L, run.Report("open"));
        Assert.Equal(100_000L, run.Report("time_wait_side none"));
        Assert.Equal(1_000L, run.Report("server_fin"));
        Assert.Equal(101_000L, run.Report("http/1.1"));
        AssertNoVerdicts(run);
        MemoryBound.AssertUnder(run, peakOpen: 101_000, connections: 101_000);
        File.Delete(file);
    }

    [Fact]
    public void NeverClose_TableBoundFiveThousand_EvictionsInJsonSummaryAndTextReport()
    {
        // Arrange: 20,000 silent connections, then (100 s later, before any idle flush) 1,000 closed ones.
        string file = Path.Combine(_dir, "never-close-bounded.pcap");
        string json = Path.Combine(_dir, "never-close.json");
        var options = new NeverCloseOptions { Connections = 20_000, SilenceNs = 100_000_000_000L };
        NeverCloseCapture.Write(file, options);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((21_000L, 2_000L), (census.Syns, census.Fins));

        // Act
        HostileRun run = HostileCli.Run(_dir, s_smallRun, "analyze", file, "--max-connections", "5000", "--json", json);

        // Assert: 15,000 silent ones are evicted while they arrive, 1,000 more by the closed ones (which linger until
        // the end, so each takes a place); 4,000 silent ones are still held at the end.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        Assert.Equal(16_000L, run.Report("Evicted (table full)"));
        Assert.Contains("16,000 - raise --max-connections", run.Result.StdOut, StringComparison.Ordinal);
        JsonElement summary = SummaryOf(json);
        Assert.Equal(21_000L, summary.GetProperty("connections").GetInt64());
        Assert.Equal(16_000L, summary.GetProperty("evicted_table_full").GetInt64());
        JsonElement flush = summary.GetProperty("flush_reason");
        Assert.Equal(
            (16_000L, 4_000L, 1_000L, 0L),
            (flush.GetProperty("evicted").GetInt64(), flush.GetProperty("end_of_capture").GetInt64(), flush.GetProperty("closed").GetInt64(), flush.GetProperty("idle").GetInt64()));
        Assert.Equal(20_000L, summary.GetProperty("close_kind").GetProperty("open").GetInt64());
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement[] connections = [.. doc.RootElement.GetProperty("connections").EnumerateArray()];
        Assert.Equal(21_000, connections.Length);
        Assert.Equal(Enumerable.Range(0, 21_000), connections.Select(c => c.GetProperty("stream").GetInt32()).Order());
        Assert.Equal(20_000, connections.Count(c => c.GetProperty("close_kind").GetString() == "open"));
        MemoryBound.AssertUnder(run, peakOpen: 5_000, connections: 21_000);
    }
}
