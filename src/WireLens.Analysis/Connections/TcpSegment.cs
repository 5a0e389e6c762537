using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Connections;

/// <summary>
/// One decoded TCP segment as the tracker consumes it: header fields, the decoded options, its real payload length
/// (from the IP header) and the captured part of the payload, valid only for the duration of the call.
/// </summary>
public readonly ref struct TcpSegment
{
    public TcpSegment(
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
        ReadOnlySpan<byte> payload,
        Timestamp time,
        long frameNumber)
    {
        Source = source;
        SourcePort = sourcePort;
        Destination = destination;
        DestinationPort = destinationPort;
        Sequence = sequence;
        Acknowledgment = acknowledgment;
        Flags = flags;
        Window = window;
        Options = options;
        PayloadLength = payloadLength;
        Payload = payload;
        Time = time;
        FrameNumber = frameNumber;
    }

    public IpAddress Source { get; }
    public ushort SourcePort { get; }
    public IpAddress Destination { get; }
    public ushort DestinationPort { get; }
    public uint Sequence { get; }
    public uint Acknowledgment { get; }
    public TcpFlags Flags { get; }
    public ushort Window { get; }

    /// <summary>The options the analysis uses (SACK blocks, timestamps ...); default when the header has none.</summary>
    public TcpOptions Options { get; }
    public int PayloadLength { get; }
    public ReadOnlySpan<byte> Payload { get; }
    public Timestamp Time { get; }
    public long FrameNumber { get; }

    public bool IsPureSyn => (Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn;

    public bool IsSynAck => (Flags & (TcpFlags.Syn | TcpFlags.Ack)) == (TcpFlags.Syn | TcpFlags.Ack);
}
