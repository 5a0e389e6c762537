namespace WireLens.Testing.Hostile;

/// <summary>
/// Connections whose byte streams cross 2^32: each client ISN is within <see cref="MaxClientDistance"/> of 2^32 so
/// the request (82 bytes) crosses the wrap, each server ISN within <see cref="MaxServerDistance"/> so the response
/// (three segments, about 3 KB) does. Short HTTP/1.1 connections from 10.0.0.1 (ports 32768 + i) to 10.0.0.2:80.
/// </summary>
public static class WrapCapture
{
    /// <summary>2^32 minus any client ISN is at most this (and at least 1).</summary>
    public const uint MaxClientDistance = 80;

    /// <summary>2^32 minus any server ISN is at most this (and at least 1).</summary>
    public const uint MaxServerDistance = 2_900;

    /// <summary>Response segments per connection.</summary>
    public const int ResponseSegments = 3;

    /// <summary>The response body length.</summary>
    public const int BodyLength = 2_900;

    /// <summary>Packets per connection.</summary>
    public static int PacketsPerConnection => ShortHttpConnection.PacketCount(ResponseSegments, close: true);

    /// <summary>Writes <paramref name="connections"/> connections (at most 28,232); returns the packets written.</summary>
    public static long Write(string path, int connections)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(connections, 28_232);
        byte[] response = ShortHttpConnection.Response(BodyLength);
        Span<long> times = stackalloc long[PacketsPerConnection];
        using var w = new HostilePcapWriter(path);
        for (int i = 0; i < connections; i++)
        {
            long start = HostileClock.BaseNs + (i * 1_000_000L);
            for (int k = 0; k < times.Length; k++)
            {
                times[k] = start + (k * 50_000L);
            }

            // 2^32 - 1 - d: the SYN at 2^32 - 1 - d, the first data byte d bytes before the wrap (d = 0: right on it).
            uint clientIsn = uint.MaxValue - (uint)(i % MaxClientDistance);
            uint serverIsn = uint.MaxValue - (uint)(i * 37 % MaxServerDistance);
            ShortHttpConnection.Write(
                w, times, ChurnCapture.Client, (ushort)(32768 + i), ChurnCapture.Server, clientIsn, serverIsn, response, ResponseSegments);
        }

        return w.Packets;
    }
}
