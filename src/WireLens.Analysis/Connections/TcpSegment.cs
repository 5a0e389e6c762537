using System.Diagnostics.CodeAnalysis;
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

    public bool IsPureSyn => (_header.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

    public bool IsSynAck => (_header.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);
}

/// <summary>
/// A TCP segment's header fields as the analysis uses them, with the decoded options, the real payload length (from the
/// IP header), the capture time and the frame number. Fields are ordered so the struct has no padding holes.
/// </summary>
public readonly struct TcpSegmentHeader
{
    private readonly IpAddress _source;
    private readonly IpAddress _destination;
    private readonly Timestamp _time;
    private readonly long _frameNumber;
    private readonly TcpOptions _options;
    private readonly uint _sequence;
    private readonly uint _acknowledgment;
    private readonly int _payloadLength;
    private readonly ushort _sourcePort;
    private readonly ushort _destinationPort;
    private readonly ushort _window;
    private readonly TcpFlags _flags;

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
        _source = source;
        _sourcePort = sourcePort;
        _destination = destination;
        _destinationPort = destinationPort;
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

    public IpAddress Source => _source;
    public ushort SourcePort => _sourcePort;
    public IpAddress Destination => _destination;
    public ushort DestinationPort => _destinationPort;
    public uint Sequence => _sequence;
    public uint Acknowledgment => _acknowledgment;
    public TcpFlags Flags => _flags;
    public ushort Window => _window;

    /// <summary>The decoded options, by reference (they hold up to four SACK blocks).</summary>
    [UnscopedRef]
    public ref readonly TcpOptions Options => ref _options;

    public int PayloadLength => _payloadLength;
    public Timestamp Time => _time;
    public long FrameNumber => _frameNumber;
}
