using System.Collections.Immutable;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Export;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Summary;

/// <summary>
/// The TLS part of <see cref="SummaryBuilder"/>. Memory per TLS connection: at most two doubles (CH→SH and handshake
/// time); the name tables are capped (<see cref="CappedCounter{TKey}"/>); the rest are counters.
/// </summary>
internal sealed class TlsSummaryBuilder
{
    // ALPN lists up to this length are checked for repeated names without a set.
    private const int SmallList = 8;

    // Indexed by mechanism: 0 none, then session_id, ticket, psk (ConnectionValues.ResumptionMechanisms order).
    private readonly long[] _offered = new long[4];
    private readonly long[] _offeredResumed = new long[4];
    private readonly CappedCounter<ushort> _versions = new();
    private readonly CappedCounter<string> _alpnOffered = new(StringComparer.Ordinal);
    private readonly CappedCounter<string> _alpnSelected = new(StringComparer.Ordinal);
    private readonly CappedCounter<string> _alerts = new(StringComparer.Ordinal);
    private readonly ValueDistribution _chToShFull = new();
    private readonly ValueDistribution _chToShResumed = new();
    private readonly ValueDistribution _handshake = new();
    private long _connections;
    private long _clientHellos;
    private long _full;
    private long _resumed;
    private long _helloRetryRequests;
    private long _withError;

    public void Add(TlsFacts tls)
    {
        _connections++;
        _helloRetryRequests += tls.HelloRetryRequest ? 1 : 0;
        _withError += tls.Error is not null ? 1 : 0;

        if (tls.ClientHelloCount > 0)
        {
            _clientHellos++;
            AddOffer(tls.ResumptionOffered, tls.Resumed == true);
            AddAlpnOffered(tls.AlpnOffered);
        }

        if (tls.Resumed is { } resumed)
        {
            if (resumed)
            {
                _resumed++;
            }
            else
            {
                _full++;
            }

            if (tls.ClientHelloToServerHelloMs is { } chToSh && double.IsFinite(chToSh))
            {
                (resumed ? _chToShResumed : _chToShFull).Add(chToSh);
            }
        }

        if (tls.Version is { } version)
        {
            _versions.Add(version);
        }

        if (tls.AlpnSelected is { } selected)
        {
            _alpnSelected.Add(selected);
        }
        else if (tls.AlpnSelectedEncrypted)
        {
            _alpnSelected.Add(ConnectionValues.AlpnEncrypted);
        }

        if (tls.HandshakeMs is { } handshake && double.IsFinite(handshake))
        {
            _handshake.Add(handshake);
        }

        foreach (string alert in tls.Alerts)
        {
            _alerts.Add(alert);
        }
    }

    /// <summary>The TLS block, or null when no TLS connection was added.</summary>
    public TlsSummary? Build()
    {
        if (_connections == 0)
        {
            return null;
        }

        ImmutableSortedDictionary<TlsResumptionOffer, TlsResumptionCounts>.Builder offered =
            ImmutableSortedDictionary.CreateBuilder<TlsResumptionOffer, TlsResumptionCounts>();
        offered[TlsResumptionOffer.None] = new TlsResumptionCounts(_offered[0], _offeredResumed[0]);
        for (int i = 0; i < ConnectionValues.ResumptionMechanisms.Count; i++)
        {
            offered[ConnectionValues.ResumptionMechanisms[i]] = new TlsResumptionCounts(_offered[i + 1], _offeredResumed[i + 1]);
        }

        return new TlsSummary
        {
            Connections = _connections,
            ClientHellos = _clientHellos,
            ServerHellos = _full + _resumed,
            FullHandshakes = _full,
            Resumed = _resumed,
            HelloRetryRequests = _helloRetryRequests,
            ResumptionOffered = offered.ToImmutable(),
            Versions = _versions.ToTable(),
            AlpnOffered = _alpnOffered.ToTable(),
            AlpnSelected = _alpnSelected.ToTable(),
            ClientHelloToServerHelloMsFull = _chToShFull.ToSummary(),
            ClientHelloToServerHelloMsResumed = _chToShResumed.ToSummary(),
            HandshakeMs = _handshake.ToSummary(),
            Alerts = _alerts.ToTable(),
            ConnectionsWithError = _withError,
        };
    }

    private void AddOffer(TlsResumptionOffer offer, bool resumed)
    {
        int add = resumed ? 1 : 0;
        if (offer == TlsResumptionOffer.None)
        {
            _offered[0]++;
            _offeredResumed[0] += add;
            return;
        }

        for (int i = 0; i < ConnectionValues.ResumptionMechanisms.Count; i++)
        {
            if ((offer & ConnectionValues.ResumptionMechanisms[i]) != 0)
            {
                _offered[i + 1]++;
                _offeredResumed[i + 1] += add;
            }
        }
    }

    private void AddAlpnOffered(IReadOnlyList<string> names)
    {
        // A name listed twice counts once. A ClientHello may list thousands of names (the extension holds up to
        // 64 KiB), so past a handful the duplicates are found with a set rather than by looking back.
        HashSet<string>? seen = names.Count > SmallList ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (int i = 0; i < names.Count; i++)
        {
            bool first = seen?.Add(names[i]) ?? !ListedBefore(names, i);
            if (first)
            {
                _alpnOffered.Add(names[i]);
            }
        }
    }

    private static bool ListedBefore(IReadOnlyList<string> names, int index)
    {
        for (int j = 0; j < index; j++)
        {
            if (string.Equals(names[j], names[index], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
