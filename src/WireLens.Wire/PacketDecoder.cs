using System.Buffers;
using WireLens.Wire.Ip;
using WireLens.Wire.Link;
using WireLens.Wire.Tcp;

namespace WireLens.Wire;

/// <summary>
/// Decodes one captured frame of any supported link type down to its TCP segment, without allocation.
/// Length rules follow tshark: the IP length bounds the packet (link padding is dropped), an IP length of 0
/// (TSO on the capturing host) means "use the captured length", a capture cut inside the payload still decodes
/// with the real payload length, a capture cut inside the TCP options decodes from the fixed TCP header
/// (<see cref="TcpPacketView.HeaderTruncated"/>), and a capture cut before the end of the fixed TCP header is
/// <see cref="DecodeStatus.Truncated"/>.
/// </summary>
public static class PacketDecoder
{
    /// <summary>Decodes <paramref name="frame"/>; <paramref name="packet"/> is valid only for <see cref="DecodeStatus.Tcp"/>.</summary>
    public static DecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, out TcpPacketView packet)
    {
        // Each step hands `packet` straight down; only a step that stops early clears it, so the view (spans over the
        // frame, 48 bytes) is written once per packet.
        switch (linkType)
        {
            case LinkType.Ethernet:
                if (EthernetHeader.TryCreate(frame, out EthernetHeader ethernet))
                {
                    return DecodeEtherType((ushort)ethernet.EtherType, ethernet.Payload, out packet);
                }

                break;

            case LinkType.Null:
            case LinkType.Loop:
                if (NullLoopbackHeader.TryCreate(frame, out NullLoopbackHeader loopback))
                {
                    return DecodeIp(loopback.IpVersion, loopback.Payload, out packet);
                }

                break;

            case LinkType.LinuxSll:
                if (LinuxSllHeader.TryCreate(frame, out LinuxSllHeader sll))
                {
                    return DecodeEtherType((ushort)sll.Protocol, sll.Payload, out packet);
                }

                break;

            case LinkType.LinuxSll2:
                if (LinuxSll2Header.TryCreate(frame, out LinuxSll2Header sll2))
                {
                    return DecodeEtherType((ushort)sll2.Protocol, sll2.Payload, out packet);
                }

                break;

            case LinkType.Raw:
                // LINKTYPE_RAW: no link header; the first nibble of the IP header says which version follows.
                if (!frame.IsEmpty)
                {
                    return DecodeIp((byte)(frame[0] >> 4), frame, out packet);
                }

                break;

            case LinkType.Ipv4:
                return DecodeIpv4(frame, out packet);

            case LinkType.Ipv6:
                return DecodeIpv6(frame, out packet);

            default:
                packet = default;
                return DecodeStatus.UnsupportedLinkType;
        }

        packet = default;
        return DecodeStatus.Truncated;
    }

    private static DecodeStatus DecodeEtherType(ushort etherType, ReadOnlySpan<byte> payload, out TcpPacketView packet)
    {
        // Ethernet has skipped its tags already; cooked captures may still carry one when libpcap re-inserts it.
        if (VlanTags.IsTagProtocol(etherType))
        {
            if (!VlanTags.TrySkip(payload, ref etherType, out int tagBytes))
            {
                packet = default;
                return DecodeStatus.Truncated;
            }

            payload = payload.Slice(tagBytes);
        }

        switch (etherType)
        {
            case (ushort)EtherType.Ipv4:
                return DecodeIpv4(payload, out packet);
            case (ushort)EtherType.Ipv6:
                return DecodeIpv6(payload, out packet);
            default:
                packet = default;
                return DecodeStatus.NotIp;
        }
    }

    private static DecodeStatus DecodeIp(byte version, ReadOnlySpan<byte> data, out TcpPacketView packet)
    {
        switch (version)
        {
            case 4:
                return DecodeIpv4(data, out packet);
            case 6:
                return DecodeIpv6(data, out packet);
            default:
                packet = default;
                return DecodeStatus.NotIp;
        }
    }

    private static DecodeStatus DecodeIpv4(ReadOnlySpan<byte> data, out TcpPacketView packet)
    {
        if (!Ipv4Header.TryCreate(data, out Ipv4Header ip, out OperationStatus status))
        {
            packet = default;
            return ToDecodeStatus(status);
        }

        if (ip.Protocol != IpProtocol.Tcp)
        {
            packet = default;
            return DecodeStatus.NotTcp;
        }

        // RFC 791 3.2: only offset 0 with MF clear is a whole datagram; fragments are not reassembled here.
        if (ip.IsFragment)
        {
            packet = default;
            return DecodeStatus.Fragment;
        }

        return DecodeTcp(ip.Addresses, ip.Payload, ip.PayloadLength, ip.TotalLength == 0, out packet);
    }

    private static DecodeStatus DecodeIpv6(ReadOnlySpan<byte> data, out TcpPacketView packet)
    {
        if (!Ipv6Header.TryCreate(data, out Ipv6Header ip, out OperationStatus status))
        {
            packet = default;
            return ToDecodeStatus(status);
        }

        ReadOnlySpan<byte> payload = ip.Payload;
        bool lengthFromCapture = ip.IsPayloadLengthFromCapture;
        int payloadLength = ip.PayloadLength;
        DecodeStatus chain = Ipv6ExtensionHeaders.FindTcp(
            payload, lengthFromCapture ? int.MaxValue : payloadLength, ip.NextHeader, out int tcpOffset);
        if (chain != DecodeStatus.Tcp)
        {
            packet = default;
            return chain;
        }

        return DecodeTcp(ip.Addresses, payload.Slice(tcpOffset), payloadLength - tcpOffset, lengthFromCapture, out packet);
    }

    // addresses: the IP header's source and destination addresses (8 bytes for IPv4, 32 for IPv6).
    // segment: the captured bytes of the segment, already bounded by the IP length.
    // segmentLength: the length the IP header declares, or the captured length when lengthFromCapture
    // (IP length field 0).
    private static DecodeStatus DecodeTcp(
        ReadOnlySpan<byte> addresses,
        ReadOnlySpan<byte> segment,
        int segmentLength,
        bool lengthFromCapture,
        out TcpPacketView packet)
    {
        if (!lengthFromCapture && segmentLength < TcpHeader.MinimumLength)
        {
            packet = default;
            return DecodeStatus.Malformed;
        }

        if (!TcpHeader.TryCreate(segment, out TcpHeader tcp, out OperationStatus status))
        {
            // The snapshot length cut the options (the IP header says more was sent than captured): analyse the
            // segment from its fixed header and the options before the cut (tshark keeps such a segment in its stream
            // but stops at the cut option, before its sequence analysis; docs/analysis.md). A cut option sets
            // TcpOptions.Malformed; the payload length still comes from the IP header.
            if (status == OperationStatus.NeedMoreData
                && !lengthFromCapture
                && segment.Length < segmentLength
                && TcpHeader.TryCreateCut(segment, out tcp)
                && tcp.HeaderLength <= segmentLength)
            {
                packet = new TcpPacketView(addresses, tcp, segmentLength - tcp.HeaderLength);
                return DecodeStatus.Tcp;
            }

            // Everything the IP header declared was captured and the TCP header still does not fit: the data
            // offset contradicts the IP length. Otherwise snaplen cut the header.
            packet = default;
            return status == OperationStatus.NeedMoreData && !lengthFromCapture && segment.Length == segmentLength
                ? DecodeStatus.Malformed
                : ToDecodeStatus(status);
        }

        packet = new TcpPacketView(addresses, tcp, segmentLength - tcp.HeaderLength);
        return DecodeStatus.Tcp;
    }

    private static DecodeStatus ToDecodeStatus(OperationStatus status) =>
        status == OperationStatus.NeedMoreData ? DecodeStatus.Truncated : DecodeStatus.Malformed;
}
