using System.Runtime.CompilerServices;

namespace WireLens.Reporting.Groups;

/// <summary>
/// The chain of connections held per 4-tuple (<see cref="GroupReportBuilder"/>): its first and last connection and
/// when the last one opened, keyed by the 4-tuple's 128-bit digest. Open addressing with linear probing and deletion by
/// backward shift (no tombstones), at most half full: a lookup reads one 32-byte slot, mostly one cache line, where a
/// <see cref="Dictionary{TKey, TValue}"/> reads a bucket and then an entry elsewhere. On a churn capture the slot is
/// cold (the client port's previous use was a second or more before), so the misses per connection are what counts.
/// </summary>
internal sealed class TupleChainTable
{
    private const int InitialCapacity = 1024;

    private Slot[] _slots = NewSlots(InitialCapacity);
    private int _shift = 64 - 10;

    public int Count { get; private set; }

    /// <summary>
    /// The slot of <paramref name="key"/>, added empty (<see cref="Slot.Head"/> -1 until the caller sets it) when
    /// missing. The reference is valid until the table next adds or removes a key.
    /// </summary>
    public ref Slot FindOrAdd(UInt128 key, out bool exists)
    {
        if (Count >= _slots.Length >> 1)
        {
            Grow();
        }

        ref Slot slot = ref _slots[Probe(_slots, key)];
        exists = slot.Head >= 0;
        if (!exists)
        {
            slot.Key = key;
            Count++;
        }

        return ref slot;
    }

    /// <summary>The slot of <paramref name="key"/>, or a null reference (<see cref="Unsafe.IsNullRef{T}(ref readonly T)"/>).</summary>
    public ref Slot Find(UInt128 key)
    {
        int i = IndexOf(key);
        if (i < 0)
        {
            return ref Unsafe.NullRef<Slot>();
        }

        return ref _slots[i];
    }

    /// <summary>
    /// Reads the slot where the search for <paramref name="key"/> starts, so that a lookup soon after finds it in the
    /// cache; returns its tail (for the caller to keep, so the read is not optimised away).
    /// </summary>
    public int Touch(UInt128 key) => _slots[Home(key)].Tail;

    public void Remove(UInt128 key)
    {
        int hole = IndexOf(key);
        if (hole < 0)
        {
            return;
        }

        // Backward shift: each slot after the hole up to the next empty one moves into the hole unless its home lies
        // cyclically in (hole, slot], where a search for it would not pass the hole.
        Slot[] slots = _slots;
        int mask = slots.Length - 1;
        for (int j = (hole + 1) & mask; slots[j].Head >= 0; j = (j + 1) & mask)
        {
            int home = Home(slots[j].Key);
            bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays)
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }

        slots[hole] = Slot.Empty;
        Count--;
    }

    private int IndexOf(UInt128 key)
    {
        int i = Probe(_slots, key);
        return _slots[i].Head >= 0 ? i : -1;
    }

    // The slot holding key, else the empty slot where its search ends (where it goes): the table is never full.
    private int Probe(Slot[] slots, UInt128 key)
    {
        int mask = slots.Length - 1;
        int i = Home(key);
        while (slots[i].Head >= 0 && slots[i].Key != key)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    // Fibonacci hashing of both halves: 4-tuples that differ only in the client port spread over the whole table.
    private int Home(UInt128 key)
    {
        ulong h = ((ulong)key ^ ((ulong)(key >> 64) * 0xC2B2AE3D27D4EB4FUL)) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> _shift);
    }

    private void Grow()
    {
        Slot[] old = _slots;
        _slots = NewSlots(old.Length * 2);
        _shift--;
        foreach (Slot slot in old)
        {
            if (slot.Head >= 0)
            {
                _slots[Probe(_slots, slot.Key)] = slot; // keys are distinct: the probe ends at an empty slot
            }
        }
    }

    private static Slot[] NewSlots(int capacity)
    {
        var slots = new Slot[capacity];
        slots.AsSpan().Fill(Slot.Empty);
        return slots;
    }

    /// <summary>
    /// One 4-tuple's chain: the first and last connection held (span indices, in open order) and the last one's open
    /// time, which an append compares with without reading that connection. Empty while <see cref="Head"/> is -1.
    /// </summary>
    internal struct Slot
    {
        public static readonly Slot Empty = new() { Head = -1, Tail = -1 };

        public UInt128 Key;
        public long TailOpenNs;
        public int Head;
        public int Tail;
    }
}
