namespace WireLens.Testing.Hostile;

/// <summary>Times shared by the hostile captures.</summary>
public static class HostileClock
{
    /// <summary>2026-01-02T03:04:05Z in Unix nanoseconds: the first packet of every hostile capture.</summary>
    public static readonly long BaseNs = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000;

    /// <summary>A 32-bit mix of <paramref name="a"/> and <paramref name="b"/> (SplitMix64 finaliser): deterministic, unlike HashCode.</summary>
    public static uint Mix(long a, long b)
    {
        ulong z = unchecked((ulong)a * 0x9E3779B97F4A7C15UL + (ulong)b);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (uint)((z ^ (z >> 31)) >> 16);
    }

    /// <summary>
    /// An initial sequence number the way RFC 6528 (and Linux) makes one: a per-4-tuple secret hash plus a clock that
    /// ticks every 4 µs, so a reused 4-tuple always gets a fresh, larger ISN.
    /// </summary>
    public static uint Isn(int seed, long tuple, long timeNs) => unchecked(Mix(seed, tuple) + (uint)(timeNs / 4_000));
}
