using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Cli.Pipeline;
using WireLens.UnitTests.Capture;
using WireLens.UnitTests.Wire;

namespace WireLens.UnitTests.Cli;

/// <summary>How the offline pipeline counts and analyses packets the snapshot length cut.</summary>
public sealed class PacketPipelineTruncationTests
{
    [Fact]
    public void Run_SnaplenCuts_CutInOptionsIsAnalysedAndCounted_CutInFixedHeaderIsOnlyCounted()
    {
        // Arrange: Ethernet (14) + IPv4 (20) + TCP (20 fixed + 20 options) SYN, kept whole, cut at 64 bytes (inside
        // the timestamps option, as tcpdump -s 64 cuts it) and cut at 44 bytes (inside the fixed TCP header).
        byte[] syn = TestPackets.Ethernet(TestPackets.Ipv4(TestPackets.Tcp(0x002, TestPackets.SynOptions, [])));
        byte[] file = new PcapBuilder(snapLength: 64)
            .Record(1, 0, syn)
            .Record(2, 0, syn[..64], originalLength: (uint)syn.Length)
            .Record(3, 0, syn[..44], originalLength: (uint)syn.Length)
            .ToArray();
        using CaptureFileReader reader = CaptureReading.Open(file);
        var sink = new Sink();

        // Act
        CaptureAnalysisResult result = CaptureAnalysisRunner.Run(reader, new CaptureAnalysisOptions(), sink);

        // Assert: one connection whose SYN was seen twice (the copy is a SYN retransmission); the third is not TCP-analysed.
        Assert.Equal((3L, 2L, 2L), (result.Packets.Packets, result.Packets.Tcp, result.Packets.Truncated));
        ConnectionRecord record = Assert.Single(sink.Records);
        Assert.Equal(2, record.ClientPackets);
        Assert.Equal(1, record.SynRetransmits);
    }

    private sealed class Sink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
