using System.Globalization;
using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;
using WireLens.Testing.Hostile;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>Sequence numbers across 2^32 and a capture clock that steps back and forth, each checked against tshark.</summary>
public sealed partial class SyntheticHostileCaptureTests
{
    [Fact]
    public void SequenceWrap_StreamsCrossTwoToThe32_NoVerdictsAndAgreesWithTshark()
    {
        // Arrange: 1,000 connections whose ISNs sit within 80 (client) and 2,900 (server) bytes below 2^32, so the
        // request and the three-segment response cross the wrap.
        Require.Tool("tshark", "tshark");
        string file = Path.Combine(_dir, "wrap.pcap");
        string json = Path.Combine(_dir, "wrap.json");
        WrapCapture.Write(file, 1_000);
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((1_000L, 1_000L), (census.Syns, census.SynAcks));
        Assert.InRange(census.MaxIsnDistanceToWrap, 1, WrapCapture.MaxServerDistance);

        // Act
        HostileRun run = HostileCli.Run(_dir, s_smallRun, "analyze", file, "--json", json);
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(file);
        IReadOnlyDictionary<long, OracleConnection> oracle = TsharkConnectionOracle.Read(file, new TsharkOptions { HttpPorts = [80] });

        // Assert: no retransmission, out-of-order or lost verdict; bytes and requests as sent; tshark agrees on all.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        JsonElement summary = SummaryOf(json);
        JsonElement verdicts = summary.GetProperty("segment_verdicts");
        foreach (string name in new[] { "retransmissions", "fast_retransmissions", "spurious_retransmissions", "out_of_order", "lost_segments", "acked_unseen" })
        {
            Assert.True(verdicts.GetProperty(name).GetInt64() == 0, $"{name}: {verdicts.GetProperty(name)}");
        }

        Assert.Equal(1_000L, summary.GetProperty("close_kind").GetProperty("server_fin").GetInt64());
        int responseLength = ShortHttpConnection.Response(WrapCapture.BodyLength).Length;
        Assert.Equal(1_000, records.Count);
        Assert.All(records, r => Assert.Equal(
            ((int?)1, (long)ShortHttpConnection.Request.Length, (long)responseLength, 0, 0, 0),
            (r.HttpRequests, r.ClientBytes, r.ServerBytes, r.Retransmissions, r.OutOfOrder, r.LostSegments)));
        Assert.Equal(1_000, oracle.Count);
        ConnectionComparison.AssertAgree(records, oracle);
    }

    [Fact]
    public void ClockSteps_BackAndForth_StreamsAsTsharkAndNoNegativeTimes()
    {
        // Arrange: 2,000 churn connections on 200 client ports (each 4-tuple reused ten times); every 500th
        // connection the clock steps back 50 ms (inside a handshake or an exchange too), at a quarter it jumps a
        // day ahead for 100 connections, at the half it steps back an hour.
        Require.Tool("tshark", "tshark");
        string file = Path.Combine(_dir, "clock-steps.pcap");
        string json = Path.Combine(_dir, "clock-steps.json");
        string csvDir = Path.Combine(_dir, "csv");
        ChurnCapture.Write(file, new ChurnOptions { Packets = 20_000, ClientPorts = 200, ClockSteps = ClockSteps.Hostile(2_000) });
        CaptureCensus census = CaptureCensus.Read(file);
        Assert.Equal((2_000L, 200L), (census.Syns, census.DistinctSynTuples));
        Assert.Equal(ClockSteps.BackwardSteps(2_000), census.BackwardSteps);
        long almostADay = ClockSteps.ForwardNs - 1_000_000_000;
        Assert.True(census.LargestBackwardStepNs >= almostADay && census.LargestForwardStepNs >= almostADay, $"{census.LargestBackwardStepNs}, {census.LargestForwardStepNs}");

        // Act
        HostileRun run = HostileCli.Run(_dir, s_smallRun, "analyze", file, "--json", json, "--csv", csvDir);
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(file);
        IReadOnlyDictionary<long, OracleConnection> oracle = TsharkConnectionOracle.Read(file, new TsharkOptions { HttpPorts = [80] });

        // Assert: every connection found and closed (none flushed as idle by the day-long jump), numbered as tshark
        // numbers them, with its packets, bytes and request; no duration or latency below zero anywhere.
        Assert.Equal(0, run.Result.ExitCode);
        HostileCli.AssertNoCrash(run);
        JsonElement summary = SummaryOf(json);
        Assert.Equal(2_000L, summary.GetProperty("connections").GetInt64());
        Assert.Equal(2_000L, summary.GetProperty("close_kind").GetProperty("server_fin").GetInt64());
        Assert.Equal(0L, summary.GetProperty("flush_reason").GetProperty("idle").GetInt64());
        Assert.Equal(2_000, oracle.Count);
        Assert.Equal(oracle.Keys.Order(), records.Select(r => r.Stream));
        // tshark's first_time is a stream's earliest packet, WireLens's its first one; its initial RTT may be negative.
        List<string> mismatches = [.. ConnectionComparison.Compare(records, oracle)
            .Where(m => !m.Contains("first_time", StringComparison.Ordinal) && !m.Contains("initial_rtt", StringComparison.Ordinal))];
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
        Assert.All(records, r => Assert.Equal(((int?)1, 5L, 5L), (r.HttpRequests, r.ClientPackets, r.ServerPackets)));
        Assert.DoesNotMatch(@"Time span +-", run.Result.StdOut);
        AssertNoNegativeNumbers(json, csvDir);
    }

    /// <summary>No number in the JSON report or in connections.csv's duration and latency columns is negative.</summary>
    private static void AssertNoNegativeNumbers(string json, string csvDir)
    {
        var negative = new List<string>();
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json)))
        {
            Walk(doc.RootElement, "$", negative);
        }

        string csv = Path.Combine(csvDir, "connections.csv");
        string[] columns = ["stream", "duration_ms", "syn_to_synack_ms", "initial_rtt_ms"];
        foreach (string[] row in CsvColumns(csv, columns))
        {
            negative.AddRange(Enumerable.Range(1, columns.Length - 1)
                .Where(i => row[i].Length > 0 && double.Parse(row[i], CultureInfo.InvariantCulture) < 0)
                .Select(i => $"connections.csv stream {row[0]} {columns[i]}={row[i]}"));
        }

        Assert.Empty(negative);
    }

    private static void Walk(JsonElement e, string path, List<string> negative)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    Walk(p.Value, path + "." + p.Name, negative);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in e.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", negative);
                }

                break;
            case JsonValueKind.Number when e.GetDouble() < 0:
                negative.Add($"{path}={e.GetRawText()}");
                break;
        }
    }
}
