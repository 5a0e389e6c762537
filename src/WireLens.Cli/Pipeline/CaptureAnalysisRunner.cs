using WireLens.Analysis.Connections;
using WireLens.Capture.Files;

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
        var pipeline = new PacketPipeline(options, sink);
        bool stopped = false;
        bool cancelled = false;

        while (true)
        {
            CaptureReadStatus status = reader.ReadNext(out CaptureRecord record);
            if (status != CaptureReadStatus.Packet)
            {
                stopped = status == CaptureReadStatus.Stopped;
                break;
            }

            pipeline.Process(in record);
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

        pipeline.Flush();
        options.Progress?.Invoke(reader.CompressedBytesRead, pipeline.Counts.Packets);
        return new CaptureAnalysisResult(
            pipeline.Counts, pipeline.Tracker, reader.Damage, stopped, reader.TimestampDigits, pipeline.FirstPacket, pipeline.LastPacket)
        {
            Cancelled = cancelled,
        };
    }
}
