using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;
using WireLens.UnitTests.Reporting;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Live;

public class ManifestProcessLookupTests
{
    private static readonly IpAddress s_client = IpAddress.FromIPAddress(IPAddress.Parse("2001:db8::1"));
    private static readonly IpAddress s_server = IpAddress.FromIPAddress(IPAddress.Parse("::1"));

    private static ConnectionRecord Connection(double startSeconds, double endSeconds) => ConnectionRecords.Minimal() with
    {
        FirstTime = new Timestamp((long)(startSeconds * 1e9)),
        LastTime = new Timestamp((long)(endSeconds * 1e9)),
    };

    private static SocketOwner Owner(string tool, double first, double last, ushort localPort = 1) =>
        new(s_client, localPort, s_server, 443, tool, 100, new Timestamp((long)(first * 1e9)), new Timestamp((long)(last * 1e9)));

    [Fact]
    public void ToolOf_SightingDuringTheConnection_NamesItsProcess()
    {
        var lookup = new ManifestProcessLookup([Owner("curl", 10.1, 10.2)]);

        Assert.Equal("curl", lookup.ToolOf(Connection(10, 11)));
    }

    [Fact]
    public void ToolOf_SightingWithinTheSlack_Counts()
    {
        var lookup = new ManifestProcessLookup([Owner("curl", 11.9, 11.9)]);

        Assert.Equal("curl", lookup.ToolOf(Connection(10, 11)));
    }

    [Fact]
    public void ToolOf_SightingFarOutsideTheConnection_IsNull()
    {
        var lookup = new ManifestProcessLookup([Owner("curl", 30, 31)]);

        Assert.Null(lookup.ToolOf(Connection(10, 11)));
    }

    [Fact]
    public void ToolOf_ServerSideSocketOnly_IsNull()
    {
        // The server's socket has the server's endpoint as its own: it names the server process, never the client tool.
        var serverSide = new SocketOwner(s_server, 443, s_client, 1, "nginx", 5, new Timestamp(10_000_000_000), new Timestamp(11_000_000_000));
        var lookup = new ManifestProcessLookup([serverSide]);

        Assert.Null(lookup.ToolOf(Connection(10, 11)));
    }

    [Fact]
    public void ToolOf_FourTupleReused_PicksTheSightingNearestTheConnectionsStart()
    {
        var lookup = new ManifestProcessLookup([Owner("curl", 10.0, 10.5), Owner("wget", 11.2, 11.4)]);

        Assert.Equal("curl", lookup.ToolOf(Connection(10, 10.6)));
        Assert.Equal("wget", lookup.ToolOf(Connection(11.1, 11.5)));
    }

    [Fact]
    public void ToolOf_OtherPort_IsNull()
    {
        var lookup = new ManifestProcessLookup([Owner("curl", 10.1, 10.2, localPort: 2)]);

        Assert.Null(lookup.ToolOf(Connection(10, 11)));
    }
}
