using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Export;
using WireLens.Reporting.Statistics;
using WireLens.Wire.Ip;
using WireLens.Wire.Tls;

namespace WireLens.Reporting.Groups;

/// <summary>
/// The streaming part of one group's report: counters, distributions and per-second counts, added to as connections
/// are released. What needs the order of events in time (concurrency, TIME_WAIT) is kept as spans by the builder.
/// </summary>
internal sealed class GroupAccumulator
{
    private const int MaxCandidates = 16;

    private readonly CappedCounter<string> _tools = new(StringComparer.Ordinal);
    private readonly long[] _sources = new long[Enum.GetValues<ToolSource>().Length]; // connections by the rule that named their tool
    private readonly SortedSet<string> _candidates = new(StringComparer.Ordinal);
    private readonly ValueDistribution _requestsPerConnection = new();
    private readonly ValueDistribution _rtt = new();
    private readonly ValueDistribution _chShFull = new();
    private readonly ValueDistribution _chShResumed = new();
    private readonly CappedCounter<string> _tlsVersions = new(StringComparer.Ordinal);
    private readonly CappedCounter<string> _tlsAlpn = new(StringComparer.Ordinal);
    private readonly Dictionary<(IpAddress Address, ushort Port), TimeWaitEntries> _clientTimeWaitByServer = [];
    private readonly long[] _byCloseKind = new long[Enum.GetValues<CloseKind>().Length];

    public GroupAccumulator(string key, int index)
    {
        Key = key;
        Index = index;
    }

    public string Key { get; }

    /// <summary>The group's number in the builder (order of first appearance).</summary>
    public int Index { get; }

    public PerSecondCounts PerSecond { get; } = new();

    public long Connections { get; private set; }

    public long FirstTimeNs { get; private set; } = long.MaxValue;

    public long LastTimeNs { get; private set; } = long.MinValue;

    private long _requests;
    private long _requestsEstimated;
    private long _synConnections;
    private int _firstSynSecond = int.MaxValue;
    private int _lastSynSecond = int.MinValue;
    private long _synRetransmits;
    private long _synAckRetransmits;
    private long _withSynRetransmits;
    private long _retransmissions;
    private long _fastRetransmissions;
    private long _spuriousRetransmissions;
    private long _payloadFrames;
    private long _retransmittedPayloadFrames;
    private long _dsackRetransmissions;
    private long _timeWaitClient;
    private long _timeWaitServer;
    private long _tlsHandshakes;
    private long _tlsResumed;
    private long _tlsHrr;
    private long _tlsFullNotOffered;
    private long _tlsFullOfferRefused;
    private long _h2OfferedVisible;
    private long _h2OfferedHttp11;
    private long _serverAskedClose;
    private long _serverForcedClose;
    private long _keepAliveRaces;
    private long _streamGaps;
    private long _lostSegments;

