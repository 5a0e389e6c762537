using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Testing.Hostile;

/// <summary>
/// A SYN flood: SYNs from random source addresses in 11.0.0.0/8 and random ports 1024–65535 (fixed seed, every 4-tuple
/// distinct) to 10.0.0.2:80, one every microsecond from <see cref="HostileClock.BaseNs"/>, none answered.
/// </summary>
public static class SynFlood
{
    /// <summary>The flooded server's port.</summary>
    public const ushort ServerPort = ShortHttpConnection.ServerPort;

    /// <summary>The flooded server, 10.0.0.2.</summary>
    public const uint Server = 0x0A00_0002;

    // Source = 11.0.0.0 + x / 64512, port = 1024 + x % 64512, x = (a·i + b) mod 2^24·64512: a bijection on [0, M)
    // when a is prime to M = 2^34·63, so every SYN has its own 4-tuple without a set of the ones already drawn.
    private const long TupleSpace = (1L << 24) * 64512;

    /// <summary>One SYN: its source, initial sequence number, time and frame number.</summary>
    public readonly record struct Syn(IpAddress Source, ushort SourcePort, uint Isn, Timestamp Time, long Frame);

    /// <summary>The <paramref name="count"/> SYNs in capture order.</summary>
    public static IEnumerable<Syn> Generate(int count, int seed)
    {
        var random = new Random(seed);
        long a = (random.NextInt64(1L << 32, 1L << 33) * 42) + 1; // 42a+1 is odd and prime to 3 and 7
        long b = random.NextInt64(TupleSpace);
        for (int i = 0; i < count; i++)
        {
            long x = (long)(((UInt128)(ulong)a * (ulong)i + (ulong)b) % TupleSpace);
            uint source = 0x0B00_0000 + (uint)(x / 64512);
            var port = (ushort)(1024 + (x % 64512));
            yield return new Syn(new IpAddress(0, source, 4), port, (uint)random.NextInt64(1L << 32), new Timestamp(HostileClock.BaseNs + (i * 1_000L)), i + 1);
        }
    }

    /// <summary>Writes the flood as a raw-IPv4 pcap, 40 bytes a packet; returns the packets written.</summary>
    public static long WritePcap(string path, int count, int seed)
    {
        using var w = new HostilePcapWriter(path);
        foreach (Syn syn in Generate(count, seed))
        {
            w.Segment(syn.Time.UnixNanoseconds, (uint)syn.Source.Low, syn.SourcePort, Server, ServerPort, syn.Isn, 0, TcpBits.Syn);
        }

        return w.Packets;
    }
}
