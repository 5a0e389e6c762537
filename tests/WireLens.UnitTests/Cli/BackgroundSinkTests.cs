using WireLens.Analysis.Connections;
using WireLens.Cli.Pipeline;
using WireLens.UnitTests.Reporting;

namespace WireLens.UnitTests.Cli;

public class BackgroundSinkTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(BackgroundSink.BatchSize)]
    [InlineData(BackgroundSink.BatchSize * BackgroundSink.MaxQueuedBatches * 3 + 7)]
    public void Complete_AfterAnyNumberOfRecords_DeliversAllInOrderOnAnotherThread(int count)
    {
        // Arrange: more records than the queue holds, so the producer must wait for the consumer.
        var inner = new Recording(delayEvery: 1000);
        using var sink = new BackgroundSink(inner);

        // Act
        for (int i = 0; i < count; i++)
        {
            sink.OnConnection(ConnectionRecords.Minimal(i));
        }

        sink.Complete();

        // Assert
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), inner.Streams);
        if (count > 0)
        {
            Assert.NotEqual(Environment.CurrentManagedThreadId, Assert.Single(inner.Threads.Distinct()));
        }
    }

    [Fact]
    public void Complete_ConsumerFailed_RethrowsItsIOExceptionAndDropsTheRest()
    {
        // Arrange: the consumer fails on the third record (a full disk, say).
        var inner = new Recording(failAt: 2);
        using var sink = new BackgroundSink(inner);

        // Act: the producer never blocks for good, even far beyond the queue's capacity.
        for (int i = 0; i < BackgroundSink.BatchSize * BackgroundSink.MaxQueuedBatches * 2; i++)
        {
            sink.OnConnection(ConnectionRecords.Minimal(i));
        }

        IOException e = Assert.Throws<IOException>(sink.Complete);

        // Assert
        Assert.Equal("No space left on device", e.Message);
        Assert.Equal([0L, 1L], inner.Streams);
    }

    [Fact]
    public void OnConnection_AfterComplete_Throws()
    {
        // Arrange
        using var sink = new BackgroundSink(new Recording());
        sink.Complete();

        // Act / Assert
        Assert.Throws<ObjectDisposedException>(() => sink.OnConnection(ConnectionRecords.Minimal()));
    }

    private sealed class Recording(int failAt = -1, int delayEvery = 0) : IConnectionSink
    {
        public List<long> Streams { get; } = [];

        public List<int> Threads { get; } = [];

        public void OnConnection(ConnectionRecord record)
        {
            if (Streams.Count == failAt)
            {
                throw new IOException("No space left on device");
            }

            if (delayEvery > 0 && Streams.Count % delayEvery == 0)
            {
                Thread.Sleep(1);
            }

            Streams.Add(record.Stream);
            Threads.Add(Environment.CurrentManagedThreadId);
        }
    }
}