    /// <summary>Adds one connection; <paramref name="second"/> converts a time to the capture's second.</summary>
    public void Add(ConnectionRecord r, ToolVerdict tool, Func<long, int> second)
    {
        Connections++;
        _tools.Add(tool.Tool);
        _sources[(int)tool.Source]++;
        if (tool.Candidates is { } candidates)
        {
            foreach (string candidate in candidates)
            {
                if (_candidates.Count < MaxCandidates || _candidates.Contains(candidate))
                {
                    _candidates.Add(candidate);
                }
            }
        }

        FirstTimeNs = Math.Min(FirstTimeNs, r.FirstTime.UnixNanoseconds);
        LastTimeNs = Math.Max(LastTimeNs, r.LastTime.UnixNanoseconds);

        if (r.SynTime is { } syn)
        {
            int s = second(syn.UnixNanoseconds);
            _synConnections++;
            _firstSynSecond = Math.Min(_firstSynSecond, s);
            _lastSynSecond = Math.Max(_lastSynSecond, s);
            PerSecond.Opened.Add(s, 1);
        }

        if (r.CloseKind != CloseKind.Open)
        {
            PerSecond.Closed.Add(second(r.LastTime.UnixNanoseconds), 1);
        }

        AddRequests(r);
        IReadOnlyList<SecondCount> retransmissionSeconds = r.RetransmissionSeconds;
        for (int i = 0; i < retransmissionSeconds.Count; i++) // by index: an enumerator over the interface is an allocation a connection
        {
            PerSecond.Retransmissions.Add(retransmissionSeconds[i].Second, retransmissionSeconds[i].Count);
        }

        if (r.InitialRttMs is { } rtt && double.IsFinite(rtt))
        {
            _rtt.Add(rtt);
        }

        _synRetransmits += r.SynRetransmits;
        _synAckRetransmits += r.SynAckRetransmits;
        _withSynRetransmits += r.SynRetransmits + r.SynAckRetransmits > 0 ? 1 : 0;
        _retransmissions += r.Retransmissions;
        _fastRetransmissions += r.FastRetransmissions;
        _spuriousRetransmissions += r.SpuriousRetransmissions;
        _payloadFrames += r.PayloadFrames;
        _retransmittedPayloadFrames += r.RetransmittedPayloadFrames;
        _dsackRetransmissions += r.DsackRetransmissions;
        _byCloseKind[(int)r.CloseKind]++;

        if (r.ClientTimeWaitTime is { } clientTw)
        {
            _timeWaitClient++;
            ref TimeWaitEntries entries = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
                _clientTimeWaitByServer, (r.ServerIp, r.ServerPort), out bool existed);
            entries = existed ? entries.With(clientTw.UnixNanoseconds) : new TimeWaitEntries(1, clientTw.UnixNanoseconds, clientTw.UnixNanoseconds);
        }

        _timeWaitServer += r.ServerTimeWaitTime is null ? 0 : 1;

