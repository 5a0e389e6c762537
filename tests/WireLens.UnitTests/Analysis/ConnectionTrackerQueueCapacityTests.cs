using WireLens.Analysis.Connections;

namespace WireLens.UnitTests.Analysis;

/// <summary>The order queues' first size (<see cref="ConnectionTrackerOptions.InitialQueueCapacity"/>) changes no result.</summary>
public class ConnectionTrackerQueueCapacityTests
{
    /// <summary>
    /// 60 connections on their own ports, opened 100 ms apart while each lasts 23 ms plus its 2 s linger: about 20
    /// closed connections are queued at once, and every tenth one is left open until the end.
    /// </summary>
    private static SegmentTable Overlapping()
    {
        var table = new SegmentTable();
        for (int i = 0; i < 60; i++)
        {
            table.Connection((uint)(1_000 + (i * 100_000)), 5_000, clientPort: (ushort)(40_000 + i));
            if (i % 10 == 9)
            {
                table.Exchange(i * 100);
            }
            else
            {
                table.CompleteConnection(i * 100);
            }
        }

        return table;
    }

    private static string Describe(SegmentRun run) => string.Join(
        "\n",
        run.ReleaseOrder.Select(r => $"{r.Stream} {r.ClientPort} {r.CloseKind} {r.History} {r.FlushReason} {r.LastTime.UnixNanoseconds}"));

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(65_536)]
    public void Run_AnyInitialQueueCapacity_SameReleasesAsGrowingQueues(int capacity)
    {
        // Arrange
        SegmentTable table = Overlapping();
        SegmentRun grown = table.Run();
        Assert.Equal(60, grown.Records.Count);
        Assert.Equal(6, grown.Records.Count(r => r.CloseKind == CloseKind.Open));
        Assert.True(grown.Statistics.PeakOpenConnections >= 16, "the queues must hold more than the smaller capacities");

        // Act
        SegmentRun sized = table.Run(new ConnectionTrackerOptions { InitialQueueCapacity = capacity });

        // Assert
        Assert.Equal(Describe(grown), Describe(sized));
    }

    [Fact]
    public void Constructor_NegativeInitialQueueCapacity_Throws()
    {
        var options = new ConnectionTrackerOptions { InitialQueueCapacity = -1 };

        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionTracker(options, new NoSink()));
    }

    private sealed class NoSink : IConnectionSink
    {
        public void OnConnection(ConnectionRecord record)
        {
        }
    }
}
