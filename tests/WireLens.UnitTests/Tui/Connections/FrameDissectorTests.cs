using WireLens.Cli.Inspection;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Tui.Dissection;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Tui.Connections;

public sealed class FrameDissectorTests
{
    [Fact]
    public void Dissect_RealFrame_ShowsEthernetIpv4TcpWithThePorts()
    {
        // Arrange: frame 1 of curl-keepalive.pcap is the first connection's SYN.
        CapturedFrame frame = DetailFixtures.RealFrame("curl-keepalive.pcap", 1);
        ConnectionSummary row = OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, "curl-keepalive.pcap")).Connections[0];
        Assert.Equal(1, row.FirstFrame);

        // Act
        IReadOnlyList<string> lines = FrameDissector.Dissect(frame);

        // Assert
        Assert.StartsWith("Frame 1: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Ethernet", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("IPv4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().EndsWith($"source port = {row.ClientPort}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim().EndsWith($"destination port = {row.ServerPort}", StringComparison.Ordinal));
        Assert.StartsWith("0000  ", lines[lines.Count - ((frame.Data.Length + 15) / 16)], StringComparison.Ordinal);
    }

    [Fact]
    public void Dissect_GarbageBytes_SaysMalformedAndDumpsThem()
    {
        var frame = new CapturedFrame(3, new Timestamp(0), LinkType.Ethernet, 10, [1, 2, 3, 8, 0, 0x45, 0, 0, 0, 0xff]);

        IReadOnlyList<string> lines = FrameDissector.Dissect(frame);

        Assert.Contains(lines, l => l.StartsWith("malformed: ", StringComparison.Ordinal));
        Assert.Equal("0000  01 02 03 08 00 45 00 00  00 ff                    .....E....", lines[^1]);
    }

    [Fact]
    public void Dissect_RandomBytesOnEveryLinkType_NeverThrows()
    {
        var random = new Random(20240607);
        foreach (LinkType link in Enum.GetValues<LinkType>().Append((LinkType)147))
        {
            for (int i = 0; i < 400; i++)
            {
                byte[] data = new byte[random.Next(0, 120)];
                random.NextBytes(data);
                if (data.Length > 20 && i % 2 == 0)
                {
                    data[0] = 0x45; // looks like IPv4 to the raw link types
                    data[12] = 0x08; // and like IPv4 after an Ethernet header
                    data[13] = 0x00;
                    data[14] = 0x45;
                }

                IReadOnlyList<string> lines = FrameDissector.Dissect(new CapturedFrame(i, new Timestamp(0), link, (uint)data.Length, data));
                Assert.NotEmpty(lines);
                Assert.DoesNotContain(lines, l => l.Any(char.IsControl));
            }
        }
    }

    [Fact]
    public void Dissect_UnknownLinkType_ShowsBytes()
    {
        IReadOnlyList<string> lines = FrameDissector.Dissect(new CapturedFrame(1, new Timestamp(0), (LinkType)147, 2, [0xAB, 0xCD]));
        Assert.Equal("link type 147: shown as bytes", lines[1]);
    }
}
