using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.UnitTests.Tls;
using WireLens.Wire;
using static WireLens.UnitTests.Tls.TlsRecordBuilder;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables for the TLS columns: the first client byte picks the TLS analysis, and each record is timed by the
/// segment that carried its first byte, also when segments arrive out of order or again (docs/analysis.md, "TLS").
/// </summary>
public class ConnectionTrackerTlsTests
{
    private static readonly byte[] s_clientHello = TlsTestVectors.ClientHelloTls13;
    private static readonly byte[] s_serverFlight = [.. TlsTestVectors.ServerHelloTls13, .. ChangeCipherSpec(), .. ApplicationData(900)];
    private static readonly byte[] s_clientSecond = [.. ChangeCipherSpec(), .. ApplicationData(53)];   // CCS, Finished

    /// <summary>Relative sequence numbers just after the ClientHello (client) and the server's first flight (server).</summary>
    private static readonly int s_afterHello = 1 + s_clientHello.Length;
    private static readonly int s_afterServerFlight = 1 + s_serverFlight.Length;

    private static Timestamp At(double ms) => TlsExchange.At(ms);

    /// <summary>
    /// Handshake, then each payload in its own segment with sequence and acknowledgment numbers following on, then a
    /// client-first close 10 ms after the last payload.
    /// </summary>
    internal static SegmentTable Conversation(ushort serverPort, params (double Ms, char From, byte[] Payload)[] segments)
    {
        SegmentTable table = new SegmentTable(serverPort: serverPort).Handshake();
        long client = 1;
        long server = 1;
        foreach ((double ms, char from, byte[] payload) in segments)
        {
            if (from == 'C')
            {
                table.Add(ms, 'C', "PA", client, server, payload.Length, payload: payload);
                client += payload.Length;
            }
            else
            {
                table.Add(ms, 'S', "PA", server, client, payload.Length, payload: payload);
                server += payload.Length;
            }
        }

        double end = segments[^1].Ms + 10;
        return table
            .Add(end, 'C', "FA", client, server, 0)
            .Add(end + 1, 'S', "FA", server, client + 1, 0)
            .Add(end + 2, 'C', "A", client + 1, server + 1, 0);
    }

    [Theory]
    [InlineData(443)]
    [InlineData(80)]    // on any port: the first client byte decides
    public void Process_Tls13Connection_TlsFactsNoHttpSecureConnectionMs(ushort serverPort)
    {
        // Arrange
        SegmentTable table = Conversation(
            serverPort,
            (10, 'C', s_clientHello),
            (12, 'S', s_serverFlight),
            (14, 'C', s_clientSecond),
            (16, 'C', ApplicationData(80)),
            (17, 'S', ApplicationData(300)));

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        TlsFacts tls = Assert.IsType<TlsFacts>(r.Tls);
        Assert.Null(r.HttpRequests);
        Assert.Equal(HttpProtocolKind.None, r.HttpProtocol);
        Assert.Equal((At(10), At(12), At(14)), (tls.ClientHelloTime, tls.ServerHelloTime, tls.DoneTime));
        Assert.Equal(14.0, r.SecureConnectionMs);   // first SYN at 0 ms to done
        Assert.Equal(((ushort?)0x0304, "example.com", 1), (tls.Version, tls.ServerName, tls.RequestsEstimated));
        Assert.Null(tls.Error);
    }

    [Fact]
    public void Process_HttpConnection_TlsNull()
    {
        // Arrange
        SegmentTable table = new SegmentTable().CompleteConnection();

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Null(r.Tls);
        Assert.Null(r.SecureConnectionMs);
        Assert.Equal(1, r.HttpRequests);
    }

