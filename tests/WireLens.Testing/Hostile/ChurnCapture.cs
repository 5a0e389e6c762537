namespace WireLens.Testing.Hostile;

/// <summary>A step of the capture's clock: from packet <see cref="Packet"/> of connection <see cref="Connection"/> on, times move by <see cref="DeltaNs"/>.</summary>
public readonly record struct ClockStep(long Connection, int Packet, long DeltaNs);

/// <summary>What <see cref="ChurnCapture.Write"/> generates.</summary>
public sealed record ChurnOptions
{
    /// <summary>Packets in the file: <see cref="ShortHttpConnection.Packets"/> per connection.</summary>
    public required long Packets { get; init; }

    /// <summary>Seed of the ISN hash.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Client ports used in turn from 32768 (at most 28,232: Linux's ephemeral range 32768–60999).</summary>
    public int ClientPorts { get; init; } = 28_232;

    /// <summary>One new connection every this many nanoseconds (default 100 µs: 10,000 connections a second).</summary>
    public long ConnectionIntervalNs { get; init; } = 100_000;

    /// <summary>Time between the packets of one connection (default 8 µs, so connections do not overlap).</summary>
    public long PacketGapNs { get; init; } = 8_000;

    /// <summary>Who closes first.</summary>
    public FirstCloser Closer { get; init; } = FirstCloser.Server;

    /// <summary>Steps of the capture clock, in capture order (none by default).</summary>
    public IReadOnlyList<ClockStep> ClockSteps { get; init; } = [];
}

/// <summary>
/// Short HTTP/1.1 connections from 10.0.0.1 to 10.0.0.2:80, one after the other, client ports cycling so that
/// 4-tuples are reused with fresh ISNs (as Linux does once the server, the active closer, holds TIME_WAIT).
/// Streams one connection at a time: memory is constant, whatever the packet count.
/// </summary>
public static class ChurnCapture
{
    /// <summary>The client, 10.0.0.1.</summary>
    public const uint Client = 0x0A00_0001;

    /// <summary>The server, 10.0.0.2.</summary>
    public const uint Server = 0x0A00_0002;

    /// <summary>The response body length (the response is one segment).</summary>
    public const int BodyLength = 6;

    /// <summary>Writes the capture; returns the packets written.</summary>
    public static long Write(string path, ChurnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNotEqual(options.Packets % ShortHttpConnection.Packets, 0L, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.ClientPorts, 28_232, nameof(options));
        byte[] response = ShortHttpConnection.Response(BodyLength);
        long connections = options.Packets / ShortHttpConnection.Packets;
        Span<long> times = stackalloc long[ShortHttpConnection.Packets];
        int step = 0;
        long offset = 0;
        using var w = new HostilePcapWriter(path);
        for (long i = 0; i < connections; i++)
        {
            long start = HostileClock.BaseNs + (i * options.ConnectionIntervalNs);
            for (int k = 0; k < times.Length; k++)
            {
                while (step < options.ClockSteps.Count && (options.ClockSteps[step].Connection, options.ClockSteps[step].Packet).CompareTo((i, k)) <= 0)
                {
                    offset += options.ClockSteps[step++].DeltaNs;
                }

                times[k] = start + (k * options.PacketGapNs) + offset;
            }

            var port = (ushort)(32768 + (i % options.ClientPorts));
            uint clientIsn = HostileClock.Isn(options.Seed, port, start);
            uint serverIsn = HostileClock.Isn(options.Seed + 1, port, start);
            ShortHttpConnection.Write(w, times, Client, port, Server, clientIsn, serverIsn, response, closer: options.Closer);
        }

        return w.Packets;
    }
}
