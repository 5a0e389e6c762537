using System.Buffers;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;
using WireLens.Wire.Tcp;

namespace WireLens.Wire;

/// <summary>
/// Decodes one captured frame of any supported link type down to its TCP segment, without allocation.
/// Length rules follow tshark: the IP length bounds the packet (link padding is dropped), an IP length of 0
/// (TSO on the capturing host) means "use the captured length", a capture cut inside the payload still decodes
/// with the real payload length, and a capture cut inside a header is <see cref="DecodeStatus.Truncated"/>.
/// </summary>
public static class PacketDecoder
{
    /// <summary>Decodes <paramref name="frame"/>; <paramref name="packet"/> is valid only for <see cref="DecodeStatus.Tcp"/>.</summary>
    public static DecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, out TcpPacketView packet)
    {
        packet = default;
        switch (linkType)
        {
            case LinkType.Ethernet:
                return EthernetHeader.TryCreate(frame, out EthernetHeader ethernet)
                    ? DecodeEtherType((ushort)ethernet.EtherType, ethernet.Payload, out packet)
                    : DecodeStatus.Truncated;

            case LinkType.Null:
            case LinkType.Loop:
                if (!NullLoopbackHeader.TryCreate(frame, out NullLoopbackHeader loopback))
                {
                    return DecodeStatus.Truncated;
                }

                return loopback.IpVersion switch
                {
                    4 => DecodeIpv4(loopback.Payload, out packet),
                    6 => DecodeIpv6(loopback.Payload, out packet),
                    _ => DecodeStatus.NotIp,
                };

            case LinkType.LinuxSll:
                return LinuxSllHeader.TryCreate(frame, out LinuxSllHeader sll)
                    ? DecodeEtherType((ushort)sll.Protocol, sll.Payload, out packet)
                    : DecodeStatus.Truncated;

            case LinkType.LinuxSll2:
                return LinuxSll2Header.TryCreate(frame, out LinuxSll2Header sll2)
                    ? DecodeEtherType((ushort)sll2.Protocol, sll2.Payload, out packet)
                    : DecodeStatus.Truncated;

            case LinkType.Raw:
                return DecodeRaw(frame, out packet);

            case LinkType.Ipv4:
                return DecodeIpv4(frame, out packet);

            case LinkType.Ipv6:
                return DecodeIpv6(frame, out packet);

            default:
                return DecodeStatus.UnsupportedLinkType;
        }
    }

    private static DecodeStatus DecodeEtherType(ushort etherType, ReadOnlySpan<byte> payload, out TcpPacketView packet)
    {
        packet = default;

        // Ethernet has skipped its tags already; cooked captures may still carry one when libpcap re-inserts it.
        if (VlanTags.IsTagProtocol(etherType))
        {
            if (!VlanTags.TrySkip(payload, ref etherType, out int tagBytes))
            {
                return DecodeStatus.Truncated;
            }

            payload = payload.Slice(tagBytes);
        }

        return etherType switch
        {
            (ushort)EtherType.Ipv4 => DecodeIpv4(payload, out packet),
            (ushort)EtherType.Ipv6 => DecodeIpv6(payload, out packet),
            _ => DecodeStatus.NotIp,
        };
    }

    // LINKTYPE_RAW: no link header; the first nibble of the IP header says which version follows.
    private static DecodeStatus DecodeRaw(ReadOnlySpan<byte> frame, out TcpPacketView packet)
    {
        packet = default;
        if (frame.IsEmpty)
        {
            return DecodeStatus.Truncated;
        }

        return (frame[0] >> 4) switch
        {
            4 => DecodeIpv4(frame, out packet),
            6 => DecodeIpv6(frame, out packet),
            _ => DecodeStatus.NotIp,
        };
    }

    private static DecodeStatus DecodeIpv4(ReadOnlySpan<byte> data, out TcpPacketView packet)
    {
        packet = default;
        if (!Ipv4Header.TryCreate(data, out Ipv4Header ip, out OperationStatus status))
        {
            return ToDecodeStatus(status);
        }

        if (ip.Protocol != IpProtocol.Tcp)
        {
            return DecodeStatus.NotTcp;
        }

        // RFC 791 3.2: only offset 0 with MF clear is a whole datagram; fragments are not reassembled here.
        if (ip.IsFragment)
        {
            return DecodeStatus.Fragment;
        }

        return DecodeTcp(4, ip.Source, ip.Destination, ip.Payload, ip.PayloadLength, ip.TotalLength == 0, out packet);
    }

    private static DecodeStatus DecodeIpv6(ReadOnlySpan<byte> data, out TcpPacketView packet)
    {
        packet = default;
        if (!Ipv6Header.TryCreate(data, out Ipv6Header ip, out OperationStatus status))
        {
            return ToDecodeStatus(status);
        }

        ReadOnlySpan<byte> payload = ip.Payload;
        bool lengthFromCapture = ip.IsPayloadLengthFromCapture;
        int payloadLength = ip.PayloadLength;
        DecodeStatus chain = Ipv6ExtensionHeaders.FindTcp(
            payload, lengthFromCapture ? int.MaxValue : payloadLength, ip.NextHeader, out int tcpOffset);
        if (chain != DecodeStatus.Tcp)
        {
            return chain;
        }

        return DecodeTcp(6, ip.Source, ip.Destination, payload.Slice(tcpOffset), payloadLength - tcpOffset, lengthFromCapture, out packet);
    }

    // segment: the captured bytes of the segment, already bounded by the IP length.
    // segmentLength: the length the IP header declares, or the captured length when lengthFromCapture
    // (IP length field 0).
    private static DecodeStatus DecodeTcp(
        byte ipVersion,
        IpAddress source,
        IpAddress destination,
        ReadOnlySpan<byte> segment,
        int segmentLength,
        bool lengthFromCapture,
        out TcpPacketView packet)
    {
        packet = default;
        if (!lengthFromCapture && segmentLength < TcpHeader.MinimumLength)
        {
            return DecodeStatus.Malformed;
        }

        if (!TcpHeader.TryCreate(segment, out TcpHeader tcp, out OperationStatus status))
        {
            // Everything the IP header declared was captured and the TCP header still does not fit: the data
            // offset contradicts the IP length. Otherwise snaplen cut the header.
            return status == OperationStatus.NeedMoreData && !lengthFromCapture && segment.Length == segmentLength
                ? DecodeStatus.Malformed
                : ToDecodeStatus(status);
        }

        TcpOptions options = tcp.HeaderLength == TcpHeader.MinimumLength ? default : TcpOptions.Parse(tcp.Options);
        packet = new TcpPacketView(ipVersion, source, destination, tcp, options, segmentLength - tcp.HeaderLength);
        return DecodeStatus.Tcp;
    }

    private static DecodeStatus ToDecodeStatus(OperationStatus status) =>
        status == OperationStatus.NeedMoreData ? DecodeStatus.Truncated : DecodeStatus.Malformed;
}
