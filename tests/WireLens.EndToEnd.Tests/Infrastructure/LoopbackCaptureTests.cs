using System.Buffers.Binary;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

public sealed class LoopbackCaptureTests : IDisposable
{
    private const uint PcapMagicMicroseconds = 0xa1b2c3d4;
    private const int PcapLinkTypeOffset = 20;
    private const uint LinkTypeEthernet = 1;
    private const uint LinkTypeLinuxSll2 = 276;

    private readonly string _dir = TestPaths.NewTempDirectory("wl-capture-test");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task StartAsync_Lo_ThreeCurlRequestsGiveThreeSyns()
    {
        // Arrange
        Require.Root();
        await using NginxServer nginx = await NginxServer.StartAsync();
        string file = Path.Combine(_dir, "lo.pcap");
        CaptureStatistics stats;

        // Act
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync("lo", $"tcp port {nginx.Port}", file))
        {
            for (int i = 0; i < 3; i++)
            {
                Curl.AssertOk(Curl.Get(nginx.BaseUrl + "/"), "hello\n");
            }

            stats = await capture.StopAsync();
        }

        // Assert
        Assert.Equal(LinkTypeEthernet, ReadLinkType(file));
        Assert.Equal(0, stats.DroppedByKernel);
        Assert.InRange(stats.Captured, 3 * 7, 1000);
        var options = new TsharkOptions { HttpPorts = [nginx.Port] };
        Assert.Equal(3, TShark.Count(file, "tcp.flags.syn==1 && tcp.flags.ack==0", options));
        Assert.Equal(3, TShark.Count(file, "http.request", options));
        Assert.Equal(stats.Captured, TShark.Count(file, "frame", options));
    }

    [Fact]
    public async Task StartAsync_AnyWithSll2_WritesLinkType276()
    {
        // Arrange
        Require.Root();
        await using NginxServer nginx = await NginxServer.StartAsync();
        string file = Path.Combine(_dir, "any.pcap");

        // Act
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync("any", $"tcp port {nginx.Port}", file, linkType: "LINUX_SLL2"))
        {
            Curl.AssertOk(Curl.Get(nginx.BaseUrl + "/"), "hello\n");
            await capture.StopAsync();
        }

        // Assert
        Assert.Equal(LinkTypeLinuxSll2, ReadLinkType(file));
        IReadOnlyList<string[]> rows = TShark.Fields(file, ["frame.protocols", "tcp.srcport"]);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.StartsWith("sll:", row[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_BadFilter_ThrowsWithTcpdumpMessage()
    {
        Require.Root();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => LoopbackCapture.StartAsync("lo", "tcp port not-a-port", Path.Combine(_dir, "bad.pcap")));

        Assert.Contains("tcpdump", error.Message, StringComparison.Ordinal);
    }

    private static uint ReadLinkType(string file)
    {
        byte[] header = File.ReadAllBytes(file)[..24];
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(header);
        bool littleEndian = magic is PcapMagicMicroseconds or 0xa1b23c4d;
        Assert.True(littleEndian || BinaryPrimitives.ReadUInt32BigEndian(header) is PcapMagicMicroseconds or 0xa1b23c4d, "not a pcap file");
        ReadOnlySpan<byte> field = header.AsSpan(PcapLinkTypeOffset, 4);
        return littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(field) : BinaryPrimitives.ReadUInt32BigEndian(field);
    }
}
