using System.Globalization;
using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Cli;
using WireLens.Cli.Pipeline;
using WireLens.EndToEnd.Tests.Live;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// A real pcap and a real pcapng cut at every record or block boundary and at three points inside every fifth unit,
/// analysed whole by the offline pipeline: never an exception; as many frames as whole packet records in the prefix;
/// no damage at a boundary, one fatal Truncated damage naming the unit's byte offset inside one; and a cut inside a
/// unit gives exactly the connections of the cut at its start. Five cut points per file are compared with tshark, and
/// the real CLI is run as a child process on two cut files. (Reader-level prefixes: tests/WireLens.UnitTests/Capture.)
/// </summary>
public sealed class RealTruncationTests
{
    public static TheoryData<string> Samples() => ["curl-loop.pcap", "mixed-linktypes.pcapng"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void EveryCut_NoException_WholeRecordsAnalysed_DamageNamesTheOffset(string sample)
    {
        // Arrange
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.Captures, sample));
        List<CaptureUnit> units = CaptureLayout.Units(bytes);
        Assert.True(units.Count(u => u.IsPacket) >= 100, $"{sample}: {units.Count(u => u.IsPacket)} packets");
        var boundaryRecords = new Dictionary<long, List<ConnectionRecord>>();

        foreach ((long cut, CaptureUnit? inside) in CutPoints(units))
        {
            // Act
            (CaptureOpenStatus status, List<ConnectionRecord> records, CaptureAnalysisResult? result) = AnalyzePrefix(bytes, cut);

            // Assert
            string at = $"{sample} cut at byte {cut}";
            if (status != CaptureOpenStatus.Opened)
            {
                // Only a cut inside the pcap file header keeps the file from opening (a pcapng opens on 12 bytes).
                Assert.True(inside == units[0] && status == CaptureOpenStatus.Damaged, $"{at}: {status}");
                continue;
            }

            Assert.NotNull(result);
            int wholePackets = units.Count(u => u.IsPacket && u.End <= cut);
            Assert.True(result.Packets.Packets == wholePackets, $"{at}: {result.Packets.Packets} frames analysed, {wholePackets} whole records");
            Assert.Equal(records.Sum(r => (long)r.ClientPackets + r.ServerPackets), result.Packets.Tcp);
            if (inside is not { } unit)
            {
                Assert.True(result.Damage.Count == 0, $"{at}: {string.Join("; ", result.Damage)}");
                Assert.False(result.Stopped, at);
                boundaryRecords[cut] = records;
                continue;
            }

            CaptureDamage damage = Assert.Single(result.Damage);
            Assert.True(damage.Kind == CaptureDamageKind.Truncated && damage.IsFatal && result.Stopped, $"{at}: {damage}");
            Assert.Equal(unit.Offset, damage.ByteOffset);
            Assert.Equal(wholePackets + 1, damage.RecordNumber);
            Assert.Contains($"byte {unit.Offset.ToString(CultureInfo.InvariantCulture)}", damage.Message, StringComparison.Ordinal);
            Assert.Equal(boundaryRecords.GetValueOrDefault(unit.Offset, []).Select(Flat), records.Select(Flat));
        }

