using System.Collections.Immutable;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Statistics;

namespace WireLens.Reporting.Summary;

/// <summary>
/// Aggregates connections into a <see cref="CaptureSummary"/> as they are released. Memory per connection:
/// one double for initial RTT (when known) and one for the request count (when it applies), and on a TLS connection
/// at most two more (<see cref="TlsSummaryBuilder"/>); the rest are counters and capped name tables.
/// </summary>
public sealed class SummaryBuilder : IConnectionSink
{
    private readonly long[] _byCloseKind = new long[Enum.GetValues<CloseKind>().Length];
    private readonly long[] _byTimeWaitSide = new long[Enum.GetValues<Side>().Length];
    private readonly long[] _byHttpProtocol = new long[Enum.GetValues<HttpProtocolKind>().Length];
    private readonly long[] _byFlushReason = new long[Enum.GetValues<FlushReason>().Length];
    private readonly ValueDistribution _initialRtt = new();
    private readonly ValueDistribution _requests = new();
    private readonly TlsSummaryBuilder _tls = new();
    private long _connections;
    private long _handshakes;
    private long _synRetransmits;
    private long _withSynRetransmits;
    private long _synAckRetransmits;
    private long _withSynAckRetransmits;
    private long _withRetransmissions;
    private long _withStreamGap;
    private long _retransmissions;
    private long _fastRetransmissions;
    private long _spuriousRetransmissions;
    private long _outOfOrder;
    private long _duplicateAcks;
    private long _zeroWindows;
    private long _keepAlives;
    private long _lostSegments;
    private long _ackedUnseen;

    public long Connections => _connections;

    public void OnConnection(ConnectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _connections++;
        _byCloseKind[(int)record.CloseKind]++;
        _byTimeWaitSide[(int)record.TimeWaitSide]++;
        _byHttpProtocol[(int)record.HttpProtocol]++;
        _byFlushReason[(int)record.FlushReason]++;

        if (record.HandshakeCompleted)
        {
            _handshakes++;
            if (record.HttpRequests is { } requests)
            {
                _requests.Add(requests);
            }
        }

        if (record.InitialRttMs is { } rtt && double.IsFinite(rtt))
        {
            _initialRtt.Add(rtt);
        }

        _synRetransmits += record.SynRetransmits;
        _withSynRetransmits += record.SynRetransmits > 0 ? 1 : 0;
        _synAckRetransmits += record.SynAckRetransmits;
        _withSynAckRetransmits += record.SynAckRetransmits > 0 ? 1 : 0;
        _withRetransmissions += record.Retransmissions > 0 ? 1 : 0;
        _withStreamGap += record.ClientStreamLost || record.ServerStreamLost ? 1 : 0;

        _retransmissions += record.Retransmissions;
        _fastRetransmissions += record.FastRetransmissions;
        _spuriousRetransmissions += record.SpuriousRetransmissions;
        _outOfOrder += record.OutOfOrder;
        _duplicateAcks += record.DuplicateAcks;
        _zeroWindows += record.ZeroWindows;
        _keepAlives += record.KeepAlives;
        _lostSegments += record.LostSegments;
        _ackedUnseen += record.AckedUnseen;

        if (record.Tls is { } tls)
        {
            _tls.Add(tls);
        }
    }

    /// <summary>The summary of every connection so far, with the capture facts the caller knows.</summary>
    public CaptureSummary Build(CaptureFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new CaptureSummary
        {
            Capture = facts,
            Connections = _connections,
            HandshakesCompleted = _handshakes,
            Refused = _byCloseKind[(int)CloseKind.Refused],
            ByCloseKind = Count<CloseKind>(_byCloseKind),
            ByTimeWaitSide = Count<Side>(_byTimeWaitSide),
            InitialRttMs = _initialRtt.ToSummary(),
            SynRetransmits = _synRetransmits,
            ConnectionsWithSynRetransmits = _withSynRetransmits,
            SynAckRetransmits = _synAckRetransmits,
            ConnectionsWithSynAckRetransmits = _withSynAckRetransmits,
            SegmentVerdicts = new SegmentVerdictTotals
            {
                Retransmissions = _retransmissions,
                FastRetransmissions = _fastRetransmissions,
                SpuriousRetransmissions = _spuriousRetransmissions,
                OutOfOrder = _outOfOrder,
                DuplicateAcks = _duplicateAcks,
                ZeroWindows = _zeroWindows,
                KeepAlives = _keepAlives,
                LostSegments = _lostSegments,
                AckedUnseen = _ackedUnseen,
            },
            ConnectionsWithRetransmissions = _withRetransmissions,
            RequestsPerConnection = _requests.ToSummary(),
            HttpProtocols = Count<HttpProtocolKind>(_byHttpProtocol),
            ByFlushReason = Count<FlushReason>(_byFlushReason),
            ConnectionsWithStreamGap = _withStreamGap,
            Tls = _tls.Build(),
        };
    }

    // The enums are dense from 0, so a counter array indexed by value covers them all.
    private static ImmutableSortedDictionary<T, long> Count<T>(long[] counts)
        where T : struct, Enum
    {
        ImmutableSortedDictionary<T, long>.Builder builder = ImmutableSortedDictionary.CreateBuilder<T, long>();
        foreach (T value in Enum.GetValues<T>())
        {
            builder[value] = counts[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return builder.ToImmutable();
    }
}