    [Fact]
    public void Process_ClientHelloSegmentsOutOfOrder_TimedBySegmentWithFirstByte()
    {
        // Arrange: the hello's tail [100, 335) arrives at 10 ms and waits; its head [0, 100) arrives at 11 ms.
        SegmentTable table = new SegmentTable(serverPort: 443).Handshake()
            .Add(10, 'C', "PA", 101, 1, s_clientHello.Length - 100, payload: s_clientHello[100..])
            .Add(11, 'C', "PA", 1, 1, 100, payload: s_clientHello[..100])
            .Add(12, 'S', "PA", 1, s_afterHello, s_serverFlight.Length, payload: s_serverFlight)
            .Add(14, 'C', "PA", s_afterHello, s_afterServerFlight, s_clientSecond.Length, payload: s_clientSecond);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        TlsFacts tls = r.Tls!;
        Assert.Equal(At(11), tls.ClientHelloTime);
        Assert.Equal("example.com", tls.ServerName);
        Assert.Equal(1.0, tls.ClientHelloToServerHelloMs);
        Assert.Equal(1, r.OutOfOrder);
        Assert.Null(tls.Error);
    }

    [Theory]
    [InlineData(6, 14)]     // the CCS alone comes last (15); the whole Finished waited since 14 in the segment that brought it
    [InlineData(9, 15)]     // the CCS and 3 bytes of the Finished's header come last (15): the record starts there
    public void Process_ClientFinishedBehindHole_TimedBySegmentThatBroughtRecordStart(int firstLength, double doneMs)
    {
        // Arrange: the client's CCS + Finished cut after firstLength bytes; the tail arrives at 14 ms, the head at 15.
        const double tailMs = 14;
        const double headMs = 15;
        byte[] flight = s_clientSecond;
        SegmentTable table = new SegmentTable(serverPort: 443).Handshake()
            .Add(10, 'C', "PA", 1, 1, s_clientHello.Length, payload: s_clientHello)
            .Add(12, 'S', "PA", 1, s_afterHello, s_serverFlight.Length, payload: s_serverFlight)
            .Add(tailMs, 'C', "PA", s_afterHello + firstLength, s_afterServerFlight, flight.Length - firstLength, payload: flight[firstLength..])
            .Add(headMs, 'C', "PA", s_afterHello, s_afterServerFlight, firstLength, payload: flight[..firstLength]);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        Assert.Equal(At(doneMs), r.Tls!.DoneTime);
        Assert.Equal(doneMs, r.SecureConnectionMs);
    }

    [Fact]
    public void Process_ClientHelloRetransmitted_TimeOfFirstTransmission()
    {
        // Arrange: no answer for 200 ms, so the client sends its hello again.
        SegmentTable table = new SegmentTable(serverPort: 443).Handshake()
            .Add(10, 'C', "PA", 1, 1, s_clientHello.Length, payload: s_clientHello)
            .Add(210, 'C', "PA", 1, 1, s_clientHello.Length, payload: s_clientHello)
            .Add(212, 'S', "PA", 1, s_afterHello, s_serverFlight.Length, payload: s_serverFlight)
            .Add(214, 'C', "PA", s_afterHello, s_afterServerFlight, s_clientSecond.Length, payload: s_clientSecond);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        TlsFacts tls = r.Tls!;
        Assert.Equal(At(10), tls.ClientHelloTime);
        Assert.Equal(1, tls.ClientHelloCount);
        Assert.Equal(202.0, tls.ClientHelloToServerHelloMs);
        Assert.Equal(1, r.Retransmissions);
    }

    [Fact]
    public void Process_ClientHelloTailNeverCaptured_ErrorAndServerFacts()
    {
        // Arrange: the hello's tail [100, 335) is missing from the capture; the server acknowledges all of it.
        SegmentTable table = new SegmentTable(serverPort: 443).Handshake()
            .Add(10, 'C', "PA", 1, 1, 100, payload: s_clientHello[..100])
            .Add(12, 'S', "PA", 1, s_afterHello, s_serverFlight.Length, payload: s_serverFlight)
            .Add(14, 'C', "PA", s_afterHello, s_afterServerFlight, s_clientSecond.Length, payload: s_clientSecond);

        // Act
        ConnectionRecord r = table.Run().Single;

        // Assert
        TlsFacts tls = r.Tls!;
        Assert.True(r.ClientStreamLost);
        Assert.Equal("bytes missing from the capture at client stream offset 100", tls.Error);
        Assert.Null(tls.ClientHelloTime);
        Assert.Null(tls.DoneTime);
        Assert.Null(r.SecureConnectionMs);
        Assert.Equal((ushort)0x0304, tls.Version);
    }
}
