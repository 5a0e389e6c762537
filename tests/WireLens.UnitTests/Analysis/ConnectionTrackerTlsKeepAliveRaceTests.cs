using WireLens.Analysis.Connections;
using WireLens.UnitTests.Tls;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// <see cref="ConnectionRecord.KeepAliveRace"/> on TLS: only a new request burst after the server's FIN counts; the
/// client's close_notify answered by RST (common at the end of every TLS connection nginx closes) does not.
/// </summary>
public class ConnectionTrackerTlsKeepAliveRaceTests
{
    private static readonly byte[] s_clientHello = TlsTestVectors.ClientHelloTls13;
    private static readonly byte[] s_serverFlight = [.. TlsTestVectors.ServerHelloTls13, .. ChangeCipherSpec(), .. ApplicationData(900)];
    private static readonly byte[] s_clientSecond = [.. ChangeCipherSpec(), .. ApplicationData(53)];

    [Fact]
    public void Process_CloseNotifyAfterServerFinAnsweredByRst_NoRace()
    {
        // Arrange: a TLS 1.3 close_notify travels as a 19-byte application-data record (not a request burst).
        ConnectionRecord r = Run(ApplicationData(19));

        // Assert
        Assert.False(r.KeepAliveRace);
        Assert.Equal(1, r.Tls!.RequestsEstimated);
        Assert.Equal(Side.Server, r.FirstRstSender);
    }

    [Fact]
    public void Process_NewRequestBurstAfterServerFinAnsweredByRst_KeepAliveRace()
    {
        // Arrange: a second request (80 bytes of application data) crosses the server's FIN.
        ConnectionRecord r = Run(ApplicationData(80));

        // Assert
        Assert.True(r.KeepAliveRace);
        Assert.Equal(2, r.Tls!.RequestsEstimated);
    }

    // Handshake, one request and its response, then the server's idle close (FIN), the client's last record, an RST.
    private static ConnectionRecord Run(byte[] lastClientRecord)
    {
        byte[] request = ApplicationData(80);
        byte[] response = ApplicationData(300);
        long c = 1;
        long s = 1;
        var table = new SegmentTable(serverPort: 443).Handshake();
        table.Add(10, 'C', "PA", c, s, s_clientHello.Length, payload: s_clientHello);
        c += s_clientHello.Length;
        table.Add(12, 'S', "PA", s, c, s_serverFlight.Length, payload: s_serverFlight);
        s += s_serverFlight.Length;
        table.Add(14, 'C', "PA", c, s, s_clientSecond.Length, payload: s_clientSecond);
        c += s_clientSecond.Length;
        table.Add(16, 'C', "PA", c, s, request.Length, payload: request);
        c += request.Length;
        table.Add(17, 'S', "PA", s, c, response.Length, payload: response);
        s += response.Length;
        table.Add(18, 'C', "A", c, s, 0);
        table.Add(1000, 'S', "FA", s, c, 0);
        table.Add(1000.5, 'C', "PA", c, s, lastClientRecord.Length, payload: lastClientRecord);
        table.Add(1001, 'S', "R", s + 1, 0, 0);
        return table.Run().Single;
    }
}
