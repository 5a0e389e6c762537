using WireLens.Analysis.Connections;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Segment tables where the capture clock steps back inside a connection: a latency measured across the step would be
/// negative, so it is unknown (null); the duration runs from the first packet to the latest and stays non-negative.
/// </summary>
public class ConnectionTrackerClockStepTests
{
    [Fact]
    public void Process_ClockStepsBackBeforeSynAck_HandshakeLatenciesUnknownDurationNotNegative()
    {
        // Arrange: the SYN/ACK is stamped 50 ms before the SYN (the clock stepped back), the rest follows it.
        SegmentTable table = new SegmentTable()
            .Add(100, 'C', "S", 0, 0, 0)
            .Add(50, 'S', "SA", 0, 1, 0)
            .Add(50.1, 'C', "A", 1, 1, 0)
            .Add(50.2, 'C', "F", 1, 1, 0)
            .Add(50.3, 'S', "FA", 1, 2, 0)
            .Add(50.4, 'C', "A", 2, 2, 0);

        // Act
        ConnectionRecord r = Assert.Single(table.Run().Records);

        // Assert
        Assert.NotNull(r.SynTime);
        Assert.NotNull(r.SynAckTime);
        Assert.Null(r.SynToSynAckMs);
        Assert.Null(r.InitialRttMs);
        Assert.Equal(0, r.DurationMs);
        Assert.Equal(CloseKind.ClientFin, r.CloseKind);
    }

    [Fact]
    public void Process_ClockStepsBackAfterHandshake_HandshakeLatenciesKept()
    {
        // Arrange: an ordinary handshake (1 ms RTT), then the clock steps back 10 ms before the FINs.
        SegmentTable table = new SegmentTable()
            .Add(100, 'C', "S", 0, 0, 0)
            .Add(100.5, 'S', "SA", 0, 1, 0)
            .Add(101, 'C', "A", 1, 1, 0)
            .Add(91, 'C', "F", 1, 1, 0)
            .Add(91.1, 'S', "FA", 1, 2, 0)
            .Add(91.2, 'C', "A", 2, 2, 0);

        // Act
        ConnectionRecord r = Assert.Single(table.Run().Records);

        // Assert: the latencies are the handshake's; the duration ends at the latest packet (101 ms), not the last.
        Assert.Equal(0.5, r.SynToSynAckMs);
        Assert.Equal(1.0, r.InitialRttMs);
        Assert.Equal(1.0, r.DurationMs);
    }
}
