using System.Buffers.Binary;

namespace WireLens.Wire.Ip;

/// <summary>Walks the IPv6 extension header chain (RFC 8200 section 4) to the upper-layer header.</summary>
public static class Ipv6ExtensionHeaders
{
    private const int NextHeaderOffset = 0;
    private const int LengthOffset = 1;
    private const int FragmentFieldOffset = 2;
    private const int FragmentHeaderLength = 8;
    private const int MinimumOptionHeaderLength = 2;
    private const ushort FragmentOffsetMask = 0xFFF8;
    private const ushort MoreFragmentsBit = 0x0001;

    // RFC 8200 4.3 / 4.4 / 4.6, hop-by-hop, routing and destination options share the first two bytes:
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  Next Header  |  Hdr Ext Len  |  (Hdr Ext Len + 1) * 8 bytes   |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // RFC 4302 section 2, authentication header: the same two bytes, but the length is (Payload Len + 2) * 4.
    // RFC 8200 4.5, fragment header, always 8 bytes:
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                         Identification                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+

    /// <summary>
    /// Follows the chain that starts with <paramref name="nextHeader"/> over <paramref name="payload"/> (the
    /// captured IPv6 payload). <paramref name="payloadLength"/> is the real payload length from the header, or
    /// <see cref="int.MaxValue"/> when it is unknown (payload length field 0).
    /// Returns <see cref="DecodeStatus.Tcp"/> with <paramref name="tcpOffset"/> at the TCP header;
    /// <see cref="DecodeStatus.Fragment"/> for a fragment other than an atomic one (offset 0, M = 0, RFC 6946);
    /// <see cref="DecodeStatus.NotTcp"/> for any other upper layer, ESP or no-next-header;
    /// <see cref="DecodeStatus.Malformed"/> when a header runs past the payload length;
    /// <see cref="DecodeStatus.Truncated"/> when it runs past the captured bytes.
    /// </summary>
    public static DecodeStatus FindTcp(ReadOnlySpan<byte> payload, int payloadLength, IpProtocol nextHeader, out int tcpOffset)
    {
        tcpOffset = 0;
        int offset = 0;
        while (true)
        {
            int headerLength;
            switch (nextHeader)
            {
                case IpProtocol.Tcp:
                    tcpOffset = offset;
                    return DecodeStatus.Tcp;

                case IpProtocol.HopByHop:
                case IpProtocol.Routing:
                case IpProtocol.DestinationOptions:
                case IpProtocol.Ah:
                    {
                        if (!Fits(payload, payloadLength, offset, MinimumOptionHeaderLength, out DecodeStatus failure))
                        {
                            return failure;
                        }

                        int lengthField = payload[offset + LengthOffset];
                        headerLength = nextHeader == IpProtocol.Ah ? (lengthField + 2) * 4 : (lengthField + 1) * 8;
                        break;
                    }

                case IpProtocol.Fragment:
                    headerLength = FragmentHeaderLength;
                    break;

                default:
                    // ESP (its payload is encrypted), no-next-header, UDP, ICMPv6 and unknown headers: not TCP.
                    return DecodeStatus.NotTcp;
            }

            if (!Fits(payload, payloadLength, offset, headerLength, out DecodeStatus headerFailure))
            {
                return headerFailure;
            }

            if (nextHeader == IpProtocol.Fragment)
            {
                ushort offsetAndFlags = BinaryPrimitives.ReadUInt16BigEndian(payload.Slice(offset + FragmentFieldOffset));
                if ((offsetAndFlags & (FragmentOffsetMask | MoreFragmentsBit)) != 0)
                {
                    return DecodeStatus.Fragment;
                }
            }

            nextHeader = (IpProtocol)payload[offset + NextHeaderOffset];
            offset += headerLength;
        }
    }

    // The IP payload length is checked first: a header beyond it is malformed even when the capture also ends early.
    private static bool Fits(ReadOnlySpan<byte> payload, int payloadLength, int offset, int needed, out DecodeStatus failure)
    {
        if (needed > payloadLength - offset)
        {
            failure = DecodeStatus.Malformed;
            return false;
        }

        if (needed > payload.Length - offset)
        {
            failure = DecodeStatus.Truncated;
            return false;
        }

        failure = default;
        return true;
    }
}
