using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Real packet loss: nginx and its clients in two network namespaces joined by a veth pair, with nftables dropping a
/// share of the segments. The capture is taken in the client namespace, where AF_PACKET sees a frame before
/// netfilter's input hook: a segment dropped at the client is in the file and so is its retransmission.
/// </summary>
public sealed class LossyLinkScenarioTests
{
    private const int DropPercent = 5;
    private const int Downloads = 8;
    private const int BodyBytes = 300_000;

    [Fact]
    public async Task LossyVeth_RetransmissionsAndDuplicateAcks_AgreeWithTshark()
    {
        // Arrange: 5 % of the segments lost towards the server (requests, ACKs, SYNs) and towards the client (data).
        await using NetNamespacePair pair = await NetNamespacePair.CreateAsync();
        int port = FreePort.Get();
        await using NginxServer server = await NginxServer.StartAsync(new NginxOptions
        {
            NetworkNamespace = pair.ServerNamespace,
            Address = pair.ServerAddress,
            Port = port,
            BigBodyBytes = BodyBytes,
        });
        pair.DropInbound(DropPercent, port);
        pair.DropInboundAtClient(DropPercent, port);
        string capture = await ScenarioCapture.CaptureAsync(
            pair.ClientInterface,
            $"tcp port {port}",
            () =>
            {
                for (int i = 0; i < Downloads; i++)
                {
                    ProcessResult curl = ScenarioCapture.Curl(server.BaseUrl + "/big", pair.ClientNamespace);
                    Assert.True(curl.Succeeded, curl.Describe("curl"));
                }

                LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-n", "100", "-c", "4", server.BaseUrl + "/"], netns: pair.ClientNamespace);
                return Task.CompletedTask;
            },
            netns: pair.ClientNamespace);
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });

        // The loss is real: tshark flags retransmissions and duplicate ACKs.
        int retransmissions = oracle.Values.Sum(o => o.Retransmissions);
        int duplicateAcks = oracle.Values.Sum(o => o.DuplicateAcks);
        Assert.True(retransmissions > 0, "tshark sees no retransmission: the drop rule did not bite");
        Assert.True(duplicateAcks > 0, "tshark sees no duplicate ACK");
        Assert.Equal(Downloads + 100, oracle.Values.Sum(o => o.HttpRequests));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{oracle.Count} streams, {retransmissions} retransmissions, {oracle.Values.Sum(o => o.FastRetransmissions)} fast, {duplicateAcks} duplicate ACKs, {oracle.Values.Sum(o => o.LostSegments)} lost segments, {oracle.Values.Sum(o => o.OutOfOrder)} out of order, {oracle.Values.Sum(o => o.SpuriousRetransmissions)} spurious, {oracle.Values.Sum(o => o.DsackAcks)} D-SACK ACKs");

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(retransmissions, records.Sum(r => r.Retransmissions));
        Assert.Equal(Downloads, records.Count(r => r.ServerBytes > BodyBytes));
        Assert.All(records, r => Assert.Equal(pair.ClientAddress, r.ClientIp.ToString()));
        Assert.Contains(records, r => r.History.Contains('t', StringComparison.Ordinal) || r.History.Contains('T', StringComparison.Ordinal));
    }
}
