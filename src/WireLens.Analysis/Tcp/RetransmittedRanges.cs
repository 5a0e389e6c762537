namespace WireLens.Analysis.Tcp;

/// <summary>
/// The sequence ranges of one direction's most recent retransmitted payload frames, so that a D-SACK from the peer
/// can be matched to the retransmission it proves unnecessary. A fixed ring of <see cref="Capacity"/> entries: a
/// D-SACK follows its duplicate within a delayed-ACK time, so only the latest retransmissions can be the ones it
/// reports; a burst of more retransmissions before their D-SACKs loses the oldest, which then stay unproven (the
/// count errs low, never high).
/// </summary>
public sealed class RetransmittedRanges
{
    public const int Capacity = 16;

    private readonly Entry[] _entries = new Entry[Capacity];
    private int _count;
    private int _next;

    /// <summary>Records a retransmitted frame carrying [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void Add(uint start, uint end)
    {
        _entries[_next] = new Entry(start, end, Proven: false);
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>
    /// Marks every remembered retransmission that overlaps the D-SACK range [<paramref name="left"/>,
    /// <paramref name="right"/>) as proven unnecessary. True when at least one was not proven before: the range
    /// counts once however many retransmitted frames it covers, and a D-SACK repeating an already proven range
    /// (or reporting data that was never retransmitted: a duplicate made by the network) counts nothing.
    /// </summary>
    public bool Prove(uint left, uint right)
    {
        if (!SeqNumber.IsBefore(left, right))
        {
            return false;
        }

        bool any = false;
        for (int i = 0; i < _count; i++)
        {
            ref Entry e = ref _entries[i];
            if (!e.Proven && SeqNumber.IsBefore(e.Start, right) && SeqNumber.IsBefore(left, e.End))
            {
                e = e with { Proven = true };
                any = true;
            }
        }

        return any;
    }

    /// <summary>Forgets everything (a recycled connection).</summary>
    public void Reset()
    {
        _count = 0;
        _next = 0;
    }

    private readonly record struct Entry(uint Start, uint End, bool Proven);
}
