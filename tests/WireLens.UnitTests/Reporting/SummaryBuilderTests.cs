using WireLens.Analysis.Connections;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Summary;

namespace WireLens.UnitTests.Reporting;

public partial class SummaryBuilderTests
{
    [Fact]
    public void Build_NoConnections_ZeroCountsAndEmptyDistributions()
    {
        CaptureSummary summary = new SummaryBuilder().Build(new CaptureFacts { FileName = "x.pcap" });

        Assert.Equal(0, summary.Connections);
        Assert.Equal(DistributionSummary.Empty, summary.InitialRttMs);
        Assert.Equal(DistributionSummary.Empty, summary.RequestsPerConnection);
        Assert.All(Enum.GetValues<CloseKind>(), k => Assert.Equal(0, summary.ByCloseKind[k]));
        Assert.Equal("x.pcap", summary.Capture.FileName);
    }

    [Fact]
    public void Build_MixedConnections_CountsAndSums()
    {
        SummaryBuilder builder = Feed(
            ConnectionRecords.Full(0),
            ConnectionRecords.Full(1) with { InitialRttMs = 0.5, HttpRequests = 0, SynRetransmits = 0, Retransmissions = 0 },
            ConnectionRecords.Full(2) with { InitialRttMs = 2.0, HttpRequests = null, HttpProtocol = HttpProtocolKind.None },
            ConnectionRecords.Minimal(3) with { CloseKind = CloseKind.Refused, ConnState = ZeekConnState.REJ, HttpRequests = 5 },
            ConnectionRecords.Minimal(4) with { ClientStreamLost = true, FlushReason = FlushReason.Idle });

        CaptureSummary s = builder.Build(new CaptureFacts());

        Assert.Equal(5, s.Connections);
        Assert.Equal(3, s.HandshakesCompleted);
        Assert.Equal(1, s.Refused);
        Assert.Equal(3, s.ByCloseKind[CloseKind.ClientFin]);
        Assert.Equal(1, s.ByCloseKind[CloseKind.Refused]);
        Assert.Equal(1, s.ByCloseKind[CloseKind.Open]);
        Assert.Equal(3, s.ByTimeWaitSide[Side.Client]);
        Assert.Equal(2, s.ByTimeWaitSide[Side.None]);
        Assert.Equal(0, s.ByTimeWaitSide[Side.Server]);

        // RTTs 0.102, 0.5, 2.0: nearest rank p50 = 2nd, p90/p99/max = 3rd.
        Assert.Equal(new DistributionSummary(3, (0.102 + 0.5 + 2.0) / 3, 0.5, 2.0, 2.0, 2.0), s.InitialRttMs);

        Assert.Equal(2, s.SynRetransmits);
        Assert.Equal(2, s.ConnectionsWithSynRetransmits);
        Assert.Equal(6, s.SynAckRetransmits);
        Assert.Equal(3, s.ConnectionsWithSynAckRetransmits);
        Assert.Equal(6, s.SegmentVerdicts.Retransmissions);
        Assert.Equal(2, s.ConnectionsWithRetransmissions);
        Assert.Equal(3, s.SegmentVerdicts.FastRetransmissions);
        Assert.Equal(24, s.SegmentVerdicts.AckedUnseen);
        Assert.Equal(18, s.SegmentVerdicts.KeepAlives);

        // Requests: only completed handshakes with a known count: 12 and 0 (null and the refused one left out).
        Assert.Equal(new DistributionSummary(2, 6, 0, 12, 12, 12), s.RequestsPerConnection);

        Assert.Equal(2, s.HttpProtocols[HttpProtocolKind.Http11]);
        Assert.Equal(3, s.HttpProtocols[HttpProtocolKind.None]);
        Assert.Equal(3, s.ByFlushReason[FlushReason.Closed]);
        Assert.Equal(1, s.ByFlushReason[FlushReason.EndOfCapture]);
        Assert.Equal(1, s.ByFlushReason[FlushReason.Idle]);
        Assert.Equal(1, s.ConnectionsWithStreamGap);
    }

    [Fact]
    public void Build_CalledTwice_SecondIncludesLaterConnections()
    {
        SummaryBuilder builder = Feed(ConnectionRecords.Full(0));
        CaptureSummary first = builder.Build(new CaptureFacts());

        builder.OnConnection(ConnectionRecords.Full(1) with { InitialRttMs = 0.001 });
        CaptureSummary second = builder.Build(new CaptureFacts());

        Assert.Equal(1, first.Connections);
        Assert.Equal(0.102, first.InitialRttMs.P50);
        Assert.Equal(2, second.Connections);
        Assert.Equal(0.001, second.InitialRttMs.P50);
    }

    private static SummaryBuilder Feed(params ConnectionRecord[] records)
    {
        var builder = new SummaryBuilder();
        foreach (ConnectionRecord record in records)
        {
            builder.OnConnection(record);
        }

        return builder;
    }
}
