using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// The same HTTP load seen through different kinds of capture file: the `any` device's Linux cooked v2 header, a
/// pcapng whose two interfaces have different link types, and IPv6. Each test first proves the file is of that kind.
/// </summary>
public sealed class CaptureKindScenarioTests
{
    private const uint LinkTypeEthernet = 1;
    private const uint LinkTypeLinuxSll2 = 276;

    [Fact]
    public async Task AnyDeviceSll2_LinkType276_AgreesWithTshark()
    {
        // Arrange: curl and ab against nginx, captured on `any` as LINUX_SLL2.
        await using NginxServer server = await NginxServer.StartAsync();
        string capture = await ScenarioCapture.CaptureAsync(
            "any",
            $"tcp port {server.Port}",
            () =>
            {
                for (int i = 0; i < 5; i++)
                {
                    LoopbackLoad.Tool("curl", "curl", ["-s", "-o", "/dev/null", server.BaseUrl + "/"]);
                }

                LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-n", "100", "-c", "4", server.BaseUrl + "/"]);
                return Task.CompletedTask;
            },
            linkType: "LINUX_SLL2",
            snaplen: ScenarioCapture.AnyDeviceSnaplen);
        Assert.Equal(LinkTypeLinuxSll2, ScenarioCapture.PcapLinkType(capture));
        IReadOnlyList<string[]> protocols = TShark.Fields(capture, ["frame.protocols"]);
        Assert.NotEmpty(protocols);
        Assert.All(protocols, p => Assert.StartsWith("sll:", p[0], StringComparison.Ordinal));
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [server.Port] });
        Assert.Equal(105, oracle.Values.Sum(o => o.HttpRequests));

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert: `any` on loopback keeps each packet once (libpcap drops the outgoing copy on lo).
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(oracle.Count, records.Count);
        Assert.Equal(105, records.Sum(r => r.HttpRequests ?? 0));
    }

    [Fact]
    public async Task MergedPcapng_EthernetAndSll2Interfaces_AgreesWithTshark()
    {
        // Arrange: two nginx, one captured on lo (Ethernet), one on any (SLL2), with the loads interleaved;
        // mergecap orders the frames of both files by time into one pcapng with two interface blocks.
        const int rounds = 6;
        await using NginxServer ethernetServer = await NginxServer.StartAsync();
        await using NginxServer sll2Server = await NginxServer.StartAsync();
        string? sll2Capture = null;
        string ethernetCapture = await ScenarioCapture.CaptureAsync(
            "lo",
            $"tcp port {ethernetServer.Port}",
            async () => sll2Capture = await ScenarioCapture.CaptureAsync(
                "any",
                $"tcp port {sll2Server.Port}",
                () =>
                {
                    for (int i = 0; i < rounds; i++)
                    {
                        LoopbackLoad.Tool("curl", "curl", ["-s", "-o", "/dev/null", ethernetServer.BaseUrl + "/"]);
                        LoopbackLoad.Tool("curl", "curl", ["-s", "-o", "/dev/null", sll2Server.BaseUrl + "/"]);
                    }

                    return Task.CompletedTask;
                },
                linkType: "LINUX_SLL2",
                fileName: "sll2.pcap",
                snaplen: ScenarioCapture.AnyDeviceSnaplen),
            fileName: "ethernet.pcap");
        Assert.Equal(LinkTypeEthernet, ScenarioCapture.PcapLinkType(ethernetCapture));
        Assert.Equal(LinkTypeLinuxSll2, ScenarioCapture.PcapLinkType(sll2Capture!));
        string merged = Path.Combine(TestPaths.NewTempDirectory("wl-e2e"), "merged.pcapng");
        LoopbackLoad.Tool("mergecap", "wireshark-common", ["-F", "pcapng", "-w", merged, ethernetCapture, sll2Capture!]);

        // The merged file really has two interfaces, one per link type, and frames of both.
        var interfaces = TShark.Fields(merged, ["frame.interface_id", "frame.encap_type"])
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => g.Select(f => f[1]).Distinct().Single());
        Assert.Equal(2, interfaces.Count);
        Assert.Equal(2, interfaces.Values.Distinct().Count());
        int ethernetPort = ethernetServer.Port, sll2Port = sll2Server.Port;
        var oracle = TsharkConnectionOracle.Read(merged, new TsharkOptions { HttpPorts = [ethernetPort, sll2Port] });
        Assert.Equal(2 * rounds, oracle.Count);

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(merged);

        // Assert: stream numbers alternate between the two servers, as the loads did.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(rounds, records.Count(r => r.ServerPort == ethernetPort));
        Assert.Equal(rounds, records.Count(r => r.ServerPort == sll2Port));
        Assert.All(records, r => Assert.Equal(r.Stream % 2 == 0 ? ethernetPort : sll2Port, r.ServerPort));
    }

    [Fact]
    public async Task Ipv6Loopback_CurlAndAb_AgreesWithTshark()
    {
        // Arrange: nginx also listening on [::1]; every client goes there.
        const int invocations = 8;
        (string capture, int port) = await LoopbackLoad.CaptureAsync(
            server =>
            {
                string url = string.Create(CultureInfo.InvariantCulture, $"http://[::1]:{server.Port}/");
                for (int i = 0; i < invocations; i++)
                {
                    LoopbackLoad.Tool("curl", "curl", ["-s", "-g", "-o", "/dev/null", url]);
                }

                LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-n", "100", "-c", "4", url]);
                return Task.CompletedTask;
            },
            new NginxOptions { ListenIpv6Loopback = true });
        int frames = TShark.Count(capture, "tcp");
        Assert.True(frames > 0, "empty capture");
        Assert.Equal(frames, TShark.Count(capture, "ipv6 && tcp"));
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(invocations + 100, oracle.Values.Sum(o => o.HttpRequests));

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records, r =>
        {
            Assert.Equal(6, r.IpVersion);
            Assert.Equal("::1", r.ClientIp.ToString());
            Assert.Equal(port, r.ServerPort);
        });
    }
}
