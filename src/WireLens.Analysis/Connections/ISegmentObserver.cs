using WireLens.Analysis.Tcp;

namespace WireLens.Analysis.Connections;

/// <summary>
/// Sees every segment the <see cref="ConnectionTracker"/> assigns to a connection, right after the connection analysed
/// it, with the verdicts the analysis gave it (the detail screen's ladder diagram is built this way, so its verdicts are
/// the report's). Segments the tracker drops (late segments of a released connection) are not seen. Optional: the
/// tracker's hot path only tests it for null when none is set.
/// </summary>
public interface ISegmentObserver
{
    /// <summary>One analysed segment.</summary>
    /// <param name="stream">The connection's tcp.stream number.</param>
    /// <param name="segment">The segment; its payload is valid only during the call.</param>
    /// <param name="fromClient">Sent by the connection's client.</param>
    /// <param name="verdicts">tshark's tcp.analysis verdicts of the segment.</param>
    /// <param name="relativeSequence">tshark's relative tcp.seq: the sequence number minus the sender's base sequence number.</param>
    /// <param name="relativeAcknowledgment">tshark's relative tcp.ack (minus the peer's base sequence number); 0 without ACK.</param>
    void OnSegment(long stream, in TcpSegment segment, bool fromClient, TcpAnalysisFlags verdicts, uint relativeSequence, uint relativeAcknowledgment);
}
