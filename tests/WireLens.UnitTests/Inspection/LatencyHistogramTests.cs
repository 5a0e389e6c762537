using WireLens.Reporting.Inspection;
using static WireLens.UnitTests.Inspection.SummaryRows;

namespace WireLens.UnitTests.Inspection;

public class LatencyHistogramTests
{
    private static ConnectionRows Latencies(params (float Ms, bool? Resumed)[] values) =>
        ConnectionRows.Of(values.Select((v, i) => TlsRow(i) with { ClientHelloToServerHelloMs = v.Ms, TlsResumed = v.Resumed }));

    [Fact]
    public void Build_TlsCapture_TotalsAreTheTlsRowsWithKnownResumption()
    {
        (ConnectionRows rows, _) = FromCapture("curl-tls13-resume.pcap");

        LatencyHistogram h = LatencyHistogram.Build(rows, group: null);

        Assert.Equal(2, h.Full);
        Assert.Equal(4, h.Resumed);
        AssertWellFormed(h, maxBins: 12);
    }

    [Fact]
    public void Build_TwoValues_OneTwoFiveBinsTrimmedToThePopulatedRange()
    {
        LatencyHistogram h = LatencyHistogram.Build(Latencies((0.25f, true), (3.5f, false)), null);

        LatencyBin[] expected = [new(0.2, 0.5, 0, 1), new(0.5, 1, 0, 0), new(1, 2, 0, 0), new(2, 5, 1, 0)];
        Assert.Equal(expected, h.Bins);
        Assert.Equal((1, 1), (h.Full, h.Resumed));
    }

    [Fact]
    public void Build_ValueOnAnEdge_InTheBinItStarts()
    {
        LatencyHistogram h = LatencyHistogram.Build(Latencies((0.02f, false)), null);

        LatencyBin bin = Assert.Single(h.Bins);
        Assert.Equal(new LatencyBin(0.02, 0.05, 1, 0), bin);
    }

    [Fact]
    public void Build_WideRange_CoarserEdgesWithinMaxBins()
    {
        ConnectionRows rows = Latencies((0.015f, false), (5000f, true), (1f, false));

        LatencyHistogram twelve = LatencyHistogram.Build(rows, null);
        LatencyHistogram four = LatencyHistogram.Build(rows, null, maxBins: 4);
        LatencyHistogram one = LatencyHistogram.Build(rows, null, maxBins: 1);

        // 1-2-5 would need 18 bins; 1-3 per decade needs 12: 0.01, 0.03, 0.1, ... 3000, 10000.
        Assert.Equal(12, twelve.Bins.Count);
        Assert.Equal((0.01, 0.03), (twelve.Bins[0].LowMs, twelve.Bins[0].HighMs));
        Assert.Equal((3000, 10000), (twelve.Bins[^1].LowMs, twelve.Bins[^1].HighMs));
        Assert.Equal([0.01, 1.0, 100.0], four.Bins.Select(b => b.LowMs));
        Assert.Equal(10000, four.Bins[^1].HighMs);
        Assert.Equal(new LatencyBin(0.01, 10000, 2, 1), Assert.Single(one.Bins));
        AssertWellFormed(twelve, 12);
        AssertWellFormed(four, 4);
    }

    [Fact]
    public void Build_OutsideTheRange_OpenEndedBins()
    {
        LatencyHistogram h = LatencyHistogram.Build(Latencies((0.001f, false), (-0.5f, false), (20_000f, true)), null, maxBins: 30);

        Assert.Equal(new LatencyBin(0, 0.01, 2, 0), h.Bins[0]);
        Assert.Equal(new LatencyBin(10000, double.PositiveInfinity, 0, 1), h.Bins[^1]);
        AssertWellFormed(h, 30);
    }

    [Fact]
    public void Build_UnknownTimeOrResumption_NotCounted()
    {
        ConnectionRows rows = ConnectionRows.Of(
        [
            TlsRow(0),
            TlsRow(1) with { TlsResumed = null },
            TlsRow(2) with { ClientHelloToServerHelloMs = float.NaN },
            HttpRow(3),
        ]);

        LatencyHistogram h = LatencyHistogram.Build(rows, null);

        Assert.Equal((0, 1), (h.Full, h.Resumed));
    }

    [Fact]
    public void Build_Group_OnlyItsRows()
    {
        ConnectionRows rows = ConnectionRows.Of([TlsRow(0), TlsRow(1) with { Group = "other", TlsResumed = false }, TlsRow(2) with { Group = "other" }]);

        LatencyHistogram h = LatencyHistogram.Build(rows, "other");

        Assert.Equal((1, 1), (h.Full, h.Resumed));
        Assert.Equal((0, 0), (LatencyHistogram.Build(rows, "nobody").Full, LatencyHistogram.Build(rows, "nobody").Resumed));
    }

    [Fact]
    public void Build_NoTlsRows_EmptyBins()
    {
        LatencyHistogram h = LatencyHistogram.Build(ConnectionRows.Of([HttpRow(0), UnknownRow(1)]), null);

        Assert.Empty(h.Bins);
        Assert.Equal((0, 0), (h.Full, h.Resumed));
        Assert.Empty(LatencyHistogram.Build(ConnectionRows.Empty, null).Bins);
    }

    [Fact]
    public void Build_MaxBinsBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyHistogram.Build(ConnectionRows.Empty, null, 0));
    }

    private static void AssertWellFormed(LatencyHistogram h, int maxBins)
    {
        Assert.InRange(h.Bins.Count, 1, maxBins);
        Assert.Equal(h.Full, h.Bins.Sum(b => b.Full));
        Assert.Equal(h.Resumed, h.Bins.Sum(b => b.Resumed));
        for (int i = 1; i < h.Bins.Count; i++)
        {
            Assert.Equal(h.Bins[i - 1].HighMs, h.Bins[i].LowMs);
        }

        Assert.All(h.Bins, b => Assert.True(b.LowMs < b.HighMs));
        Assert.True(h.Bins[0].Full + h.Bins[0].Resumed > 0, "the first bin is populated");
        Assert.True(h.Bins[^1].Full + h.Bins[^1].Resumed > 0, "the last bin is populated");
    }
}
