using WireLens.Analysis.Connections;
using WireLens.Analysis.Ladder;
using WireLens.Capture.Files;
using WireLens.Capture.Frames;
using WireLens.Reporting.Inspection;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Cli.Inspection;

/// <summary>
/// The detail screen's frames, read back from the capture files (index = <see cref="ConnectionSummary.Capture"/>).
/// A ladder is the connection's frames FirstFrame..LastFrame on its 4-tuple (either direction), decoded as the
/// <see cref="Pipeline.PacketPipeline"/> decodes them and analysed again by a fresh <see cref="ConnectionTracker"/>
/// whose <see cref="LadderRecorder"/> records every segment: the verdicts are the analysis's own. Each file is opened
/// on first use and keeps a sparse frame index (<see cref="FrameIndex"/>), so a later request jumps near its frames.
/// Calls are serialised by a lock (the UI makes them from one background thread); nothing throws for a damaged,
/// growing or vanished file: null and a one-line message, or a partial ladder with a message saying why it stops.
/// </summary>
/// <remarks>
/// Differences from the report's analysis, both rare: a SYN that reused the ports of a connection still held (tshark's
/// tcp.analysis.reused_ports) is not flagged, as the fresh tracker never saw the earlier connection; and a BPF filter the
/// analysis ran with is not applied (frames of one 4-tuple pass any sensible filter alike).
/// </remarks>
public sealed class CaptureDetailSource : IConnectionDetailSource, IDisposable
{
    private readonly IReadOnlyList<string> _captures;
    private readonly ConnectionTrackerOptions _trackerOptions;
    private readonly CaptureFrameReader?[] _readers;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>A source over <paramref name="captures"/>; <paramref name="trackerOptions"/> should be the analysis's.</summary>
    public CaptureDetailSource(IReadOnlyList<string> captures, ConnectionTrackerOptions? trackerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(captures);
        _captures = [.. captures];
        _trackerOptions = trackerOptions ?? new ConnectionTrackerOptions();
        _readers = new CaptureFrameReader?[_captures.Count];
    }

    public ConnectionLadder? TryLoadLadder(in ConnectionSummary connection, out string message)
    {
        lock (_lock)
        {
            if (!TryGetReader(connection.Capture, out CaptureFrameReader? reader, out message))
            {
                return null;
            }

            if (connection.FirstFrame < 1 || connection.LastFrame < connection.FirstFrame)
            {
                message = $"stream {connection.Stream} has no frame range ({connection.FirstFrame}..{connection.LastFrame})";
                return null;
            }

            var recorder = new LadderRecorder(ConnectionLadder.MaxEvents);
            var tracker = new ConnectionTracker(_trackerOptions, NullSink.Instance) { SegmentObserver = recorder };
            var filter = new TupleFilter(connection.ClientIp, connection.ClientPort, connection.ServerIp, connection.ServerPort);
            FrameReadStatus status = reader!.ReadFrames(
                connection.FirstFrame,
                connection.LastFrame,
                (in CaptureRecord record) =>
                {
                    if (PacketDecoder.Decode(record.LinkType, record.Data, out TcpPacketView p) == DecodeStatus.Tcp
                        && filter.Matches(p.Source, p.SourcePort, p.Destination, p.DestinationPort))
                    {
                        var header = TcpSegmentHeader.FromPacket(in p, record.Timestamp, record.Number);
                        tracker.Process(new TcpSegment(in header, p.Payload));
                    }

                    return !recorder.Truncated;
                },
                out string readMessage);

            if (recorder.Events.Count == 0)
            {
                message = status == FrameReadStatus.Read
                    ? $"no frame of stream {connection.Stream} in frames {connection.FirstFrame}..{connection.LastFrame} of {Path.GetFileName(_captures[connection.Capture])}"
                    : readMessage;
                return null;
            }

            message = status == FrameReadStatus.Read ? string.Empty : readMessage;
            return new ConnectionLadder([.. recorder.Events], recorder.Truncated);
        }
    }

    public CapturedFrame? TryReadFrame(int capture, long frame, out string message)
    {
        lock (_lock)
        {
            if (!TryGetReader(capture, out CaptureFrameReader? reader, out message))
            {
                return null;
            }

            if (reader!.TryReadFrame(frame, out CopiedFrame? copy, out message) != FrameReadStatus.Read)
            {
                return null;
            }

            return new CapturedFrame(copy!.Number, copy.Time, copy.LinkType, copy.OriginalLength, copy.Data);
        }
    }

    /// <summary>The frame index of capture <paramref name="capture"/>, if it was opened (tests and diagnostics).</summary>
    public FrameIndex? IndexOf(int capture)
    {
        lock (_lock)
        {
            return (uint)capture < (uint)_readers.Length ? _readers[capture]?.Index : null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            for (int i = 0; i < _readers.Length; i++)
            {
                _readers[i]?.Dispose();
                _readers[i] = null;
            }
        }
    }

    private bool TryGetReader(int capture, out CaptureFrameReader? reader, out string message)
    {
        reader = null;
        if (_disposed)
        {
            message = "the capture files are closed";
            return false;
        }

        if ((uint)capture >= (uint)_readers.Length)
        {
            message = $"no capture file {capture} (there are {_readers.Length})";
            return false;
        }

        reader = _readers[capture];
        if (reader is not null)
        {
            message = string.Empty;
            return true;
        }

        // Not kept on failure: a live capture's file may not hold its header yet, and a later call tries again.
        if (CaptureFrameReader.TryOpen(_captures[capture], out reader, out message) != CaptureOpenStatus.Opened)
        {
            return false;
        }

        _readers[capture] = reader;
        return true;
    }

    private readonly record struct TupleFilter(IpAddress ClientIp, ushort ClientPort, IpAddress ServerIp, ushort ServerPort)
    {
        public bool Matches(IpAddress source, ushort sourcePort, IpAddress destination, ushort destinationPort) =>
            (sourcePort == ClientPort && destinationPort == ServerPort && source == ClientIp && destination == ServerIp)
            || (sourcePort == ServerPort && destinationPort == ClientPort && source == ServerIp && destination == ClientIp);
    }

    private sealed class NullSink : IConnectionSink
    {
        public static readonly NullSink Instance = new();

        public void OnConnection(ConnectionRecord record)
        {
        }
    }
}
