using System.Runtime.CompilerServices;
using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// One packet at a time: filter → link/IP/TCP decoding → connection tracker → sink. The offline runner feeds it from a
/// file, the live capture from its analysis thread; both give the same records for the same packets.
/// </summary>
public sealed class PacketPipeline
{
    private readonly CaptureAnalysisOptions _options;
    private readonly ConnectionTracker _tracker;
    private LinkType _lastLinkType;

    /// <summary>A pipeline whose tracker makes each released connection's record and gives it to <paramref name="sink"/>.</summary>
    public PacketPipeline(CaptureAnalysisOptions options, IConnectionSink sink)
        : this(options, new RecordMakingSink(sink))
    {
    }

    /// <summary>A pipeline whose tracker hands released connections to <paramref name="sink"/>, which makes the records.</summary>
    public PacketPipeline(CaptureAnalysisOptions options, IReleasedConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _tracker = new ConnectionTracker(options.Tracker, sink);
    }

    public PacketCounts Counts { get; } = new();

    public TrackerStatistics Tracker => _tracker.Statistics;

    public Timestamp? FirstPacket { get; private set; }

    /// <summary>The latest packet time seen (the last record's unless the capture clock stepped back).</summary>
    public Timestamp? LastPacket { get; private set; }

    /// <summary>Counts, filters, decodes and analyses one packet.</summary>
    public void Process(in CaptureRecord record)
    {
        if (Admit(in record, out TcpPacketView p))
        {
            var header = TcpSegmentHeader.FromPacket(in p, record.Timestamp, record.Number);
            Analyze(new TcpSegment(in header, p.Payload));
        }
    }

    /// <summary>
    /// The first half of <see cref="Process"/>: counts the packet, applies the filter and decodes it. True when it is a
    /// TCP segment for the tracker (<see cref="Analyze"/>); the offline runner calls the two halves on two threads.
    /// </summary>
    // Inlined into the readers' loops: called once per packet, millions of times a second.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Admit(in CaptureRecord record, out TcpPacketView p)
    {
        PacketCounts counts = Counts;
        counts.Packets++;
        if (FirstPacket is null)
        {
            FirstPacket = record.Timestamp;
            _tracker.TimeOrigin = record.Timestamp; // before the first segment reaches the tracker, on whichever thread
        }

        // The latest time, not the last record's: after the capture clock stepped back the span stays non-negative.
        if (LastPacket is not { } latest || record.Timestamp > latest)
        {
            LastPacket = record.Timestamp;
        }

        if (record.LinkType != _lastLinkType || counts.LinkTypes.Count == 0)
        {
            _lastLinkType = record.LinkType;
            counts.LinkTypes.Add(record.LinkType);
        }

        if (_options.Filter is not null && !_options.Filter.Matches(record.LinkType, record.Data))
        {
            counts.FilteredOut++;
            p = default;
            return false;
        }

        switch (PacketDecoder.Decode(record.LinkType, record.Data, out p))
        {
            case DecodeStatus.Tcp:
                counts.Tcp++;
                if (p.HeaderTruncated || p.PayloadTruncated)
                {
                    counts.Truncated++; // cut by the snapshot length, still analysed from its headers
                }

                return true;
            case DecodeStatus.NotIp: counts.NotIp++; break;
            case DecodeStatus.NotTcp: counts.NotTcp++; break;
            case DecodeStatus.Fragment: counts.Fragments++; break;
            case DecodeStatus.Truncated: counts.Truncated++; break;
            case DecodeStatus.Malformed: counts.Malformed++; break;
            case DecodeStatus.UnsupportedLinkType: counts.UnsupportedLinkType++; break;
        }

        return false;
    }

    /// <summary>The second half of <see cref="Process"/>: one admitted segment through the connection tracker.</summary>
    public void Analyze(in TcpSegment segment) => _tracker.Process(in segment);

    /// <summary>Reads ahead for segments about to be analysed (<see cref="ConnectionTracker.ReadAhead"/>); changes nothing.</summary>
    public void ReadAhead(ReadOnlySpan<TcpSegmentHeader> coming) => _tracker.ReadAhead(coming);

    /// <summary>The live capture's clock moved on without a packet: release what lingered or idled past it.</summary>
    public void AdvanceTo(Timestamp now) => _tracker.AdvanceTo(now);

    /// <summary>Releases every connection still open, as at the end of a capture.</summary>
    public void Flush() => _tracker.Flush();
}
