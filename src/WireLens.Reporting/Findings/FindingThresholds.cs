namespace WireLens.Reporting.Findings;

/// <summary>
/// Every threshold of the finding rules (docs/findings.md), with its default. Each property has a kebab-case name for
/// <c>--threshold name=value[,name=value]</c> (<see cref="TryParse(string, FindingThresholds, out FindingThresholds, out string)"/>),
/// listed with its meaning by <see cref="Names"/>.
/// </summary>
/// <remarks>
/// The defaults are chosen so that a healthy keep-alive run fires nothing: a keep-alive tool opens about as many
/// connections as its concurrency and closes them at the end, so its TIME_WAIT sockets and full TLS handshakes number
/// about its concurrency (wrk's one probe connection without requests included). The churn rules therefore compare
/// against the most connections open at once (<c>*-over-concurrent</c>) rather than fire on a fixed count alone.
/// Shares are fractions (0.01 = 1%).
/// </remarks>
public sealed partial record FindingThresholds
{
    /// <summary>The defaults (docs/findings.md).</summary>
    public static FindingThresholds Default { get; } = new();

    /// <summary><c>no-reuse-mean-below</c>: no-reuse fires when mean requests per connection is below this (1.1).</summary>
    public double NoReuseMeanBelow { get; init; } = 1.1;

    /// <summary><c>no-reuse-min-connections</c>: connections with known requests needed before no-reuse judges (10).</summary>
    public long NoReuseMinConnections { get; init; } = 10;

    /// <summary>
    /// <c>no-reuse-server-close-share-below</c>: no-reuse fires only while the server itself asked to close (Connection:
    /// close though no request asked) on fewer than this share of the connections (0.5); at or above it the server,
    /// not the client, ends the connections.
    /// </summary>
    public double NoReuseServerCloseShareBelow { get; init; } = 0.5;

    /// <summary><c>time-wait-share-at-least</c>: a side's TIME_WAIT share of FIN-closed connections needed (0.5).</summary>
    public double TimeWaitShareAtLeast { get; init; } = 0.5;

    /// <summary><c>time-wait-peak-at-least</c>: the side's most sockets in TIME_WAIT at once needed (10).</summary>
    public long TimeWaitPeakAtLeast { get; init; } = 10;

    /// <summary>
    /// <c>time-wait-peak-over-concurrent</c>: the TIME_WAIT peak must also be at least this many times the most
    /// connections open at once (2): a keep-alive run leaves about one TIME_WAIT socket per connection at its end, churn
    /// leaves many.
    /// </summary>
    public double TimeWaitPeakOverConcurrent { get; init; } = 2.0;

    /// <summary>
    /// <c>exhaustion-error-seconds</c>: client-time-wait is an error when the port exhaustion forecast toward a
    /// non-loopback server is at most this many seconds, or at most the group's duration if that is longer (60).
    /// </summary>
    public double ExhaustionErrorSeconds { get; init; } = 60.0;

    /// <summary><c>syn-retransmits-at-least</c>: SYN plus SYN/ACK retransmissions needed (1).</summary>
    public long SynRetransmitsAtLeast { get; init; } = 1;

    /// <summary><c>syn-retransmits-error-share</c>: error when this share of connections had one (0.01).</summary>
    public double SynRetransmitsErrorShare { get; init; } = 0.01;

    /// <summary><c>refused-at-least</c>: refused connections (SYN answered by RST) needed (1).</summary>
    public long RefusedAtLeast { get; init; } = 1;

    /// <summary><c>refused-error-share</c>: error when this share of connections was refused (0.01).</summary>
    public double RefusedErrorShare { get; init; } = 0.01;

    /// <summary>
    /// <c>retransmission-share-above</c>: retransmitted payload frames not D-SACKed as unnecessary ÷ payload frames must
    /// exceed this (0.01).
    /// </summary>
    public double RetransmissionShareAbove { get; init; } = 0.01;

    /// <summary><c>retransmission-error-share-above</c>: error when the share exceeds this (0.05).</summary>
    public double RetransmissionErrorShareAbove { get; init; } = 0.05;

    /// <summary><c>retransmission-min-payload-frames</c>: frames with payload needed before the share counts (100).</summary>
    public long RetransmissionMinPayloadFrames { get; init; } = 100;

    /// <summary><c>tls-full-share-above</c>: full ÷ all TLS handshakes must exceed this (0.9).</summary>
    public double TlsFullShareAbove { get; init; } = 0.9;

    /// <summary><c>tls-min-handshakes</c>: TLS handshakes needed, so that a single curl does not fire (10).</summary>
    public long TlsMinHandshakes { get; init; } = 10;

    /// <summary>
    /// <c>tls-full-over-concurrent</c>: full handshakes must also be at least this many times the most connections
    /// open at once (2): keep-alive connections each pay one full handshake, and that is fine.
    /// </summary>
    public double TlsFullOverConcurrent { get; init; } = 2.0;

    /// <summary><c>h2-not-negotiated-at-least</c>: connections that offered h2 and visibly got HTTP/1.1 needed (1).</summary>
    public long H2NotNegotiatedAtLeast { get; init; } = 1;

    /// <summary><c>keepalive-race-at-least</c>: connections with a request lost to the keep-alive race needed (1).</summary>
    public long KeepAliveRaceAtLeast { get; init; } = 1;

    /// <summary>
    /// <c>concurrency-peak-below</c>: concurrency-mismatch fires when the most connections open at once is below this
    /// share of the configured concurrency (0.8).
    /// </summary>
    public double ConcurrencyPeakBelow { get; init; } = 0.8;

    /// <summary>
    /// <c>concurrency-churn-over</c>: concurrency-mismatch fires when more than this many times the configured
    /// concurrency of connections were opened while connections were reused (else no-reuse tells the story) (2).
    /// </summary>
    public double ConcurrencyChurnOver { get; init; } = 2.0;

    /// <summary>
    /// <c>capture-drops-error-share</c>: capture-incomplete is an error when the capturer dropped this share of the
    /// packets it received, or dropped any when it did not report how many it received (0.01).
    /// </summary>
    public double CaptureDropsErrorShare { get; init; } = 0.01;
}
