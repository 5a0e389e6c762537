using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Real load tools against nginx on loopback; every connection must agree with tshark, and each tool's known
/// connection behaviour is asserted as numbers.
/// </summary>
public sealed class ToolScenarioTests
{
    [Fact]
    public async Task AbWithoutKeepAlive_OneRequestPerConnection_ServerClosesFirst()
    {
        const int requests = 400;
        (string capture, int port) = await LoopbackLoad.CaptureAsync(server =>
        {
            LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-n", $"{requests}", "-c", "8", server.BaseUrl + "/"]);
            return Task.CompletedTask;
        });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(requests, oracle.Values.Sum(o => o.HttpRequests));

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // ab opens a connection per concurrency slot ahead of need and closes the unused ones at the end
        // without a request: up to -c extra connections, each with zero requests.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.InRange(records.Count, requests, requests + 8);
        Assert.All(records.Where(r => r.HttpRequests == 0), r => Assert.Equal(Side.Client, r.FirstFinSender));
        Assert.All(records.Where(r => r.HttpRequests > 0), r =>
        {
            Assert.Equal(1, r.HttpRequests);
            Assert.Equal(HttpProtocolKind.Http10, r.HttpProtocol);
            Assert.Equal(CloseKind.ServerFin, r.CloseKind);
            Assert.Equal(Side.Server, r.TimeWaitSide);
            Assert.StartsWith("ApacheBench/", r.UserAgent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AbWithKeepAlive_FewConnectionsManyRequests()
    {
        const int requests = 600;
        const int concurrency = 4;
        (string capture, int port) = await LoopbackLoad.CaptureAsync(server =>
        {
            LoopbackLoad.Tool("ab", "apache2-utils", ["-q", "-k", "-n", $"{requests}", "-c", $"{concurrency}", server.BaseUrl + "/"]);
            return Task.CompletedTask;
        });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.InRange(oracle.Count, concurrency, concurrency + 2);

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(requests, records.Sum(r => r.HttpRequests ?? 0));
        Assert.All(records, r => Assert.Equal(Side.Client, r.FirstFinSender));
    }

    [Fact]
    public async Task WrkKeepAlive_ConnectionsEqualConcurrency_ManyRequestsEach()
    {
        const int connections = 10;
        (string capture, int port) = await LoopbackLoad.CaptureAsync(server =>
        {
            LoopbackLoad.Tool("wrk", "wrk", ["-t", "2", "-c", $"{connections}", "-d", "1s", server.BaseUrl + "/"]);
            return Task.CompletedTask;
        });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(connections, oracle.Values.Count(o => o.HttpRequests > 0));

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // wrk first opens one connection to check the target, closes it without a request, then opens -c connections.
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.InRange(records.Count, connections, connections + 1);
        Assert.Equal(connections, records.Count(r => r.HttpRequests > 50));
        Assert.All(records, r => Assert.Null(r.UserAgent));
    }

    [Fact]
    public async Task WrkConnectionClose_OneRequestPerConnection()
    {
        (string capture, int port) = await LoopbackLoad.CaptureAsync(server =>
        {
            LoopbackLoad.Tool("wrk", "wrk", ["-t", "1", "-c", "4", "-d", "1s", "-H", "Connection: close", server.BaseUrl + "/"]);
            return Task.CompletedTask;
        });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.True(oracle.Count > 20, $"only {oracle.Count} connections");

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records.Where(r => r.HttpRequests > 0), r =>
        {
            Assert.Equal(1, r.HttpRequests);
            Assert.True(r.ConnectionClose);
        });
    }

    [Fact]
    public async Task HeyWithoutKeepAlive_OneConnectionPerRequest()
    {
        const int requests = 200;
        (string capture, int port) = await LoopbackLoad.CaptureAsync(server =>
        {
            LoopbackLoad.Tool("hey", "hey", ["-n", $"{requests}", "-c", "10", "-disable-keepalive", server.BaseUrl + "/"]);
            return Task.CompletedTask;
        });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(requests, oracle.Count);

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        ConnectionComparison.AssertAgree(records, oracle);
        Assert.Equal(requests, records.Sum(r => r.HttpRequests ?? 0));
        Assert.All(records, r => Assert.Equal(1, r.HttpRequests));
    }

    [Fact]
    public async Task H2loadPriorKnowledge_H2cRequestsCounted()
    {
        const int requests = 200;
        const int clients = 4;
        (string capture, int port) = await LoopbackLoad.CaptureAsync(
            server =>
            {
                LoopbackLoad.Tool("h2load", "nghttp2-client", ["-n", $"{requests}", "-c", $"{clients}", server.BaseUrl + "/"]);
                return Task.CompletedTask;
            },
            new NginxOptions { Http2Cleartext = true });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(clients, oracle.Count);
        Assert.Equal(requests, oracle.Values.Sum(o => o.H2ClientStreams.Count));

        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records, r => Assert.Equal(HttpProtocolKind.H2c, r.HttpProtocol));
        Assert.Equal(requests, records.Sum(r => r.HttpRequests ?? 0));
    }
}
