using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using WireLens.Analysis.Connections;
using WireLens.Wire;
using WireLens.Wire.Ip;
using WireLens.Wire.Tcp;

namespace WireLens.UnitTests.Fuzz;

/// <summary>
/// The connection tracker on random segment sequences over a handful of 4-tuples: random flags and options,
/// sequence/ack numbers near the wrap, timestamps that jump back, zero and huge payload lengths against shorter
/// captured payloads. After <see cref="ConnectionTracker.Flush"/>: every stream released exactly once, stream numbers
/// 0..n-1, FirstFrame ≤ LastFrame.
/// </summary>
public class ConnectionTrackerFuzzTests
{
    private const ulong Seed = 0x5EED_0005;
    private const int MinInputs = 16_000;

    private static readonly IpAddress[] s_hosts =
    [
        IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")),
        IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")),
        IpAddress.FromIPAddress(IPAddress.Parse("fe80::1")),
    ];

    private static readonly byte[] s_request = Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n");

    [Fact]
    public void Process_RandomSegmentSequences_ReleasesEachStreamOnce()
    {
        // Arrange: a sequence is a pure function of (plan, length), so the message can name it in two numbers.
        Gen<(ulong, int)> gen = Gen.ULong.Select(Gen.Int[1, 60], (plan, n) => (plan, n));

        // Act
        int executed = FuzzHarness.Run(Seed, MinInputs, gen, t => RunSequence(t.Item1, t.Item2), t => Describe(t.Item1, t.Item2));

        // Assert
        Assert.True(executed >= MinInputs, $"executed {executed} inputs, fewer than the stated minimum {MinInputs}");
    }

    internal static void RunSequence(ulong plan, int count)
    {
        Random random = NewRandom(plan);
        var sink = new RecordingSink();
        var tracker = new ConnectionTracker(RandomOptions(random), sink);
        foreach (Segment s in Segments(random, count))
        {
            var header = new TcpSegmentHeader(
                s.Source, s.SourcePort, s.Destination, s.DestinationPort, s.Sequence, s.Acknowledgment, s.Flags, s.Window,
                TcpOptions.Parse(s.Options), s.PayloadLength, s.Time, s.Frame);
            tracker.Process(new TcpSegment(in header, s.Payload));
            if (s.Frame % 13 == 12)
            {
                tracker.AdvanceTo(s.Time);
            }
        }

        tracker.Flush();

        long streams = tracker.Statistics.Streams;
        Assert.Equal(streams, sink.Records.Count);
        Assert.Equal(Enumerable.Range(0, (int)streams).Select(i => (long)i), sink.Records.Select(r => r.Stream).Order());
        Assert.All(sink.Records, r => Assert.True(r.FirstFrame <= r.LastFrame, $"stream {r.Stream}: frames {r.FirstFrame}..{r.LastFrame}"));
        Assert.Equal(0, tracker.Statistics.OpenConnections);
    }

    private static ConnectionTrackerOptions RandomOptions(Random random) => new()
    {
        IdleTimeout = TimeSpan.FromMilliseconds(random.Next(1, 5_000)),
        CloseLinger = TimeSpan.FromMilliseconds(random.Next(0, 2_000)),
        MaxBufferedBytesPerDirection = random.Next(0, 4_000),
        MaxTombstones = random.Next(0, 3),
    };