        AddTls(r, second);
        AddHttp(r);
    }

    private void AddRequests(ConnectionRecord r)
    {
        if (r.HttpRequests is { } exact)
        {
            _requests += exact;
        }

        long? estimated = r.Tls?.RequestsEstimated;
        _requestsEstimated += estimated ?? 0;

        // Requests per connection over connections whose handshake completed and whose requests are known.
        if (r.HandshakeCompleted && (r.HttpRequests ?? estimated) is { } n)
        {
            _requestsPerConnection.Add(n);
        }

        IReadOnlyList<SecondCount> requestSeconds = r.RequestSeconds;
        for (int i = 0; i < requestSeconds.Count; i++) // by index: an enumerator over the interface is an allocation a connection
        {
            PerSecond.Requests.Add(requestSeconds[i].Second, requestSeconds[i].Count);
        }
    }

    private void AddTls(ConnectionRecord r, Func<long, int> second)
    {
        if (r.Tls is not { ServerHelloTime: { } serverHello } t)
        {
            return;
        }

        _tlsHandshakes++;
        bool resumed = t.Resumed == true;
        if (resumed)
        {
            _tlsResumed++;
            PerSecond.TlsResumed.Add(second(serverHello.UnixNanoseconds), 1);
        }
        else
        {
            PerSecond.TlsFull.Add(second(serverHello.UnixNanoseconds), 1);
            if (t.ResumptionOffered == TlsResumptionOffer.None)
            {
                _tlsFullNotOffered++;
            }
            else
            {
                _tlsFullOfferRefused++;
            }
        }

        _tlsHrr += t.HelloRetryRequest == true ? 1 : 0;
        if (t.ClientHelloToServerHelloMs is { } chSh && double.IsFinite(chSh))
        {
            (resumed ? _chShResumed : _chShFull).Add(chSh);
        }

        if (t.Version is { } version)
        {
            _tlsVersions.Add(TlsNames.Version(version));
        }

        string alpn = t.AlpnSelected ?? (t.AlpnSelectedEncrypted ? ConnectionValues.AlpnEncrypted : NoAlpn);
        _tlsAlpn.Add(alpn);

        // h2 offered and the server's choice visible (ServerHello in clear, TLS 1.2 and older): no ALPN or http/1.1.
        if (!t.AlpnSelectedEncrypted && Offers(t.AlpnOffered, "h2"))
        {
            _h2OfferedVisible++;
            _h2OfferedHttp11 += t.AlpnSelected is null or "http/1.1" ? 1 : 0;
        }
    }

    /// <summary>tls_alpn in the group tables when the server selected none.</summary>
    public const string NoAlpn = "none";

    private static bool Offers(IReadOnlyList<string>? offered, string name)
    {
        if (offered is null)
        {
            return false;
        }

        foreach (string o in offered)
        {
            if (string.Equals(o, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void AddHttp(ConnectionRecord r)
    {
        if (r.ServerAskedClose == true)
        {
            _serverAskedClose++;
            _serverForcedClose += r.ClientAskedClose == true ? 0 : 1;
        }

        _keepAliveRaces += r.KeepAliveRace ? 1 : 0;
        _streamGaps += r.ClientStreamLost || r.ServerStreamLost ? 1 : 0;
        _lostSegments += r.LostSegments;
    }

    /// <summary>The report, given what the builder's sweeps found over this group's spans.</summary>
    public GroupReport ToReport(GroupSweep sweep, GroupReportOptions options, ToolSourceNames sourceNames)
    {
        CountTable<string> tools = _tools.ToTable();
        string tool = MostCommon(tools.Counts) ?? ToolNames.Unknown;
        ToolSource source = ToolSource.Unknown;
        long best = -1;
        for (int i = 0; i < _sources.Length; i++)
        {
            (ToolSource s, long n) = ((ToolSource)i, _sources[i]);
            if (n > 0 && (n > best || (n == best && s < source)))
            {
                (source, best) = (s, n);
            }
        }

        double durationSeconds = Connections == 0 ? 0 : Math.Max(0, (LastTimeNs - FirstTimeNs) / 1e9);
        return new GroupReport
        {
            Group = Key,
            Tool = tool,
            ToolSource = sourceNames(source),
            Tools = tools,
            ToolCandidates = [.. _candidates],
            Run = options.Manifest?.Runs.FirstOrDefault(run => string.Equals(run.Label, Key, StringComparison.Ordinal)),
            Connections = Connections,
            Requests = _requests + _requestsEstimated,
            RequestsEstimated = _requestsEstimated,
            RequestsPerConnection = _requestsPerConnection.ToSummary(),
            NewConnectionsPerSecondMean = _synConnections == 0 ? null : (double)_synConnections / (_lastSynSecond - _firstSynSecond + 1),
            NewConnectionsPerSecondPeak = PerSecond.Opened.Max(),
            ConcurrentMean = sweep.ConcurrentMean,
            ConcurrentPeak = sweep.ConcurrentPeak,
            HandshakeRttMs = _rtt.ToSummary(),
            SynRetransmits = _synRetransmits + _synAckRetransmits,
            SynAckRetransmits = _synAckRetransmits,
            ConnectionsWithSynRetransmits = _withSynRetransmits,
            Refused = _byCloseKind[(int)CloseKind.Refused],
            Retransmissions = _retransmissions,
            FastRetransmissions = _fastRetransmissions,
            SpuriousRetransmissions = _spuriousRetransmissions,
            PayloadFrames = _payloadFrames,
            RetransmittedPayloadFrames = _retransmittedPayloadFrames,
            RetransmissionShare = _payloadFrames == 0 ? null : (double)_retransmittedPayloadFrames / _payloadFrames,
            DsackRetransmissions = _dsackRetransmissions,
            CloseClientFin = _byCloseKind[(int)CloseKind.ClientFin],
            CloseServerFin = _byCloseKind[(int)CloseKind.ServerFin],
            CloseSimultaneous = _byCloseKind[(int)CloseKind.Simultaneous],
            CloseClientRst = _byCloseKind[(int)CloseKind.ClientRst],
            CloseServerRst = _byCloseKind[(int)CloseKind.ServerRst],
            CloseOpen = _byCloseKind[(int)CloseKind.Open],
            TimeWaitClient = _timeWaitClient,
            TimeWaitServer = _timeWaitServer,
            TimeWaitClientPeak = sweep.TimeWaitClientPeak,
            TimeWaitServerPeak = sweep.TimeWaitServerPeak,
            TimeWaitClientAtEnd = sweep.TimeWaitClientAtEnd,
            TimeWaitServerAtEnd = sweep.TimeWaitServerAtEnd,
            PortExhaustion = Forecast(options),
            TlsHandshakes = _tlsHandshakes,
            TlsResumed = _tlsResumed,
            TlsHelloRetryRequests = _tlsHrr,
            TlsFullNotOffered = _tlsFullNotOffered,
            TlsFullOfferRefused = _tlsFullOfferRefused,
            TlsClientHelloToServerHelloFullMs = _chShFull.ToSummary(),
            TlsClientHelloToServerHelloResumedMs = _chShResumed.ToSummary(),
            TlsVersions = _tlsVersions.ToTable(),
            TlsAlpn = _tlsAlpn.ToTable(),
            H2OfferedVisible = _h2OfferedVisible,
            H2OfferedHttp11Selected = _h2OfferedHttp11,
            ServerAskedClose = _serverAskedClose,
            ServerForcedClose = _serverForcedClose,
            KeepAliveRaces = _keepAliveRaces,
            ConnectionsWithStreamGaps = _streamGaps,
            LostSegments = _lostSegments,
            DurationSeconds = durationSeconds,
        };
    }

    /// <summary>How a <see cref="ToolSource"/> is spelled in the report.</summary>
    public delegate string ToolSourceNames(ToolSource source);

    private static string? MostCommon(IReadOnlyDictionary<string, long> counts)
    {
        string? best = null;
        long bestCount = -1;
        foreach ((string key, long n) in counts)
        {
            // The table is in ordinal order, so the first of equal counts wins the tie.
            if (n > bestCount)
            {
                (best, bestCount) = (key, n);
            }
        }

        return best;
    }

    // The server toward which the client entered TIME_WAIT fastest. The rate is taken over at least one second, so a
    // burst shorter than a second is not extrapolated to a rate it never sustained.
    private PortExhaustionForecast? Forecast(GroupReportOptions options)
    {
        PortExhaustionForecast? best = null;
        foreach (((IpAddress address, ushort port), TimeWaitEntries entries) in _clientTimeWaitByServer)
        {
            double spanSeconds = Math.Max(1.0, (entries.LastNs - entries.FirstNs) / 1e9);
            double rate = entries.Count / spanSeconds;
            if (best is not null && rate <= best.EntriesPerSecond)
            {
                continue;
            }

            int ports = options.PortRange.Count;
            double? seconds = rate * options.TimeWaitSeconds >= ports ? ports / rate : null;
            string server = ConnectionGrouping.Endpoint(address, port);
            best = new PortExhaustionForecast(server, rate, ports, options.TimeWaitSeconds, seconds, address.IsLoopback);
        }

        return best;
    }

    private readonly record struct TimeWaitEntries(long Count, long FirstNs, long LastNs)
    {
        public TimeWaitEntries With(long ns) => new(Count + 1, Math.Min(FirstNs, ns), Math.Max(LastNs, ns));
    }
}

/// <summary>What the builder's time-ordered sweeps found for one group.</summary>
internal readonly record struct GroupSweep(
    double? ConcurrentMean, long ConcurrentPeak, long TimeWaitClientPeak, long TimeWaitServerPeak, long TimeWaitClientAtEnd, long TimeWaitServerAtEnd);
