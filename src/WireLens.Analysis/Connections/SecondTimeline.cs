using System.Runtime.InteropServices;
using WireLens.Wire;

namespace WireLens.Analysis.Connections;

/// <summary>Events counted within one second of the capture (<see cref="Second"/> = floor of time since the origin).</summary>
public readonly record struct SecondCount(int Second, int Count);

/// <summary>
/// Events of one connection (requests, retransmissions) per second of packet time, counted when the bytes or
/// segments that carried them arrived. Buckets are kept in time order, one per second in which an event occurred.
/// Recycled with its connection.
/// </summary>
internal sealed class SecondTimeline
{
    private readonly List<SecondCount> _buckets = [];

    /// <summary>Counts <paramref name="count"/> events at <paramref name="time"/>, seconds measured from <paramref name="origin"/>.</summary>
    public void Add(Timestamp time, Timestamp origin, int count)
    {
        if (count <= 0)
        {
            return;
        }

        int s = (int)Math.Clamp(time.WholeSecondsSince(origin), int.MinValue, int.MaxValue);

        // Usually the last bucket or a new one after it; bytes can also carry an earlier time than the last counted
        // ones (a segment that waited behind a hole, a capture clock that stepped back): they go to their own second.
        int i = _buckets.Count;
        while (i > 0 && _buckets[i - 1].Second > s)
        {
            i--;
        }

        if (i > 0 && _buckets[i - 1].Second == s)
        {
            _buckets[i - 1] = new SecondCount(s, _buckets[i - 1].Count + count);
        }
        else
        {
            _buckets.Insert(i, new SecondCount(s, count));
        }
    }

    /// <summary>A copy for the released record (empty when nothing was counted).</summary>
    /// <remarks>Copied from a span: List.ToArray goes through Array.Copy's type checks, a measurable cost per connection.</remarks>
    public IReadOnlyList<SecondCount> ToArray() => _buckets.Count == 0 ? [] : CollectionsMarshal.AsSpan(_buckets).ToArray();

    public void Reset() => _buckets.Clear();
}
