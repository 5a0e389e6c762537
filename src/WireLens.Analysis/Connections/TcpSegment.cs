using System.Diagnostics.CodeAnalysis;
using WireLens.Analysis.Tcp;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Connections;

/// <summary>
/// One decoded TCP segment as the tracker consumes it: a reference to its header fields (<see cref="TcpSegmentHeader"/>)
/// and the captured part of its payload, both valid only for the duration of the call.
/// </summary>
/// <remarks>
/// The header is referenced, not copied: the offline runner hands over segments in batches of headers, and the
/// tracker reads each one where the reading thread wrote it.
/// </remarks>
public readonly ref struct TcpSegment
{
    private readonly ref readonly TcpSegmentHeader _header;

    public TcpSegment(ref readonly TcpSegmentHeader header, ReadOnlySpan<byte> payload)
    {
        _header = ref header;
        Payload = payload;
    }

    public ref readonly TcpSegmentHeader Header => ref _header;

    public IpAddress Source => _header.Source;
    public ushort SourcePort => _header.SourcePort;
    public IpAddress Destination => _header.Destination;
    public ushort DestinationPort => _header.DestinationPort;
    public uint Sequence => _header.Sequence;
    public uint Acknowledgment => _header.Acknowledgment;
    public TcpFlags Flags => _header.Flags;
    public ushort Window => _header.Window;

    /// <summary>The options the analysis uses (SACK blocks, timestamps ...); default when the header has none.</summary>
    public ref readonly TcpOptions Options => ref _header.Options;

    /// <summary>The real payload length, from the IP header (the captured part may be shorter).</summary>
    public int PayloadLength => _header.PayloadLength;

    /// <summary>The captured part of the payload.</summary>
    public ReadOnlySpan<byte> Payload { get; }
    public Timestamp Time => _header.Time;
    public long FrameNumber => _header.FrameNumber;

    public bool IsPureSyn => _header.IsPureSyn;

    public bool IsSynAck => _header.IsSynAck;
}

/// <summary>
/// A TCP segment's header fields as the analysis uses them, with the decoded options, the real payload length (from the
/// IP header), the capture time, the frame number and the connection key (<see cref="Key"/>). Fields are ordered so
/// the struct has no padding holes but at its end.
/// </summary>
/// <remarks>
/// Not a readonly struct for one reason: <see cref="SetFromPacket"/> writes a header where it lies, in a segment
/// batch's array, field by field. Built aside and copied, it was copied twice per packet through a call to memmove.
/// Every other member is readonly. The addresses and ports are read back from the key rather than kept beside it: the
/// batches are written and read once per packet, and that cut a header from 184 bytes to 136.
/// </remarks>
public struct TcpSegmentHeader
{
    private FlowKey _key; // holds the addresses and ports: the source is endpoint A when _fromA
    private Timestamp _time;
    private long _frameNumber;
    private TcpOptions _options;
    private uint _sequence;
    private uint _acknowledgment;
    private int _payloadLength;
    private ushort _window;
    private TcpFlags _flags;
    private int _keyHash;
    private bool _fromA;

    public TcpSegmentHeader(
        IpAddress source,
        ushort sourcePort,
        IpAddress destination,
        ushort destinationPort,
        uint sequence,
        uint acknowledgment,
        TcpFlags flags,
        ushort window,
        in TcpOptions options,
        int payloadLength,
        Timestamp time,
        long frameNumber)
    {
        SetKey(source, sourcePort, destination, destinationPort);
        _sequence = sequence;
        _acknowledgment = acknowledgment;
        _flags = flags;
        _window = window;
        _options = options;
        _payloadLength = payloadLength;
        _time = time;
        _frameNumber = frameNumber;
    }

    /// <summary>The header of a decoded packet <paramref name="p"/>, captured at <paramref name="time"/> as frame <paramref name="frameNumber"/>.</summary>
    public static TcpSegmentHeader FromPacket(in TcpPacketView p, Timestamp time, long frameNumber) => new(
        p.Source, p.SourcePort, p.Destination, p.DestinationPort, p.Sequence, p.Acknowledgment, p.Flags, p.Window,
        p.Options, p.PayloadLength, time, frameNumber);

    /// <summary>Sets this header, in place, to that of decoded packet <paramref name="p"/> (see the remarks).</summary>
    public void SetFromPacket(in TcpPacketView p, Timestamp time, long frameNumber)
    {
        SetKey(p.Source, p.SourcePort, p.Destination, p.DestinationPort);
        _sequence = p.Sequence;
        _acknowledgment = p.Acknowledgment;
        _flags = p.Flags;
        _window = p.Window;
        p.ReadOptions(out _options);
        _payloadLength = p.PayloadLength;
        _time = time;
        _frameNumber = frameNumber;
    }

    /// <summary>
    /// The segment's 4-tuple as the tracker keys connections, with its hash and direction, computed with the header
    /// (on the reading thread, for the offline runner) so the tracker's thread, the busier one, does not.
    /// </summary>
    [UnscopedRef]
    public readonly ref readonly FlowKey Key => ref _key;

    /// <summary><see cref="Key"/>'s hash code.</summary>
    public readonly int KeyHash => _keyHash;

    /// <summary>True when the segment was sent by <see cref="Key"/>'s endpoint A.</summary>
    public readonly bool FromA => _fromA;

    private void SetKey(IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort)
    {
        _key = FlowKey.Create(source, sourcePort, destination, destinationPort, out _fromA);
        _keyHash = _key.GetHashCode();
    }

    public readonly IpAddress Source => _fromA ? _key.AddressA : _key.AddressB;
    public readonly ushort SourcePort => _fromA ? _key.PortA : _key.PortB;
    public readonly IpAddress Destination => _fromA ? _key.AddressB : _key.AddressA;
    public readonly ushort DestinationPort => _fromA ? _key.PortB : _key.PortA;
    public readonly uint Sequence => _sequence;
    public readonly uint Acknowledgment => _acknowledgment;
    public readonly TcpFlags Flags => _flags;
    public readonly ushort Window => _window;

    /// <summary>SYN without ACK: a connection's opening segment.</summary>
    public readonly bool IsPureSyn => (_flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

    public readonly bool IsSynAck => (_flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);

    /// <summary>The decoded options, by reference (they hold up to four SACK blocks).</summary>
    [UnscopedRef]
    public readonly ref readonly TcpOptions Options => ref _options;

    public readonly int PayloadLength => _payloadLength;
    public readonly Timestamp Time => _time;
    public readonly long FrameNumber => _frameNumber;
}