    private static List<Segment> Segments(Random random, int count)
    {
        // A handful of 4-tuples (IPv4 and IPv6), with ISNs often within a window of the 2^32 wrap.
        int tuples = random.Next(1, 5);
        var isn = new uint[tuples * 2];
        for (int i = 0; i < isn.Length; i++)
        {
            isn[i] = random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(0, 3_000) : (uint)random.NextInt64(0, 1L << 32);
        }

        var segments = new List<Segment>(count);
        long time = 1_700_000_000_000_000_000;
        for (int frame = 1; frame <= count; frame++)
        {
            int t = random.Next(tuples);
            bool fromClient = random.Next(2) == 0;
            IpAddress client = s_hosts[t % 2 == 0 ? 0 : 2];
            IpAddress server = s_hosts[t % 2 == 0 ? 1 : 2];
            ushort clientPort = (ushort)(50000 + t);
            ushort serverPort = (ushort)(random.Next(8) == 0 ? 443 : 80);
            time += random.Next(10) switch
            {
                0 => -random.Next(0, 50_000_000), // backwards
                1 => random.NextInt64(1_000_000_000, 10_000_000_000), // long pauses: idle and linger expiry
                _ => random.Next(0, 5_000_000),
            };

            int payloadLength = random.Next(6) switch
            {
                0 => 0,
                1 => random.Next(65_536, 1 << 20), // huge (TSO-sized)
                _ => random.Next(1, 1_500),
            };
            int captured = random.Next(4) == 0 ? random.Next(0, Math.Min(payloadLength, 2_000) + 1) : Math.Min(payloadLength, 2_000);
            byte[] payload = new byte[captured];
            if (random.Next(2) == 0)
            {
                s_request.AsSpan(0, Math.Min(captured, s_request.Length)).CopyTo(payload);
            }
            else
            {
                random.NextBytes(payload);
            }

            uint mine = isn[(t * 2) + (fromClient ? 0 : 1)];
            uint theirs = isn[(t * 2) + (fromClient ? 1 : 0)];
            segments.Add(new Segment(
                fromClient ? client : server,
                fromClient ? clientPort : serverPort,
                fromClient ? server : client,
                fromClient ? serverPort : clientPort,
                unchecked(mine + (uint)(random.Next(4) == 0 ? random.Next() : random.Next(0, 3_000))),
                unchecked(theirs + (uint)(random.Next(4) == 0 ? random.Next() : random.Next(0, 3_000))),
                (TcpFlags)random.Next(0, 256),
                (ushort)(random.Next(6) == 0 ? 0 : random.Next(1, 65_536)),
                OptionBytes(random, time),
                payloadLength,
                payload,
                new Timestamp(time),
                frame));
        }

        return segments;
    }

    private static Random NewRandom(ulong plan) => new(unchecked((int)plan ^ (int)(plan >> 32)));

    private static byte[] OptionBytes(Random random, long time)
    {
        if (random.Next(3) == 0)
        {
            byte[] noise = new byte[random.Next(0, 41)];
            random.NextBytes(noise);
            return noise;
        }

        // MSS, NOP, window scale, SACK permitted, timestamps (TSval jumping around like the clock above), one SACK block.
        byte[] options = [2, 4, 5, 0xB4, 1, 3, 3, (byte)random.Next(0, 20), 4, 2, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0, 5, 10, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32BigEndian(options.AsSpan(12), unchecked((uint)(time / 1_000_000) - (uint)random.Next(0, 3)));
        BinaryPrimitives.WriteUInt32BigEndian(options.AsSpan(16), (uint)random.NextInt64(0, 1L << 32));
        BinaryPrimitives.WriteUInt32BigEndian(options.AsSpan(22), (uint)random.NextInt64(0, 1L << 32));
        BinaryPrimitives.WriteUInt32BigEndian(options.AsSpan(26), (uint)random.NextInt64(0, 1L << 32));
        return options[..random.Next(0, options.Length + 1)];
    }

    private static string Describe(ulong plan, int count)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"plan {plan}, {count} segments (RunSequence({plan}UL, {count})):");
        Random random = NewRandom(plan);
        _ = RandomOptions(random); // drawn first, as RunSequence does
        foreach (Segment s in Segments(random, count))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  #{s.Frame} t={s.Time.UnixNanoseconds} {s.Source}:{s.SourcePort}>{s.Destination}:{s.DestinationPort} ")
                .Append(CultureInfo.InvariantCulture, $"flags={s.Flags} seq={s.Sequence} ack={s.Acknowledgment} win={s.Window} len={s.PayloadLength} ")
                .Append(CultureInfo.InvariantCulture, $"opts={Convert.ToHexString(s.Options)} payload={Convert.ToHexString(s.Payload)}");
        }

        return text.ToString();
    }

    private sealed record Segment(
        IpAddress Source, ushort SourcePort, IpAddress Destination, ushort DestinationPort, uint Sequence, uint Acknowledgment,
        TcpFlags Flags, ushort Window, byte[] Options, int PayloadLength, byte[] Payload, Timestamp Time, long Frame);

    private sealed class RecordingSink : IConnectionSink
    {
        public List<ConnectionRecord> Records { get; } = [];

        public void OnConnection(ConnectionRecord record) => Records.Add(record);
    }
}
