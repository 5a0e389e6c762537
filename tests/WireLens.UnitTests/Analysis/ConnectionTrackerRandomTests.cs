using System.Text;
using WireLens.Analysis.Connections;

namespace WireLens.UnitTests.Analysis;

/// <summary>
/// Random segment sequences (fixed seeds, so a failure reproduces): whatever arrives, the tracker must not throw,
/// must hand out stream numbers 0..N-1 once each and must report sane counts.
/// </summary>
public class ConnectionTrackerRandomTests
{
    private const int SequencesPerSeed = 200;

    private static readonly string[] s_flags = ["S", "SA", "A", "A", "PA", "PA", "PA", "FA", "FPA", "R", "RA", "", "SF", "SR", "FR", "SFRA", "U"];
    private static readonly byte[] s_request = Encoding.Latin1.GetBytes(Scenarios.Request + Scenarios.Request);

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Process_RandomSegments_StreamsDenseAndCountsSane(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < SequencesPerSeed; n++)
        {
            // Arrange
            bool monotonic = random.Next(2) == 0;
            (SegmentTable table, ConnectionTrackerOptions options) = RandomTable(random, monotonic);

            // Act
            SegmentRun run = table.Run(options);

            // Assert
            string where = $"seed {seed}, sequence {n}";
            long streams = run.Statistics.Streams;
            Assert.True(run.Records.Select(r => r.Stream).SequenceEqual(Enumerable.Range(0, (int)streams).Select(i => (long)i)), where);
            Assert.Equal(table.Count, run.Statistics.Segments);
            Assert.InRange(run.Statistics.LateSegments, 0, table.Count);
            Assert.Equal(0, run.Statistics.OpenConnections);
            Assert.Equal(table.Count - run.Statistics.LateSegments, run.Records.Sum(r => r.ClientPackets + r.ServerPackets));
            Assert.All(run.Records, r => AssertSane(r, monotonic, where));
        }
    }

    private static void AssertSane(ConnectionRecord r, bool monotonic, string where)
    {
        int[] counts =
        [
            r.Retransmissions, r.FastRetransmissions, r.SpuriousRetransmissions, r.OutOfOrder, r.DuplicateAcks,
            r.ZeroWindows, r.KeepAlives, r.LostSegments, r.AckedUnseen, r.SynRetransmits, r.SynAckRetransmits,
        ];
        Assert.True(counts.All(c => c >= 0), where);
        Assert.True(r.ClientPackets >= 0 && r.ServerPackets >= 0 && r.ClientBytes >= 0 && r.ServerBytes >= 0, where);
        Assert.True(r.ClientPackets + r.ServerPackets > 0, where);
        Assert.True(r.DurationMs >= 0, where);
        Assert.True(r.Retransmissions >= r.FastRetransmissions + r.SpuriousRetransmissions, where);
        Assert.True(r.HttpRequests is null or >= 0, where);
        if (monotonic)
        {
            // With timestamps going backwards tshark's initial RTT can be negative too; in capture order it cannot.
            Assert.True(r.InitialRttMs is null or > 0, where);
            Assert.True(r.FirstFinTime is null || r.FirstFinTime >= r.FirstTime, where);
            Assert.True(r.FirstRstTime is null || r.FirstRstTime <= r.LastTime, where);
        }
    }

    private static (SegmentTable Table, ConnectionTrackerOptions Options) RandomTable(Random random, bool monotonic)
    {
        var table = new SegmentTable();
        var options = new ConnectionTrackerOptions
        {
            IdleTimeout = TimeSpan.FromMilliseconds(random.Next(1, 5_000)),
            CloseLinger = TimeSpan.FromMilliseconds(random.Next(0, 2_000)),
            MaxBufferedBytesPerDirection = random.Next(0, 4_000),
            MaxTombstones = random.Next(0, 3),
        };

        // A couple of 4-tuples, each with ISNs that sometimes sit near the top of the sequence space.
        int tuples = random.Next(1, 4);
        var isns = new (uint Client, uint Server)[tuples];
        for (int i = 0; i < tuples; i++)
        {
            isns[i] = (RandomIsn(random), RandomIsn(random));
        }

        int segments = random.Next(1, 31);
        double time = 0;
        for (int i = 0; i < segments; i++)
        {
            int t = random.Next(tuples);
            if (random.Next(8) == 0)
            {
                isns[t] = (RandomIsn(random), RandomIsn(random)); // a new incarnation of the tuple
            }

            table.Connection(isns[t].Client, isns[t].Server, clientPort: (ushort)(50000 + t), serverPort: 80);
            time += random.Next(10) switch
            {
                0 when !monotonic => -random.Next(0, 50), // timestamps going backwards
                1 => random.Next(1_000, 10_000), // long pauses: idle flushes and linger expiry
                _ => random.NextDouble() * 5,
            };

            string flags = s_flags[random.Next(s_flags.Length)];
            long relSeq = random.Next(4) == 0 ? random.Next() : random.Next(0, 3_000);
            long relAck = random.Next(4) == 0 ? random.Next() : random.Next(0, 3_000);
            int len = random.Next(3) == 0 ? 0 : random.Next(0, 1_500);
            ushort window = random.Next(6) == 0 ? (ushort)0 : (ushort)random.Next(1, 65536);
            byte[] payload = RandomPayload(random, len);
            table.Add(time, random.Next(2) == 0 ? 'C' : 'S', flags, relSeq, relAck, len, window, payload);
        }

        return (table, options);
    }

    private static uint RandomIsn(Random random) =>
        random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(0, 3_000) : (uint)random.NextInt64(0, 1L << 32);

    private static byte[] RandomPayload(Random random, int len)
    {
        var payload = new byte[random.Next(10) == 0 ? random.Next(0, len + 1) : len]; // sometimes cut by the snaplen
        if (random.Next(2) == 0)
        {
            s_request.AsSpan(0, Math.Min(payload.Length, s_request.Length)).CopyTo(payload);
        }
        else
        {
            random.NextBytes(payload);
        }

        return payload;
    }
}
