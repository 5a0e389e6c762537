using System.Diagnostics.CodeAnalysis;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.Wire;

/// <summary>
/// One decoded TCP segment, flattened from whatever link and IP layers carried it. Produced by
/// <see cref="PacketDecoder.Decode"/>; it points into the caller's frame bytes and so lives only as long as they do.
/// </summary>
public readonly ref struct TcpPacketView
{
    private readonly TcpHeader _tcp;
    private readonly TcpOptions _options;
    private readonly IpAddress _source;
    private readonly IpAddress _destination;
    private readonly int _payloadLength;
    private readonly byte _ipVersion;

    internal TcpPacketView(byte ipVersion, IpAddress source, IpAddress destination, TcpHeader tcp, TcpOptions options, int payloadLength)
    {
        _ipVersion = ipVersion;
        _source = source;
        _destination = destination;
        _tcp = tcp;
        _options = options;
        _payloadLength = payloadLength;
    }

    /// <summary>4 or 6.</summary>
    public byte IpVersion => _ipVersion;

    public IpAddress Source => _source;

    public IpAddress Destination => _destination;

    public ushort SourcePort => _tcp.SourcePort;

    public ushort DestinationPort => _tcp.DestinationPort;

    public uint Sequence => _tcp.Sequence;

    public uint Acknowledgment => _tcp.Acknowledgment;

    public TcpFlags Flags => _tcp.Flags;

    /// <summary>The window field as sent, not scaled.</summary>
    public ushort Window => _tcp.Window;

    /// <summary>The decoded options, by reference (they hold up to four SACK blocks).</summary>
    [UnscopedRef]
    public ref readonly TcpOptions Options => ref _options;

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
}
