using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// The offline pipeline: capture file → link/IP/TCP decoding → connection tracker → sink. One pass,
/// streaming: nothing here holds packets, and the tracker releases connections as they finish. Reading and decoding
/// run on the calling thread, the tracker on a second one (<see cref="SegmentHandoff"/>). Released connections, or
/// their records when that thread had time to make them, go to the sinks through <see cref="RecordRelay"/>, in order
/// and one at a time, from the calling thread or from the second one while it has no segments to analyse.
/// </summary>
public static class CaptureAnalysisRunner
{
    private const int ProgressEvery = 65_536;

    /// <summary>How often the reading thread hands released connections to the sinks.</summary>
    private const int DeliverEvery = 1_024;

    public static CaptureAnalysisResult Run(CaptureFileReader reader, CaptureAnalysisOptions options, IConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var relay = new RecordRelay(sink);
        var pipeline = new PacketPipeline(options, relay);
        bool stopped = false;
        bool cancelled = false;

        using (var analysis = new SegmentHandoff(pipeline, behind => relay.AnalysisHasSlack = !behind, relay.DeliverOne))
        {
            Read(reader, options, pipeline, analysis, relay, ref stopped, ref cancelled);

            // At the end the analysis thread releases what is still held and makes the records itself (it has nothing
            // else to do), while this thread hands the finished batches of them to the sinks.
            analysis.Complete(
                finish: () =>
                {
                    relay.AnalysisHasSlack = true;
                    pipeline.Flush();
                },
                whileFinishing: relay.Deliver);
        }

        relay.DeliverAll();
        options.Progress?.Invoke(reader.CompressedBytesRead, pipeline.Counts.Packets);
        return new CaptureAnalysisResult(
            pipeline.Counts, pipeline.Tracker, reader.Damage, stopped, reader.TimestampDigits, pipeline.FirstPacket, pipeline.LastPacket)
        {
            Cancelled = cancelled,
        };
    }

    private static void Read(
        CaptureFileReader reader, CaptureAnalysisOptions options, PacketPipeline pipeline, SegmentHandoff analysis, RecordRelay relay,
        ref bool stopped, ref bool cancelled)
    {
        while (true)
        {
            CaptureReadStatus status = reader.ReadNext(out CaptureRecord record);
            if (status != CaptureReadStatus.Packet)
            {
                stopped = status == CaptureReadStatus.Stopped;
                break;
            }

            if (pipeline.Admit(in record, out TcpPacketView p))
            {
                analysis.Add(in p, record.Timestamp, record.Number);
            }

            if ((pipeline.Counts.Packets & (DeliverEvery - 1)) == 0)
            {
                relay.Deliver();
            }

            if ((pipeline.Counts.Packets & (ProgressEvery - 1)) == 0)
            {
                options.Progress?.Invoke(reader.CompressedBytesRead, pipeline.Counts.Packets);
                if (options.Cancellation.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }
            }
        }
    }
}
