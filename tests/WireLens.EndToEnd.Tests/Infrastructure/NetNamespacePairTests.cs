using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

public class NetNamespacePairTests
{
    [Fact]
    public async Task CreateAsync_NginxInServerNamespace_AnswersCurlFromClientNamespace()
    {
        // Arrange
        Require.Tool("nft", "nftables");
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync(mtu: 1400);
        await using NginxServer nginx = await NginxServer.StartAsync(
            new NginxOptions { Address = pair.ServerAddress, NetworkNamespace = pair.ServerNamespace });

        // Act
        ProcessResult result = NetNamespacePair.Exec(
            pair.ClientNamespace, Require.Tool("curl", "curl"), "-sS", "--max-time", "20", "-D", "-", nginx.BaseUrl + "/");

        // Assert
        Curl.AssertOk(result, "hello\n");
        ProcessResult link = NetNamespacePair.Exec(pair.ClientNamespace, Require.Tool("ip", "iproute2"), "link", "show", pair.ClientInterface);
        Assert.Contains("mtu 1400", link.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DropInbound_TwentyPercent_UploadShowsRetransmissions()
    {
        // Arrange
        Require.Tool("nft", "nftables");
        string dir = TestPaths.NewTempDirectory("wl-netns-test");
        string body = Path.Combine(dir, "body.bin");
        await File.WriteAllBytesAsync(body, new byte[200_000], TestContext.Current.CancellationToken);
        string file = Path.Combine(dir, "client.pcap");
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        await using NginxServer nginx = await NginxServer.StartAsync(
            new NginxOptions { Address = pair.ServerAddress, NetworkNamespace = pair.ServerNamespace });
        pair.DropInbound(20, nginx.Port);

        // Act: a 200 KB upload; the server drops a fifth of what arrives, so the client must retransmit.
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync(
            pair.ClientInterface, $"tcp port {nginx.Port}", file, netns: pair.ClientNamespace))
        {
            ProcessResult upload = NetNamespacePair.Exec(
                pair.ClientNamespace,
                Require.Tool("curl", "curl"),
                ["-sS", "--max-time", "90", "-H", "Expect:", "--data-binary", "@" + body, "-o", "/dev/null", "-w", "%{http_code}", nginx.BaseUrl + "/"],
                TimeSpan.FromSeconds(120));
            Assert.True(upload.Succeeded, upload.Describe("curl upload"));
            Assert.Equal("200", upload.StdOut);
            await capture.StopAsync();
        }

        // Assert
        int retransmissions = TShark.Count(file, "tcp.analysis.retransmission");
        int dataSegments = TShark.Count(file, $"tcp.dstport=={nginx.Port} && tcp.len>0");
        int largest = TShark.Fields(file, ["tcp.len"]).Max(row => int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Directory.Delete(dir, recursive: true);
        Assert.True(retransmissions > 0, $"no retransmission seen with 20% inbound drop ({dataSegments} data segments)");
        Assert.InRange(largest, 1, 1448);
    }
}
