using WireLens.Analysis.Tcp;
using WireLens.Wire;
using WireLens.Wire.Tcp;

namespace WireLens.Analysis.Ladder;

/// <summary>
/// One frame of a connection as its ladder diagram shows it: who sent it, when, its TCP flags and length, the analysis
/// verdicts tshark would give it, and what it carried (an HTTP request line, a TLS hello) when that is recognisable.
/// </summary>
/// <param name="Frame">The frame's number in its capture file (1-based).</param>
/// <param name="Time">The frame's timestamp.</param>
/// <param name="FromClient">Sent by the client (false: by the server).</param>
/// <param name="Flags">TCP flags.</param>
/// <param name="PayloadLength">TCP payload bytes (from the IP header).</param>
/// <param name="RelativeSequence">Sequence number relative to the sender's initial one (tshark's tcp.seq).</param>
/// <param name="RelativeAcknowledgment">Acknowledgment number relative to the peer's initial sequence number (tshark's tcp.ack); 0 without ACK.</param>
/// <param name="Verdicts">tshark's tcp.analysis verdicts of this frame.</param>
/// <param name="Kind">What the frame is in the connection's life.</param>
/// <param name="Label">What the payload begins with, e.g. <c>GET /index.html HTTP/1.1</c> or <c>ClientHello</c>; raw wire text, escape before display; null when nothing is recognised.</param>
public readonly record struct LadderEvent(
    long Frame,
    Timestamp Time,
    bool FromClient,
    TcpFlags Flags,
    int PayloadLength,
    uint RelativeSequence,
    uint RelativeAcknowledgment,
    TcpAnalysisFlags Verdicts,
    LadderEventKind Kind,
    string? Label);

/// <summary>What a ladder frame is, for the diagram's arrow text.</summary>
public enum LadderEventKind
{
    Syn,
    SynAck,
    /// <summary>The client's ACK completing the three-way handshake.</summary>
    HandshakeAck,
    /// <summary>An HTTP/1 request line, an HTTP/2 preface or HEADERS frame, or a TLS client burst after the handshake.</summary>
    Request,
    /// <summary>An HTTP/1 status line or a server's data answering a request.</summary>
    Response,
    ClientHello,
    ServerHello,
    /// <summary>Other payload.</summary>
    Data,
    /// <summary>A pure ACK.</summary>
    Ack,
    Fin,
    Rst,
}
