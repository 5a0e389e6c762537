namespace WireLens.Reporting.Groups;

/// <summary>Counts per second of the capture, indexed from second 0 (earlier seconds are counted in second 0).</summary>
internal sealed class SecondSeries
{
    private long[] _counts = new long[16];

    /// <summary>One past the last second counted; 0 when nothing was counted.</summary>
    public int Length { get; private set; }

    /// <summary>The first second counted, or <see cref="int.MaxValue"/> when none.</summary>
    public int First { get; private set; } = int.MaxValue;

    public void Add(int second, long count)
    {
        if (count == 0)
        {
            return;
        }

        int s = Math.Max(0, second);
        if (s >= _counts.Length)
        {
            Array.Resize(ref _counts, Math.Max(s + 1, _counts.Length * 2));
        }

        _counts[s] += count;
        Length = Math.Max(Length, s + 1);
        First = Math.Min(First, s);
    }

    public long this[int second] => second >= 0 && second < Length ? _counts[second] : 0;

    public long Max()
    {
        long max = 0;
        for (int i = 0; i < Length; i++)
        {
            max = Math.Max(max, _counts[i]);
        }

        return max;
    }
}

/// <summary>The counted series of one group's time series (the gauges come from the builder's sweeps).</summary>
internal sealed class PerSecondCounts
{
    public SecondSeries Opened { get; } = new();

    public SecondSeries Closed { get; } = new();

    public SecondSeries Requests { get; } = new();

    public SecondSeries TlsFull { get; } = new();

    public SecondSeries TlsResumed { get; } = new();

    public SecondSeries Retransmissions { get; } = new();

    /// <summary>The first and one past the last second any series counted something (First = int.MaxValue when none).</summary>
    public (int First, int End) Range()
    {
        int first = int.MaxValue;
        int end = 0;
        foreach (SecondSeries s in (ReadOnlySpan<SecondSeries>)[Opened, Closed, Requests, TlsFull, TlsResumed, Retransmissions])
        {
            first = Math.Min(first, s.First);
            end = Math.Max(end, s.Length);
        }

        return (first, end);
    }
}
