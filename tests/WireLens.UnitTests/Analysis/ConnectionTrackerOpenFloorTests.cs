using WireLens.Analysis.Connections;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// A record's open floor behind connections held long: thousands of short connections open and close behind one held
/// from the start and one held for a while, so the tracker's order of opens piles up behind them and is cut down while
/// they are held. Each record's floor must be exactly the first packet of the oldest connection still held when it was
/// released: the earliest open among the records that come after it.
/// </summary>
public class ConnectionTrackerOpenFloorTests
{
    private static readonly IpAddress s_server = IpAddress.FromIPv4([10, 0, 0, 1]);

    [Fact]
    public void OpenFloor_ShortConnectionsBehindLongOnes_IsTheOldestHeldOpen()
    {
        // Arrange: one connection per millisecond, each reset by the server at once (held for the tracker's 2 s
        // linger). The first (stream 0) is held until connection 12,000 resets it; stream 3,000 until connection
        // 15,000.
        var sink = new RecordSink();
        var tracker = new ConnectionTracker(new ConnectionTrackerOptions(), sink);
        long ns = 1_000_000_000;
        long frame = 0;

        void Send(int n, TcpFlags flags, uint seq, uint ack, bool fromClient)
        {
            var client = IpAddress.FromIPv4([192, 168, (byte)(n >> 14), (byte)(n >> 6)]);
            ushort port = (ushort)(40_000 + (n & 63));
            var header = fromClient
                ? new TcpSegmentHeader(client, port, s_server, 80, seq, ack, flags, 1000, default, 0, new Timestamp(ns), ++frame)
                : new TcpSegmentHeader(s_server, 80, client, port, seq, ack, flags, 1000, default, 0, new Timestamp(ns), ++frame);
            tracker.Process(new TcpSegment(in header, []));
            ns += 1_000;
        }

        void Open(int n)
        {
            Send(n, TcpFlags.Syn, 100, 0, fromClient: true);
            Send(n, TcpFlags.Syn | TcpFlags.Ack, 500, 101, fromClient: false);
            Send(n, TcpFlags.Ack, 101, 501, fromClient: true);
        }

        void Reset(int n) => Send(n, TcpFlags.Rst, 501, 0, fromClient: false);

        // Act
        for (int n = 0; n < 20_000; n++)
        {
            Open(n);
            if (n is not 0 and not 3_000)
            {
                Reset(n);
            }

            if (n == 12_000)
            {
                Reset(0);
            }
            else if (n == 15_000)
            {
                Reset(3_000);
            }

            ns += 1_000_000;
        }

        tracker.Flush();

        // Assert: the capture is what the test is for: the long-held connections were released late, after many
        // times the connections held at once had been released behind them.
        List<ConnectionRecord> records = sink.Records;
        Assert.Equal(20_000, records.Count);
        int first = records.FindIndex(r => r.Stream == 0);
        int middle = records.FindIndex(r => r.Stream == 3_000);
        Assert.True(first > 4 * tracker.Statistics.PeakOpenConnections, $"stream 0 released {first}th, peak open {tracker.Statistics.PeakOpenConnections}");
        Assert.True(middle > first, $"stream 3000 released {middle}th, stream 0 {first}th");

        // Assert: each floor is the earliest open among the records released after it (all held then); the last
        // record's, with nothing held, is the tracker's clock.
        var laterOpen = new long[records.Count + 1];
        laterOpen[^1] = long.MaxValue;
        for (int i = records.Count - 1; i >= 0; i--)
        {
            laterOpen[i] = Math.Min(laterOpen[i + 1], records[i].FirstTime.UnixNanoseconds);
        }

        for (int i = 0; i < records.Count - 1; i++)
        {
            long floor = records[i].OpenFloor!.Value.UnixNanoseconds;
            Assert.True(floor == laterOpen[i + 1], $"record {i} (stream {records[i].Stream}): floor {floor}, oldest held open {laterOpen[i + 1]}");
        }

        Assert.Equal(records[0].OpenFloor, records[first - 1].OpenFloor);
        Assert.Equal(records[middle].FirstTime, records[middle - 1].OpenFloor);
        Assert.Equal(records.Max(r => r.LastTime), records[^1].OpenFloor);
    }

    private sealed class RecordSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
