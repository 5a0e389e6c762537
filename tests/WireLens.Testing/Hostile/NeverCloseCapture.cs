namespace WireLens.Testing.Hostile;

/// <summary>What <see cref="NeverCloseCapture.Write"/> generates.</summary>
public sealed record NeverCloseOptions
{
    /// <summary>Connections that do the handshake, one request and response, then go silent.</summary>
    public required int Connections { get; init; }

    /// <summary>Packet time from the last silent connection's response to the first trailing connection (default 400 s).</summary>
    public long SilenceNs { get; init; } = 400_000_000_000;

    /// <summary>Short closed connections after the silence, from another client (default 1,000).</summary>
    public int TrailingConnections { get; init; } = 1_000;

    /// <summary>Seed of the ISN hash.</summary>
    public int Seed { get; init; } = 2;
}

/// <summary>
/// Connections that never close: <see cref="NeverCloseOptions.Connections"/> clients (10.1.x.y, each 4-tuple distinct)
/// open a connection to 10.0.0.2:80 every 100 µs, send one request, get the response and say nothing more; after a
/// silence, <see cref="NeverCloseOptions.TrailingConnections"/> short closed connections from 10.2.0.1 follow.
/// </summary>
public static class NeverCloseCapture
{
    /// <summary>The first silent client, 10.1.0.0 (then 10.1.0.1 ... one per 28,232 ports).</summary>
    public const uint SilentClients = 0x0A01_0000;

    /// <summary>The client of the trailing connections, 10.2.0.1.</summary>
    public const uint TrailingClient = 0x0A02_0001;

    /// <summary>Packets of the file for <paramref name="options"/>.</summary>
    public static long PacketCount(NeverCloseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ((long)options.Connections * ShortHttpConnection.OpenPackets) + ((long)options.TrailingConnections * ShortHttpConnection.Packets);
    }

    /// <summary>Writes the capture; returns the packets written.</summary>
    public static long Write(string path, NeverCloseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        byte[] response = ShortHttpConnection.Response(ChurnCapture.BodyLength);
        Span<long> times = stackalloc long[ShortHttpConnection.Packets];
        using var w = new HostilePcapWriter(path);
        long start = HostileClock.BaseNs;
        for (int i = 0; i < options.Connections; i++)
        {
            start = HostileClock.BaseNs + (i * 100_000L);
            Fill(times, start);
            uint client = SilentClients + (uint)(i / 28_232);
            var port = (ushort)(32768 + (i % 28_232));
            ShortHttpConnection.Write(
                w, times, client, port, ChurnCapture.Server, HostileClock.Isn(options.Seed, i, start), HostileClock.Isn(options.Seed + 1, i, start),
                response, close: false);
        }

        long trailing = start + options.SilenceNs;
        for (int i = 0; i < options.TrailingConnections; i++)
        {
            long t = trailing + (i * 100_000L);
            Fill(times, t);
            var port = (ushort)(32768 + (i % 28_232));
            ShortHttpConnection.Write(
                w, times, TrailingClient, port, ChurnCapture.Server, HostileClock.Isn(options.Seed, -i - 1, t), HostileClock.Isn(options.Seed + 1, -i - 1, t),
                response);
        }

        return w.Packets;
    }

    private static void Fill(Span<long> times, long start)
    {
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = start + (k * 8_000L);
        }
    }
}
