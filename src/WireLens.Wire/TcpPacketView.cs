using System.Runtime.CompilerServices;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.Wire;

/// <summary>
/// One decoded TCP segment, flattened from whatever link and IP layers carried it. Produced by
/// <see cref="PacketDecoder.Decode"/>; it points into the caller's frame bytes and so lives only as long as they do.
/// </summary>
public readonly ref struct TcpPacketView
{
    // Spans over the frame, not decoded values: the view is copied from layer to layer while it is made, and each
    // field is read once, by whoever needs it. Decoded (two addresses, the options with their SACK blocks) it took
    // about 150 bytes, which were cleared and copied several times a packet.
    private readonly ReadOnlySpan<byte> _addresses; // source then destination: 8 bytes for IPv4, 32 for IPv6
    private readonly TcpHeader _tcp;
    private readonly int _payloadLength;

    internal TcpPacketView(ReadOnlySpan<byte> addresses, TcpHeader tcp, int payloadLength)
    {
        _addresses = addresses;
        _tcp = tcp;
        _payloadLength = payloadLength;
    }

    /// <summary>4 or 6.</summary>
    public byte IpVersion => IsIpv4 ? (byte)4 : (byte)6;

    public IpAddress Source => IsIpv4 ? IpAddress.FromIPv4(_addresses) : IpAddress.FromIPv6(_addresses);

    public IpAddress Destination => IsIpv4 ? IpAddress.FromIPv4(_addresses.Slice(4)) : IpAddress.FromIPv6(_addresses.Slice(16));

    public ushort SourcePort => _tcp.SourcePort;

    public ushort DestinationPort => _tcp.DestinationPort;

    public uint Sequence => _tcp.Sequence;

    public uint Acknowledgment => _tcp.Acknowledgment;

    public TcpFlags Flags => _tcp.Flags;

    /// <summary>The window field as sent, not scaled.</summary>
    public ushort Window => _tcp.Window;

    /// <summary>The decoded options; decoded at each call (default when the header has none).</summary>
    /// <remarks>Returned through a copy; <see cref="ReadOptions"/> decodes into the caller's storage.</remarks>
    public TcpOptions Options
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _tcp.HeaderLength == TcpHeader.MinimumLength ? default : TcpOptions.Parse(_tcp.Options);
    }

    /// <summary>Decodes the options into <paramref name="options"/>, in place (default when the header has none).</summary>
    public void ReadOptions(out TcpOptions options)
    {
        if (_tcp.HeaderLength == TcpHeader.MinimumLength)
        {
            options = default;
        }
        else
        {
            TcpOptions.Parse(_tcp.Options, out options);
        }
    }

    /// <summary>The TCP header itself, for the fields the flat view leaves out (checksum, urgent pointer, raw options).</summary>
    public TcpHeader Tcp => _tcp;

    /// <summary>
    /// The segment's payload length from the IP header lengths (from the captured length only when the IP length
    /// field is 0), so a packet cut by snaplen still reports its real length.
    /// </summary>
    public int PayloadLength => _payloadLength;

    /// <summary>The captured part of the payload, at most <see cref="PayloadLength"/> bytes; link padding is never included.</summary>
    public ReadOnlySpan<byte> Payload => _tcp.Payload;

    /// <summary>True when the capture holds less payload than the segment carried.</summary>
    public bool PayloadTruncated => _tcp.Payload.Length < _payloadLength;

    /// <summary>
    /// True when the snapshot length cut the TCP options: <see cref="Options"/> holds only those before the cut and
    /// the payload was not captured at all.
    /// </summary>
    public bool HeaderTruncated => _tcp.OptionsTruncated;

    private bool IsIpv4 => _addresses.Length == 8;
}