        Assert.Equal(units.Count, boundaryRecords.Count);
        Assert.Equal(units.Count(u => u.IsPacket), boundaryRecords[bytes.Length].Sum(r => r.ClientPackets + r.ServerPackets));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampledCuts_EveryConnectionAgreesWithTsharkOnTheSamePrefix(string sample)
    {
        // Arrange: three boundaries and two points inside a packet unit, spread over the file. tshark reads a file cut
        // inside a record but exits 2 ("cut short in the middle of a packet"), so for those its view of the prefix
        // ending at the unit's start (the same whole records) is the oracle.
        Require.Tool("tshark", "tshark");
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.Captures, sample));
        List<CaptureUnit> packets = [.. CaptureLayout.Units(bytes).Where(u => u.IsPacket)];
        string dir = TestPaths.NewTempDirectory("wl-cut");
        var cuts = new List<(long Cut, long OracleCut)>
        {
            (packets[packets.Count / 6].End, packets[packets.Count / 6].End),
            (packets[packets.Count / 3].Offset + 7, packets[packets.Count / 3].Offset),
            (packets[packets.Count / 2].End, packets[packets.Count / 2].End),
            (packets[2 * packets.Count / 3].End - 3, packets[2 * packets.Count / 3].Offset),
            (packets[(5 * packets.Count / 6) + 1].End, packets[(5 * packets.Count / 6) + 1].End),
        };

        foreach ((long cut, long oracleCut) in cuts)
        {
            string prefix = Path.Combine(dir, $"prefix-{oracleCut}{Path.GetExtension(sample)}");
            File.WriteAllBytes(prefix, bytes[..(int)oracleCut]);
            IReadOnlyDictionary<long, OracleConnection> oracle = TsharkConnectionOracle.Read(prefix, new TsharkOptions { HttpPorts = [18480] });
            Assert.NotEmpty(oracle);

            // Act
            (CaptureOpenStatus status, List<ConnectionRecord> records, _) = AnalyzePrefix(bytes, cut);

            // Assert
            Assert.Equal(CaptureOpenStatus.Opened, status);
            ConnectionComparison.AssertAgree(records, oracle);
        }
    }

    [Fact]
    public async Task Cli_CutAtABoundary_Exit0_CutInsideARecord_Exit2WithOneLineNamingTheOffset()
    {
        // Arrange: the sample curl loop cut after its 45th record, and 5 bytes into its 46th.
        byte[] bytes = File.ReadAllBytes(Path.Combine(TestPaths.Captures, "curl-loop.pcap"));
        List<CaptureUnit> packets = [.. CaptureLayout.Units(bytes).Where(u => u.IsPacket)];
        CaptureUnit record46 = packets[45];
        string dir = TestPaths.NewTempDirectory("wl-cut-cli");
        string atBoundary = Path.Combine(dir, "boundary.pcap");
        string midRecord = Path.Combine(dir, "mid-record.pcap");
        File.WriteAllBytes(atBoundary, bytes[..(int)record46.Offset]);
        File.WriteAllBytes(midRecord, bytes[..(int)(record46.Offset + 5)]);

        foreach ((string file, int exitCode) in new[] { (atBoundary, ExitCodes.Success), (midRecord, ExitCodes.Damaged) })
        {
            string csvDir = Path.Combine(dir, Path.GetFileNameWithoutExtension(file) + "-csv");
            string json = Path.Combine(dir, Path.GetFileNameWithoutExtension(file) + ".json");

            // Act
            ProcessResult result = await LiveCli.RunAsync(TimeSpan.FromSeconds(60), "analyze", file, "--csv", csvDir, "--json", json);

            // Assert
            Assert.True(result.ExitCode == exitCode && !result.TimedOut, result.Describe("wirelens analyze " + file));
            string[] errorLines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (exitCode == ExitCodes.Success)
            {
                Assert.Empty(errorLines);
            }
            else
            {
                string line = Assert.Single(errorLines);
                Assert.Contains($"record 46 starts at byte {record46.Offset.ToString(CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
                Assert.Contains($"byte {(record46.Offset + 5).ToString(CultureInfo.InvariantCulture)}", line, StringComparison.Ordinal);
            }

            // 45 records hold the first 4 connections whole and the fifth's first 5 packets.
            Assert.Equal(1 + 5, File.ReadAllLines(Path.Combine(csvDir, "connections.csv")).Length);
            using JsonDocument report = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal(5, report.RootElement.GetProperty("connections").GetArrayLength());
        }
    }

    /// <summary>Every unit end (from the first unit on), and 1, half and length - 1 bytes into every fifth unit.</summary>
    private static IEnumerable<(long Cut, CaptureUnit? Inside)> CutPoints(List<CaptureUnit> units)
    {
        for (int i = 0; i < units.Count; i++)
        {
            CaptureUnit u = units[i];
            if (i % 5 == 0)
            {
                foreach (long cut in new[] { u.Offset + 1, u.Offset + (u.Length / 2), u.End - 1 }.Distinct())
                {
                    yield return (cut, u);
                }
            }

            yield return (u.End, null);
        }
    }

    /// <summary>The offline pipeline over the first <paramref name="length"/> bytes, in memory.</summary>
    private static (CaptureOpenStatus Status, List<ConnectionRecord> Records, CaptureAnalysisResult? Result) AnalyzePrefix(byte[] bytes, long length)
    {
        using var stream = new MemoryStream(bytes, 0, (int)length, writable: false);
        CaptureOpenStatus status = CaptureFileReader.TryOpen(stream, "prefix", out CaptureFileReader? reader, out _);
        if (status != CaptureOpenStatus.Opened)
        {
            return (status, [], null);
        }

        using (reader)
        {
            var sink = new CollectingSink();
            CaptureAnalysisResult result = CaptureAnalysisRunner.Run(reader!, new CaptureAnalysisOptions(), sink);
            return (status, [.. sink.Records.OrderBy(r => r.Stream)], result);
        }
    }

    // Records compare by value except their per-second lists (compared by reference): compared as strings.
    private static object Flat(ConnectionRecord r) =>
        (r with { RequestSeconds = [], RetransmissionSeconds = [] }, string.Join(',', r.RequestSeconds), string.Join(',', r.RetransmissionSeconds));

    private sealed class CollectingSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
