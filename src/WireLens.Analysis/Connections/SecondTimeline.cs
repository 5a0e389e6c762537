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
/// <remarks>
/// A value held in the connection object (a mutable struct: keep it in a field that is not readonly, never copy it).
/// Most connections count their events within one second, or none: that bucket is held inline, and a list, kept for
/// reuse, holds the buckets only from a second one on. A pooled connection then carries no timeline objects of its
/// own to go cold in the cache between its close and its record.
/// </remarks>
internal struct SecondTimeline
{
    private SecondCount _single;   // the only bucket, while _count == 1
    private List<SecondCount>? _buckets; // every bucket, while _count > 1
    private int _count;

    /// <summary>Counts <paramref name="count"/> events at <paramref name="time"/>, seconds measured from <paramref name="origin"/>.</summary>
    public void Add(Timestamp time, Timestamp origin, int count)
    {
        if (count <= 0)
        {
            return;
        }

        int s = (int)Math.Clamp(time.WholeSecondsSince(origin), int.MinValue, int.MaxValue);
        if (_count == 0)
        {
            _single = new SecondCount(s, count);
            _count = 1;
            return;
        }

        if (_count == 1)
        {
            if (_single.Second == s)
            {
                _single = new SecondCount(s, _single.Count + count);
                return;
            }

            _buckets ??= [];
            _buckets.Add(_single);
        }

        // Usually the last bucket or a new one after it; bytes can also carry an earlier time than the last counted
        // ones (a segment that waited behind a hole, a capture clock that stepped back): they go to their own second.
        List<SecondCount> buckets = _buckets!;
        int i = buckets.Count;
        while (i > 0 && buckets[i - 1].Second > s)
        {
            i--;
        }

        if (i > 0 && buckets[i - 1].Second == s)
        {
            buckets[i - 1] = new SecondCount(s, buckets[i - 1].Count + count);
        }
        else if (i == buckets.Count)
        {
            buckets.Add(new SecondCount(s, count));
        }
        else
        {
            buckets.Insert(i, new SecondCount(s, count));
        }

        _count = buckets.Count;
    }

    /// <summary>
    /// A copy for the released record (empty when nothing was counted). A single bucket equal to the one in
    /// <paramref name="lastSingle"/> is given as that same array (see <see cref="RecentRecordValues"/>); another single
    /// bucket is given as a new array, kept there.
    /// </summary>
    /// <remarks>Copied from a span: List.ToArray goes through Array.Copy's type checks, a measurable cost per connection.</remarks>
    public readonly IReadOnlyList<SecondCount> ToArray(ref SecondCount[]? lastSingle) => _count switch
    {
        0 => [],
        1 => lastSingle is [var last] && last == _single ? lastSingle : lastSingle = [_single],
        _ => CollectionsMarshal.AsSpan(_buckets).ToArray(),
    };

    public void Reset()
    {
        _count = 0;
        _buckets?.Clear();
    }
}
