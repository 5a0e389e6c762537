using WireLens.Capture.Live;

namespace WireLens.Cli.Live;

/// <summary>
/// What the live analysis knows at one moment, published a few times per second (immutable: a view reads it on its
/// own thread). Connection facts count connections already released by the tracker (closed, or idle past the timeout).
/// </summary>
/// <param name="Elapsed">Wall time since the capture started.</param>
/// <param name="Capture">The capture's counters.</param>
/// <param name="TcpPackets">TCP packets analysed.</param>
/// <param name="Connections">Connections seen (tshark streams).</param>
/// <param name="OpenConnections">Connections open now.</param>
/// <param name="ClosedConnections">Connections released.</param>
/// <param name="Requests">HTTP requests counted on released connections.</param>
/// <param name="SynRetransmits">SYN retransmissions on released connections.</param>
/// <param name="Retransmissions">Data retransmissions on released connections.</param>
/// <param name="Resets">Released connections ended by an RST.</param>
/// <param name="ClientClosedFirst">Released connections the client closed first (the client holds TIME_WAIT).</param>
/// <param name="ServerClosedFirst">Released connections the server closed first (the server holds TIME_WAIT).</param>
public sealed record LiveSnapshot(
    TimeSpan Elapsed,
    LiveCaptureStatistics Capture,
    long TcpPackets,
    long Connections,
    long OpenConnections,
    long ClosedConnections,
    long Requests,
    long SynRetransmits,
    long Retransmissions,
    long Resets,
    long ClientClosedFirst,
    long ServerClosedFirst);
