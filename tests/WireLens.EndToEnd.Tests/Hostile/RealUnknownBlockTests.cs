using System.Text;
using WireLens.Analysis.Connections;
using WireLens.Cli.Pipeline;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// Real pcapng files with blocks of types WireLens does not know inserted, with valid lengths: after the section
/// header, after each interface description, between packets and at the end. Such blocks are skipped: the connections
/// are those of the untouched file, and every one agrees with tshark on the modified file (tshark 4.0 skips unknown
/// types and delivers Custom Blocks as non-packet records, which the oracle's `tcp` filter leaves out).
/// </summary>
public sealed class RealUnknownBlockTests
{
    /// <summary>The example Private Enterprise Number of RFC 5612, for documentation.</summary>
    private const uint ExamplePen = 32473;

    /// <summary>Inserted block types: reserved 0, Custom (copyable), Custom (do not copy), local use.</summary>
    private static readonly uint[] s_unknownTypes = [0x00000000, 0x00000BAD, 0x40000BAD, 0x80000001];

    public static TheoryData<string> Samples() => ["mixed-linktypes.pcapng", "curl-loop.pcap", "h2load-h2c.pcap"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void PcapNgWithUnknownBlocks_BlocksSkipped_SameConnectionsAsOriginalAndTshark(string sample)
    {
        // Arrange: the sample as pcapng (editcap converts a pcap), then every fifth packet followed by unknown blocks.
        string dir = TestPaths.NewTempDirectory("wl-unknown");
        string original = WiresharkFileTools.Editcap(Path.Combine(TestPaths.Captures, sample), Path.Combine(dir, "original.pcapng"), "-F", "pcapng");
        byte[] bytes = File.ReadAllBytes(original);
        List<CaptureUnit> units = CaptureLayout.Units(bytes);
        string modified = Path.Combine(dir, "unknown-blocks.pcapng");
        int inserted = WriteWithUnknownBlocks(bytes, units, modified);
        List<CaptureUnit> modifiedUnits = CaptureLayout.Units(File.ReadAllBytes(modified));
        foreach (uint type in s_unknownTypes)
        {
            Assert.Equal(inserted, modifiedUnits.Count(u => u.Type == type && !u.IsPacket));
        }

        Assert.True(inserted > 4, $"only {inserted} insertion points");
        Assert.Equal(units.Count(u => u.IsPacket), modifiedUnits.Count(u => u.IsPacket));
        Assert.Equal(s_unknownTypes, modifiedUnits.Skip(1).Take(s_unknownTypes.Length).Select(u => u.Type));
        var options = new TsharkOptions { HttpPorts = [18480, 18481] };
        IReadOnlyDictionary<long, OracleConnection> oracle = TsharkConnectionOracle.Read(modified, options);
        Assert.NotEmpty(oracle);

        // Act
        (List<ConnectionRecord> before, CaptureAnalysisResult beforeResult) = WireLensAnalysis.Analyze(original);
        (List<ConnectionRecord> after, CaptureAnalysisResult afterResult) = WireLensAnalysis.Analyze(modified);

        // Assert
        Assert.Empty(afterResult.Damage);
        Assert.Equal(beforeResult.Packets.Packets, afterResult.Packets.Packets);
        Assert.Equal(beforeResult.Packets.Tcp, afterResult.Packets.Tcp);
        Assert.Equal(before.Select(Flat), after.Select(Flat));
        ConnectionComparison.AssertAgree(after, oracle);
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> with one block of each unknown type after the section
    /// header, after each interface description, after every fifth packet and at the end; returns the insertion count.
    /// </summary>
    private static int WriteWithUnknownBlocks(byte[] bytes, List<CaptureUnit> units, string path)
    {
        using FileStream file = File.Create(path);
        int inserted = 0;
        int packets = 0;
        for (int i = 0; i < units.Count; i++)
        {
            CaptureUnit u = units[i];
            file.Write(bytes, (int)u.Offset, u.Length);
            bool afterPacket = u.IsPacket && ++packets % 5 == 0;
            if (u.Type is CaptureLayout.SectionHeader or CaptureLayout.InterfaceDescription || afterPacket || i == units.Count - 1)
            {
                inserted++;
                foreach (uint type in s_unknownTypes)
                {
                    byte[] data = Encoding.ASCII.GetBytes($"wirelens test block {inserted}, type 0x{type:x8}");
                    file.Write(type is 0x00000BAD or 0x40000BAD ? CaptureLayout.CustomBlock(type, ExamplePen, data) : CaptureLayout.Block(type, data));
                }
            }
        }

        return inserted;
    }

    // Records compare by value except their per-second lists (compared by reference): compared as arrays.
    private static object Flat(ConnectionRecord r) =>
        (r with { RequestSeconds = [], RetransmissionSeconds = [] }, string.Join(',', r.RequestSeconds), string.Join(',', r.RetransmissionSeconds));
}
