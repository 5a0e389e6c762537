using WireLens.Analysis.Connections;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// The tracker's table of open connections under many interleaved connections: thousands open at once (the table
/// grows), closed in random order (it shrinks, and removal moves the slots that follow), 4-tuples reused with a new
/// ISN, IPv4 and IPv6 tuples mixed. A model (a plain dictionary) says which stream every segment belongs to; a lookup
/// that missed or found the wrong connection shows as a wrong stream count or a packet counted on the wrong stream.
/// </summary>
public class ConnectionTrackerTableTests
{
    private static readonly IpAddress s_server4 = IpAddress.FromIPv4([10, 0, 0, 1]);
    private static readonly IpAddress s_server6 = IpAddress.FromIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Process_ThousandsOfInterleavedConnections_EveryPacketOnItsModelStream(int seed)
    {
        // Arrange
        var random = new Random(seed);
        var sink = new RecordSink();
        var tracker = new ConnectionTracker(new ConnectionTrackerOptions(), sink);
        var open = new List<Tuple>();                       // the model's open connections
        var openSet = new HashSet<Tuple>();
        var stream = new Dictionary<(int Client, ushort Port), long>();
        var expectedPackets = new List<long>();             // per stream
        var isn = new Dictionary<(int Client, ushort Port), uint>();
        long frame = 0;
        long ns = 1_000_000_000;
        int peakOpen = 0;

        void Send(Tuple t, TcpFlags flags, uint seq, bool fromClient)
        {
            var header = fromClient
                ? new TcpSegmentHeader(t.ClientIp, t.Port, t.ServerIp, 80, seq, 0, flags, 1000, default, 0, new Timestamp(ns), ++frame)
                : new TcpSegmentHeader(t.ServerIp, 80, t.ClientIp, t.Port, seq, 0, flags, 1000, default, 0, new Timestamp(ns), ++frame);
            tracker.Process(new TcpSegment(in header, []));
            ns += 1_000;
            expectedPackets[(int)stream[(t.Client, t.Port)]]++;
        }

        void Open(Tuple t)
        {
            uint newIsn = isn.TryGetValue((t.Client, t.Port), out uint old) ? old + 100_000 : (uint)random.Next();
            isn[(t.Client, t.Port)] = newIsn;
            stream[(t.Client, t.Port)] = expectedPackets.Count;
            expectedPackets.Add(0);
            Send(t, TcpFlags.Syn, newIsn, fromClient: true);
            open.Add(t);
            openSet.Add(t);
        }

        // Act: three waves of opening up to 6,000 connections at once, with random traffic and random closes (RST from
        // the server: released on the next packets after the tracker's linger) between them.
        for (int wave = 0; wave < 3; wave++)
        {
            int target = 2_000 * (wave + 1);
            while (open.Count < target)
            {
                int client = random.Next(40);
                var t = new Tuple(client, (ushort)(32768 + random.Next(2_000)));
                if (!openSet.Contains(t))
                {
                    Open(t);
                }

                peakOpen = Math.Max(peakOpen, open.Count);
            }

            for (int i = 0; i < 20_000; i++)
            {
                int k = random.Next(open.Count);
                Tuple t = open[k];
                if (random.Next(16) == 0)
                {
                    Send(t, TcpFlags.Rst, 1, fromClient: false);
                    openSet.Remove(t);
                    open[k] = open[^1];
                    open.RemoveAt(open.Count - 1);
                }
                else
                {
                    Send(t, TcpFlags.Ack, isn[(t.Client, t.Port)] + 1, fromClient: random.Next(2) == 0);
                }
            }

            ns += 10_000_000_000; // past the close linger: closed connections are released, their slots freed
        }

        tracker.Flush();

        // Assert: the workload did what it is for, then every stream got exactly its packets.
        Assert.True(peakOpen >= 6_000, $"peak open {peakOpen}");
        Assert.True(expectedPackets.Count > 8_000, $"{expectedPackets.Count} streams");
        Assert.True(stream.Count < expectedPackets.Count, "no 4-tuple was reused");
        Assert.Equal(peakOpen, tracker.Statistics.PeakOpenConnections);
        Assert.Equal(expectedPackets.Count, tracker.Statistics.Streams);
        Assert.Equal(0, tracker.Statistics.LateSegments);
        Assert.Equal(expectedPackets, sink.Records.OrderBy(r => r.Stream).Select(r => r.ClientPackets + r.ServerPackets));

        // Assert: each record's open floor is at or before the open of every record released after it, and it moves.
        List<ConnectionRecord> released = sink.Records;
        var laterOpen = new long[released.Count + 1];
        laterOpen[^1] = long.MaxValue;
        for (int i = released.Count - 1; i >= 0; i--)
        {
            laterOpen[i] = Math.Min(laterOpen[i + 1], (released[i].SynTime ?? released[i].FirstTime).UnixNanoseconds);
        }

        for (int i = 0; i < released.Count; i++)
        {
            long floor = released[i].OpenFloor!.Value.UnixNanoseconds;
            Assert.True(floor <= laterOpen[i + 1], $"record {i} (stream {released[i].Stream}): floor {floor} after a later open {laterOpen[i + 1]}");
        }

        Assert.True(released.Select(r => r.OpenFloor).Distinct().Count() > 10, "the floor never moved");
    }

    private readonly record struct Tuple(int Client, ushort Port)
    {
        public IpAddress ClientIp => Client % 2 == 0
            ? IpAddress.FromIPv4([192, 168, 0, (byte)Client])
            : IpAddress.FromIPv6([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, (byte)Client]);

        public IpAddress ServerIp => Client % 2 == 0 ? s_server4 : s_server6;
    }

    private sealed class RecordSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
