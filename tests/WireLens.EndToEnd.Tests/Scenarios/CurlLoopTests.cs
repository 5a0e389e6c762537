using WireLens.Analysis.Connections;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>curl run in a loop: one connection per invocation, the client closes first and holds TIME_WAIT.</summary>
public sealed class CurlLoopTests
{
    private const int Invocations = 15;

    [Fact]
    public async Task CurlLoop_AgreesWithTshark_AndClientClosesFirst()
    {
        // Arrange: a real capture of curl against nginx on loopback.
        (string capture, int port) = await LoopbackLoad.CaptureAsync(server =>
        {
            for (int i = 0; i < Invocations; i++)
            {
                LoopbackLoad.Tool("curl", "curl", ["-s", "-o", "/dev/null", "-A", "wirelens-test/1", server.BaseUrl + "/"]);
            }

            return Task.CompletedTask;
        });
        var oracle = TsharkConnectionOracle.Read(capture, new TsharkOptions { HttpPorts = [port] });
        Assert.Equal(Invocations, oracle.Count);
        Assert.All(oracle.Values, o => Assert.Equal(1, o.HttpRequests));

        // Act
        (List<ConnectionRecord> records, _) = WireLensAnalysis.Analyze(capture);

        // Assert
        ConnectionComparison.AssertAgree(records, oracle);
        Assert.All(records, r =>
        {
            Assert.Equal(CloseKind.ClientFin, r.CloseKind);
            Assert.Equal(Side.Client, r.TimeWaitSide);
            Assert.Equal(ZeekConnState.SF, r.ConnState);
            Assert.Equal("ShADadFf", r.History);
            Assert.Equal(HttpProtocolKind.Http11, r.HttpProtocol);
            Assert.Equal("wirelens-test/1", r.UserAgent);
            Assert.False(r.RoleGuessed);
        });
    }
}
