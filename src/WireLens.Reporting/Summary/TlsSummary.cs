using System.Collections.Immutable;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Summary;

/// <summary>
/// Aggregates over the TLS connections of a capture (those with <see cref="Analysis.Connections.ConnectionRecord.Tls"/>):
/// the summary's TLS block. <see cref="CaptureSummary.Tls"/> is null when the capture has no TLS connection.
/// </summary>
/// <remarks>
/// Names in the count tables are kept as they came off the wire (ALPN) or as WireLens spells them (versions via
/// <see cref="Wire.Tls.TlsNames.Version"/>, alerts); renderers escape them. Each table keeps at most
/// <see cref="CappedCounter{TKey}.DefaultCapacity"/> distinct names, later ones are counted in its <c>Other</c>.
/// </remarks>
public sealed record TlsSummary
{
    /// <summary>Connections whose client stream began with a TLS handshake record.</summary>
    public long Connections { get; init; }

    /// <summary>TLS connections where a ClientHello was seen.</summary>
    public long ClientHellos { get; init; }

    /// <summary>TLS connections with a ServerHello (tls_resumed known).</summary>
    public long ServerHellos { get; init; }

    /// <summary>Full handshakes: tls_resumed false.</summary>
    public long FullHandshakes { get; init; }

    /// <summary>Resumed handshakes: tls_resumed true.</summary>
    public long Resumed { get; init; }

    /// <summary>Connections whose first ClientHello was answered by a HelloRetryRequest.</summary>
    public long HelloRetryRequests { get; init; }

    /// <summary>
    /// Per resumption mechanism (<see cref="TlsResumptionOffer.SessionId"/>, <see cref="TlsResumptionOffer.Ticket"/>,
    /// <see cref="TlsResumptionOffer.Psk"/>): the connections whose ClientHello offered it, and how many of those were
    /// resumed; under <see cref="TlsResumptionOffer.None"/> the ClientHellos that offered nothing. A ClientHello that
    /// offers two mechanisms counts under both.
    /// </summary>
    public IReadOnlyDictionary<TlsResumptionOffer, TlsResumptionCounts> ResumptionOffered { get; init; } =
        new Dictionary<TlsResumptionOffer, TlsResumptionCounts>();

    /// <summary>Connections per negotiated version (those with a known version).</summary>
    public CountTable<ushort> Versions { get; init; } = new(ImmutableSortedDictionary<ushort, long>.Empty, 0);

    /// <summary>Connections whose ClientHello offered each ALPN name (a name listed twice counts once).</summary>
    public CountTable<string> AlpnOffered { get; init; } = new(ImmutableSortedDictionary<string, long>.Empty, 0);

    /// <summary>Connections per selected ALPN name, <c>encrypted</c> when the choice was not visible (TLS 1.3).</summary>
    public CountTable<string> AlpnSelected { get; init; } = new(ImmutableSortedDictionary<string, long>.Empty, 0);

    /// <summary>tls_ch_to_sh_ms of the full handshakes.</summary>
    public DistributionSummary ClientHelloToServerHelloMsFull { get; init; } = DistributionSummary.Empty;

    /// <summary>tls_ch_to_sh_ms of the resumed handshakes.</summary>
    public DistributionSummary ClientHelloToServerHelloMsResumed { get; init; } = DistributionSummary.Empty;

    /// <summary>tls_handshake_ms over the connections that have one.</summary>
    public DistributionSummary HandshakeMs { get; init; } = DistributionSummary.Empty;

    /// <summary>Alerts seen, per alert text (every occurrence counts).</summary>
    public CountTable<string> Alerts { get; init; } = new(ImmutableSortedDictionary<string, long>.Empty, 0);

    /// <summary>Connections where TLS decoding stopped early (tls_error set).</summary>
    public long ConnectionsWithError { get; init; }
}
