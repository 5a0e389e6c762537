using WireLens.Capture.Files;
using WireLens.Capture.Live;
using WireLens.Cli.Live;
using WireLens.Cli.Pipeline;
using WireLens.Testing;
using WireLens.Wire;

namespace WireLens.UnitTests.Live;

public class LiveAnalysisTests
{
    private static readonly LiveCaptureStatistics s_counters = new(10, 1, 2, 9, 3, 6);

    private static LiveSnapshot Feed(string sample)
    {
        var analysis = new LiveAnalysis(new CaptureAnalysisOptions(), () => s_counters);
        Assert.Equal(CaptureOpenStatus.Opened, CaptureFileReader.TryOpen(Path.Combine(TestPaths.Captures, sample), out CaptureFileReader? reader, out string error));
        using (reader)
        {
            while (reader!.ReadNext(out CaptureRecord record) == CaptureReadStatus.Packet)
            {
                analysis.OnPacket(in record);
            }
        }

        // A live capture's clock goes on after the last packet: past the close linger, closed connections count.
        analysis.AdvanceTo(new Timestamp(long.MaxValue / 2));
        return analysis.Publish();
    }

    [Fact]
    public void Publish_AbWithoutKeepAlive_CountsClosedConnectionsAndTheirRequests()
    {
        // captures/README.md: ab -n 100 -c 4 without -k, one HTTP/1.0 request per connection, the server closes
        // first; ab also opens a few spare connections that carry no request, and closes those itself.
        LiveSnapshot s = Feed("ab-no-keepalive.pcap");

        Assert.InRange(s.Connections, 101, 104);
        Assert.Equal(100, s.Requests);
        Assert.Equal(s.Connections, s.ClosedConnections);
        Assert.Equal(0, s.OpenConnections);
        Assert.Equal(100, s.ServerClosedFirst);
        Assert.Equal(s.Connections - 100, s.ClientClosedFirst);
        Assert.Same(s_counters, s.Capture);
    }

    [Fact]
    public void Publish_CurlLoop_ClientClosesFirst()
    {
        LiveSnapshot s = Feed("curl-loop.pcap");

        Assert.Equal(10, s.Connections);
        Assert.Equal(10, s.ClosedConnections);
        Assert.Equal(10, s.Requests);
        Assert.Equal(10, s.ClientClosedFirst);
        Assert.True(s.TcpPackets > 0);
    }

    [Fact]
    public void Publish_RaisesTheEventAndKeepsTheLatest()
    {
        var analysis = new LiveAnalysis(new CaptureAnalysisOptions(), () => s_counters);
        LiveSnapshot? seen = null;
        analysis.Published += s => seen = s;

        Assert.Null(analysis.Latest);
        LiveSnapshot published = analysis.Publish();

        Assert.Same(published, seen);
        Assert.Same(published, analysis.Latest);
        Assert.Equal(0, published.Connections);
    }
}
