using System.Net;
using PacketDotNet;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tcp;
using WireLens.UnitTests.Wire;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// A segment header keeps the addresses and ports only in its connection key; read back, they must be the packet's own
/// whichever endpoint of the key sent it.
/// </summary>
public class TcpSegmentHeaderTests
{
    private const ushort PshAck = 0x018;

    public static TheoryData<string, string, ushort, string, ushort> Endpoints => new()
    {
        // From the higher address (endpoint B of the key) and from the lower one (endpoint A).
        { "v4 from B", "192.168.1.10", 51_234, "10.0.0.80", 8080 },
        { "v4 from A", "10.0.0.80", 8080, "192.168.1.10", 51_234 },
        { "v6 from B", "2001:db8:1::80", 443, "2001:db8::10", 40_000 },
        { "v6 from A", "2001:db8::10", 40_000, "2001:db8:1::80", 443 },

        // Same address: the port decides; a packet to its own address and port is from A.
        { "v4 loopback higher port", "127.0.0.1", 60_000, "127.0.0.1", 80 },
        { "v4 loopback lower port", "127.0.0.1", 80, "127.0.0.1", 60_000 },
        { "v4 to itself", "127.0.0.1", 5000, "127.0.0.1", 5000 },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public void SetFromPacket_ReadsTheEndpointsBackFromTheKey(string name, string source, ushort sourcePort, string destination, ushort destinationPort)
    {
        // Arrange
        Assert.NotEmpty(name);
        TcpPacket tcp = TestPackets.Tcp(PshAck, TestPackets.TimestampOptions, TestPackets.HttpRequest);
        tcp.SourcePort = sourcePort;
        tcp.DestinationPort = destinationPort;
        IPPacket ip = IPAddress.Parse(source).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? new IPv4Packet(IPAddress.Parse(source), IPAddress.Parse(destination)) { Protocol = ProtocolType.Tcp, TimeToLive = 64, PayloadPacket = tcp }
            : new IPv6Packet(IPAddress.Parse(source), IPAddress.Parse(destination)) { NextHeader = ProtocolType.Tcp, HopLimit = 64, PayloadPacket = tcp };
        ip.UpdateCalculatedValues();
        Assert.Equal(DecodeStatus.Tcp, PacketDecoder.Decode(LinkType.Ethernet, TestPackets.Ethernet(ip), out TcpPacketView view));
        var headers = new TcpSegmentHeader[1];

        // Act
        headers[0].SetFromPacket(in view, new Timestamp(1_000), frameNumber: 7);

        // Assert
        ref readonly TcpSegmentHeader header = ref headers[0];
        Assert.Equal(IpAddress.FromIPAddress(IPAddress.Parse(source)), header.Source);
        Assert.Equal(sourcePort, header.SourcePort);
        Assert.Equal(IpAddress.FromIPAddress(IPAddress.Parse(destination)), header.Destination);
        Assert.Equal(destinationPort, header.DestinationPort);
        bool sourceIsA = header.Key.AddressA == header.Source && header.Key.PortA == sourcePort;
        bool sourceIsB = header.Key.AddressB == header.Source && header.Key.PortB == sourcePort;
        Assert.True(header.FromA ? sourceIsA : sourceIsB);
        Assert.Equal(view.Sequence, header.Sequence);
        Assert.Equal(view.PayloadLength, header.PayloadLength);
        Assert.Equal(4096u, header.Options.TsVal);
        Assert.Equal(7, header.FrameNumber);

        // The other direction has the same key, from the other endpoint.
        FlowKey reverse = FlowKey.Create(header.Destination, destinationPort, header.Source, sourcePort, out bool reverseFromA);
        Assert.Equal(header.Key, reverse);
        Assert.Equal(header.KeyHash, reverse.GetHashCode());
        Assert.Equal(source == destination && sourcePort == destinationPort || !header.FromA, reverseFromA);
    }
}
