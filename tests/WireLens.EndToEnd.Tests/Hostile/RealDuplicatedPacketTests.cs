using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.EndToEnd.Tests.Scenarios;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Hostile;

/// <summary>
/// Every packet seen twice, as when one capture holds both ends of a bridge or veth pair: a committed capture merged
/// with itself by mergecap, and real traffic captured on both ends of a veth pair and merged. Each file is first
/// shown to hold every packet twice; then every connection is compared with tshark's.
/// </summary>
public sealed class RealDuplicatedPacketTests
{
    public static TheoryData<string> Samples() => ["curl-loop.pcap", "ab-keepalive.pcap", "h2load-h2c.pcap", "curl-ipv6.pcap", "mixed-linktypes.pcapng"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void SampleMergedWithItself_EveryPacketTwice_AgreesWithTshark(string sample)
    {
        // Arrange
        string original = Path.Combine(TestPaths.Captures, sample);
        string format = CaptureLayout.IsPcapNg(File.ReadAllBytes(original)) ? "pcapng" : "pcap";
        string doubled = WiresharkFileTools.Mergecap(Path.Combine(TestPaths.NewTempDirectory("wl-dup"), "doubled." + format), format, original, original);
        List<(byte[] Data, uint OriginalLength)> once = WiresharkFileTools.Records(original);
        List<(byte[] Data, uint OriginalLength)> twice = WiresharkFileTools.Records(doubled);
        Assert.Equal(2 * once.Count, twice.Count);
        for (int i = 0; i < once.Count; i++)
        {
            // mergecap keeps equal timestamps in input order: each packet is followed by its copy.
            Assert.Equal(once[i].Data, twice[2 * i].Data);
            Assert.Equal(once[i].Data, twice[(2 * i) + 1].Data);
        }

        var options = new TsharkOptions { HttpPorts = [18480, 18481] };
        IReadOnlyDictionary<long, OracleConnection> oracle = TsharkConnectionOracle.Read(doubled, options);
        Assert.True(oracle.Values.Sum(o => o.Retransmissions) > 0, "tshark flags no copy as a retransmission");
        Assert.True(oracle.Values.Sum(o => o.DuplicateAcks) > 0, "tshark flags no copied ACK as a duplicate ACK");

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(doubled);
        (List<ConnectionRecord> single, _) = WireLensAnalysis.Analyze(original);

        // Assert: the same connections as in the original, each with twice the packets, and every count as tshark's.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(single.Select(r => r.Stream), records.Select(r => r.Stream));
        Assert.Equal(single.Select(r => 2 * (r.ClientPackets + r.ServerPackets)), records.Select(r => r.ClientPackets + r.ServerPackets));
    }

    [Fact]
    public async Task BothEndsOfAVethPair_EveryPacketTwice_AgreesWithTshark()
    {
        // Arrange: nginx in the server namespace, curl and ab in the client's; tcpdump on each end of the veth.
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        int port = FreePort.Get();
        await using NginxServer server = await NginxServer.StartAsync(new NginxOptions
        {
            NetworkNamespace = pair.ServerNamespace,
            Address = pair.ServerAddress,
            Port = port,
            BigBodyBytes = 200_000,
        });
        string dir = TestPaths.NewTempDirectory("wl-veth");
        string clientSide = Path.Combine(dir, "client.pcap");
        string serverSide = Path.Combine(dir, "server.pcap");
        string filter = $"tcp port {port}";
        await using (LoopbackCapture atServer = await LoopbackCapture.StartAsync(pair.ServerInterface, filter, serverSide, pair.ServerNamespace))
        {
            string capture = await ScenarioCapture.CaptureAsync(
                pair.ClientInterface,
                filter,
                () =>
                {
                    for (int i = 0; i < 3; i++)
                    {
                        ProcessResult curl = ScenarioCapture.Curl(server.BaseUrl + "/big", pair.ClientNamespace);
                        Assert.True(curl.Succeeded, curl.Describe("curl"));
                    }

                    LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-k", "-n", "50", "-c", "2", server.BaseUrl + "/"], netns: pair.ClientNamespace);
                    return Task.CompletedTask;
                },
                netns: pair.ClientNamespace);
            File.Move(capture, clientSide);
            CaptureStatistics stats = await atServer.StopAsync();
            Assert.True(stats.DroppedByKernel == 0, $"tcpdump at the server dropped {stats.DroppedByKernel} packets");
        }

        string merged = WiresharkFileTools.Mergecap(Path.Combine(dir, "both-ends.pcap"), "pcap", clientSide, serverSide);
        int clientPackets = WiresharkFileTools.Records(clientSide).Count;
        Assert.Equal(clientPackets, WiresharkFileTools.Records(serverSide).Count);
        Assert.Equal(2 * clientPackets, WiresharkFileTools.Records(merged).Count);
        Assert.Equal(
            WiresharkFileTools.Records(clientSide).Select(r => Convert.ToHexString(r.Data)).Order(StringComparer.Ordinal),
            WiresharkFileTools.Records(serverSide).Select(r => Convert.ToHexString(r.Data)).Order(StringComparer.Ordinal));
        var options = new TsharkOptions { HttpPorts = [port] };
        IReadOnlyDictionary<long, OracleConnection> oracle = TsharkConnectionOracle.Read(merged, options);
        // tshark counts a request once: the copy is a retransmission, whose bytes HTTP has already seen.
        Assert.Equal(3 + 50, oracle.Values.Sum(o => o.HttpRequests));
        Assert.True(oracle.Values.Sum(o => o.Retransmissions) > 0, "tshark flags no copy as a retransmission");
        Assert.True(oracle.Values.Sum(o => o.DuplicateAcks) > 0, "tshark flags no copied ACK as a duplicate ACK");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{oracle.Count} streams, {2 * clientPackets} frames, {oracle.Values.Sum(o => o.Retransmissions)} retransmissions, {oracle.Values.Sum(o => o.DuplicateAcks)} duplicate ACKs, {oracle.Values.Sum(o => o.OutOfOrder)} out of order, {oracle.Values.Sum(o => o.LostSegments)} lost, {oracle.Values.Sum(o => o.AckedUnseen)} acked unseen");

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(merged);

        // Assert
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(2 * clientPackets, records.Sum(r => r.ClientPackets + r.ServerPackets));
    }
}
