using WireLens.Analysis.Tls;
using WireLens.Reporting.Statistics;
using WireLens.Reporting.Summary;

namespace WireLens.UnitTests.Reporting;

public partial class SummaryBuilderTests
{
    [Fact]
    public void Build_NoTlsConnection_NoTlsBlock()
    {
        CaptureSummary s = Feed(ConnectionRecords.Full(0), ConnectionRecords.Minimal(1)).Build(new CaptureFacts());

        Assert.Null(s.Tls);
    }

    [Fact]
    public void Build_TlsMix_HandshakeCounts()
    {
        TlsSummary t = Feed(TlsRecords.Mix()).Build(new CaptureFacts()).Tls!;

        Assert.Equal(7, t.Connections);
        Assert.Equal(6, t.ClientHellos);
        Assert.Equal(5, t.ServerHellos);
        Assert.Equal(3, t.FullHandshakes);
        Assert.Equal(2, t.Resumed);
        Assert.Equal(1, t.HelloRetryRequests);
        Assert.Equal(1, t.ConnectionsWithError);
    }

    [Fact]
    public void Build_TlsMix_ResumptionOffersAndHowManyResumed()
    {
        TlsSummary t = Feed(TlsRecords.Mix()).Build(new CaptureFacts()).Tls!;

        // A ClientHello offering two mechanisms counts under both; "none" counts the ClientHellos that offered nothing.
        Assert.Equal(new TlsResumptionCounts(2, 0), t.ResumptionOffered[TlsResumptionOffer.None]);
        Assert.Equal(new TlsResumptionCounts(3, 1), t.ResumptionOffered[TlsResumptionOffer.SessionId]);
        Assert.Equal(new TlsResumptionCounts(2, 1), t.ResumptionOffered[TlsResumptionOffer.Ticket]);
        Assert.Equal(new TlsResumptionCounts(1, 1), t.ResumptionOffered[TlsResumptionOffer.Psk]);
        Assert.Equal(
            [TlsResumptionOffer.None, TlsResumptionOffer.SessionId, TlsResumptionOffer.Ticket, TlsResumptionOffer.Psk],
            t.ResumptionOffered.Keys);
    }

    [Fact]
    public void Build_TlsMix_ClientHelloToServerHelloSplitByResumption()
    {
        TlsSummary t = Feed(TlsRecords.Mix()).Build(new CaptureFacts()).Tls!;

        // Full 10, 20, 30: nearest rank p50 = 2nd, p90/p99 = 3rd. Resumed 1, 2: p50 = 1st, p90 = 2nd.
        // Pooled, p50 would be 10; swapped, full p50 would be 1.
        Assert.Equal(new DistributionSummary(3, 20, 20, 30, 30, 30), t.ClientHelloToServerHelloMsFull);
        Assert.Equal(new DistributionSummary(2, 1.5, 1, 2, 2, 2), t.ClientHelloToServerHelloMsResumed);

        // Handshakes 3, 4, 15, 25, 35: p50 = 3rd, p90 = 5th.
        Assert.Equal(new DistributionSummary(5, 16.4, 15, 35, 35, 35), t.HandshakeMs);
    }

    [Fact]
    public void Build_TlsMix_NameTables()
    {
        TlsSummary t = Feed(TlsRecords.Mix()).Build(new CaptureFacts()).Tls!;

        Assert.Equal([new(0x0303, 2), new(0x0304, 3)], t.Versions.Counts);

        // "h2" listed twice in one ClientHello counts once.
        Assert.Equal([new("h2", 4), new("http/1.1", 3)], t.AlpnOffered.Counts);
        Assert.Equal([new("encrypted", 3), new("h2", 1), new("http/1.1", 1)], t.AlpnSelected.Counts);
        Assert.Equal(
            [new("encrypted", 1), new("fatal:handshake_failure", 1), new("warning:close_notify", 2)],
            t.Alerts.Counts);
        Assert.Equal(0, t.AlpnOffered.Other);
    }

    [Fact]
    public void Build_ManyDistinctAlpnNames_TableCappedRestCountedAsOther()
    {
        var builder = new SummaryBuilder();
        for (int i = 0; i < 40; i++)
        {
            string name = "p" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            builder.OnConnection(ConnectionRecords.Tls(i, ConnectionRecords.TlsFull() with { AlpnOffered = [name, "h2"] }));
        }

        TlsSummary t = builder.Build(new CaptureFacts()).Tls!;

        // Kept: p00, h2 and the next names up to the capacity; every later name goes to Other.
        Assert.Equal(CappedCounter<string>.DefaultCapacity, t.AlpnOffered.Counts.Count);
        Assert.Equal(40, t.AlpnOffered.Counts["h2"]);
        Assert.Equal(40 - (CappedCounter<string>.DefaultCapacity - 1), t.AlpnOffered.Other);
    }
}
