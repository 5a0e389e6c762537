using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// The offline pipeline: capture file → link/IP/TCP decoding → connection tracker → sink. One pass,
/// streaming: nothing here holds packets, and the tracker releases connections as they finish.
/// </summary>
public static class CaptureAnalysisRunner
{
    private const int ProgressEvery = 65_536;

    public static CaptureAnalysisResult Run(CaptureFileReader reader, CaptureAnalysisOptions options, IConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var counts = new PacketCounts();
        var tracker = new ConnectionTracker(options.Tracker, sink);
        Timestamp? first = null;
        Timestamp last = default;
        bool stopped = false;

        while (true)
        {
            CaptureReadStatus status = reader.ReadNext(out CaptureRecord record);
            if (status != CaptureReadStatus.Packet)
            {
                stopped = status == CaptureReadStatus.Stopped;
                break;
            }

            counts.Packets++;
            if ((counts.Packets & (ProgressEvery - 1)) == 0)
            {
                options.Progress?.Invoke(reader.CompressedBytesRead, counts.Packets);
            }

            if (first is null)
            {
                first = record.Timestamp;
                tracker.TimeOrigin = first;
            }

            last = record.Timestamp;
            counts.LinkTypes.Add(record.LinkType);

            if (options.Filter is not null && !options.Filter.Matches(record.LinkType, record.Data))
            {
                counts.FilteredOut++;
                continue;
            }

            switch (PacketDecoder.Decode(record.LinkType, record.Data, out TcpPacketView p))
            {
                case DecodeStatus.Tcp:
                    counts.Tcp++;
                    tracker.Process(new TcpSegment(
                        p.Source, p.SourcePort, p.Destination, p.DestinationPort, p.Sequence, p.Acknowledgment,
                        p.Flags, p.Window, p.Options, p.PayloadLength, p.Payload, record.Timestamp, record.Number));
                    break;
                case DecodeStatus.NotIp: counts.NotIp++; break;
                case DecodeStatus.NotTcp: counts.NotTcp++; break;
                case DecodeStatus.Fragment: counts.Fragments++; break;
                case DecodeStatus.Truncated: counts.Truncated++; break;
                case DecodeStatus.Malformed: counts.Malformed++; break;
                case DecodeStatus.UnsupportedLinkType: counts.UnsupportedLinkType++; break;
            }
        }

        tracker.Flush();
        options.Progress?.Invoke(reader.CompressedBytesRead, counts.Packets);
        return new CaptureAnalysisResult(
            counts, tracker.Statistics, reader.Damage, stopped, reader.TimestampDigits, first, first is null ? null : last);
    }
}
