using WireLens.Wire;

namespace WireLens.Analysis.Connections;

/// <summary>Requests counted within one second of the capture (<see cref="Second"/> = floor of time since the origin).</summary>
public readonly record struct SecondCount(int Second, int Count);

/// <summary>
/// Events of one connection (requests, retransmissions) per second of packet time. Buckets are kept in arrival order
/// and merged while the second stays the same, so a connection holds one entry per second in which the event
/// occurred. Recycled with its connection.
/// </summary>
internal sealed class SecondTimeline
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private readonly List<SecondCount> _buckets = [];

    /// <summary>Counts <paramref name="count"/> events at <paramref name="time"/>, seconds measured from <paramref name="origin"/>.</summary>
    public void Add(Timestamp time, Timestamp origin, int count)
    {
        if (count <= 0)
        {
            return;
        }

        long delta = time.UnixNanoseconds - origin.UnixNanoseconds;
        long second = delta >= 0 ? delta / NanosecondsPerSecond : ((delta + 1) / NanosecondsPerSecond) - 1;
        int s = (int)Math.Clamp(second, int.MinValue, int.MaxValue);
        if (_buckets.Count > 0 && _buckets[^1].Second == s)
        {
            _buckets[^1] = new SecondCount(s, _buckets[^1].Count + count);
        }
        else
        {
            _buckets.Add(new SecondCount(s, count));
        }
    }

    /// <summary>A copy for the released record (empty when nothing was counted).</summary>
    public IReadOnlyList<SecondCount> ToArray() => _buckets.Count == 0 ? [] : _buckets.ToArray();

    public void Reset() => _buckets.Clear();
}
