using WireLens.Analysis.Connections;
using WireLens.Capture.Files;
using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// The offline pipeline: capture file → link/IP/TCP decoding → connection tracker → sink. One pass,
/// streaming: nothing here holds packets, and the tracker releases connections as they finish. Reading and decoding
/// run on the calling thread, the tracker and the sinks on a second one (<see cref="SegmentHandoff"/>); the sinks are
/// called on that thread, one record at a time, and everything they did is visible to the caller when this returns.
/// </summary>
public static class CaptureAnalysisRunner
{
    private const int ProgressEvery = 65_536;

    public static CaptureAnalysisResult Run(CaptureFileReader reader, CaptureAnalysisOptions options, IConnectionSink sink)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var pipeline = new PacketPipeline(options, sink);
        bool stopped = false;
        bool cancelled = false;

        using (var analysis = new SegmentHandoff(pipeline))
        {
            Read(reader, options, pipeline, analysis, ref stopped, ref cancelled);
            analysis.Complete();
        }

        pipeline.Flush();
        options.Progress?.Invoke(reader.CompressedBytesRead, pipeline.Counts.Packets);
        return new CaptureAnalysisResult(
            pipeline.Counts, pipeline.Tracker, reader.Damage, stopped, reader.TimestampDigits, pipeline.FirstPacket, pipeline.LastPacket)
        {
            Cancelled = cancelled,
        };
    }

    private static void Read(
        CaptureFileReader reader, CaptureAnalysisOptions options, PacketPipeline pipeline, SegmentHandoff analysis, ref bool stopped, ref bool cancelled)
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

            if ((pipeline.Counts.Packets & (ProgressEvery - 1)) == 0)
            {
                options.Progress?.Invoke(reader.CompressedBytesRead, pipeline.Counts.Packets);
                if (options.Cancellation.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                if (analysis.Failed)
                {
                    break; // Complete rethrows the failure
                }
            }
        }
    }
}
