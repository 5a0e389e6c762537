using PacketDotNet;
using PacketDotNet.Tcp;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Wire;

/// <summary>Compares a decoded <see cref="TcpPacketView"/> with the PacketDotNet packets that built the frame.</summary>
internal static class OracleAssert
{
    public static void Matches(IPPacket ip, TcpPacket tcp, TcpPacketView view)
    {
        Assert.Equal(ip is IPv4Packet ? 4 : 6, view.IpVersion);
        Assert.Equal(IpAddress.FromIPAddress(ip.SourceAddress), view.Source);
        Assert.Equal(IpAddress.FromIPAddress(ip.DestinationAddress), view.Destination);
        Assert.Equal(tcp.SourcePort, view.SourcePort);
        Assert.Equal(tcp.DestinationPort, view.DestinationPort);
        Assert.Equal(tcp.SequenceNumber, view.Sequence);
        Assert.Equal(tcp.AcknowledgmentNumber, view.Acknowledgment);
        Assert.Equal((TcpFlags)tcp.Flags, view.Flags);
        Assert.Equal(tcp.WindowSize, view.Window);
        Assert.Equal(tcp.PayloadData, view.Payload.ToArray());
        Assert.Equal(tcp.PayloadData.Length, view.PayloadLength);
        Assert.False(view.PayloadTruncated);
        OptionsMatch(tcp, view.Options);
    }

    private static void OptionsMatch(TcpPacket tcp, TcpOptions options)
    {
        bool mss = false, windowScale = false, sackPermitted = false, timestamps = false;
        foreach (TcpOption option in tcp.OptionsCollection ?? [])
        {
            switch (option)
            {
                case MaximumSegmentSizeOption m:
                    mss = true;
                    Assert.Equal(m.Value, options.Mss);
                    break;
                case WindowScaleFactorOption w:
                    windowScale = true;
                    Assert.Equal(w.ScaleFactor, options.WindowScale);
                    break;
                case SelectiveAcknowledgmentPermittedOption:
                    sackPermitted = true;
                    break;
                case TimeStampOption t:
                    timestamps = true;
                    Assert.Equal(t.Value, options.TsVal);
                    Assert.Equal(t.EchoReply, options.TsEcr);
                    break;
            }
        }

        Assert.Equal(mss, options.HasMss);
        Assert.Equal(windowScale, options.WindowScale >= 0);
        Assert.Equal(sackPermitted, options.SackPermitted);
        Assert.Equal(timestamps, options.HasTimestamps);
        Assert.False(options.Malformed);
    }
}
