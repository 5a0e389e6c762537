using System.Numerics;
using WireLens.Analysis.Tcp;

namespace WireLens.Analysis.Connections;

/// <summary>
/// The open connections by 4-tuple: an open-addressing hash table (linear probing, at most half full) whose slots hold
/// only the key's hash and the connection, which carries its own key.
/// </summary>
/// <remarks>
/// Looked up once per packet. A <c>Dictionary&lt;FlowKey, TcpConnection&gt;</c> keeps the 64-byte key in an 80-byte
/// entry reached through a bucket array: on a churn capture, with tens of thousands of connections held, each lookup
/// missed the cache twice before reaching the connection. Here a lookup reads one 16-byte slot (the table stays small
/// enough for the core's cache) and then the connection, which the packet's analysis reads next anyway. Removal shifts
/// the following slots back (Knuth's algorithm R), so no deleted markers accumulate.
/// </remarks>
internal sealed class LiveConnectionTable
{
    private const int MinimumCapacity = 16;

    private Slot[] _slots = new Slot[MinimumCapacity];
    private int _mask = MinimumCapacity - 1;

    public int Count { get; private set; }

    /// <summary>The connection with <paramref name="key"/>, whose hash code is <paramref name="hash"/>, or null.</summary>
    public TcpConnection? Find(in FlowKey key, int hash)
    {
        Slot[] slots = _slots;
        int mask = _mask;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            ref Slot slot = ref slots[i];
            if (slot.Connection is not { } conn)
            {
                return null;
            }

            if (slot.Hash == hash && conn.Key.Equals(key))
            {
                return conn;
            }
        }
    }

    /// <summary>Reads the slot where a lookup of a key with <paramref name="hash"/> starts; the result means nothing.</summary>
    public int TouchHome(int hash) => _slots[hash & _mask].Hash;

    /// <summary>
    /// The first connection held whose key has <paramref name="hash"/>, found without reading any connection: most
    /// likely the one with the key (hashes of different keys seldom meet), or null. For reading ahead only.
    /// </summary>
    public TcpConnection? Probe(int hash)
    {
        Slot[] slots = _slots;
        int mask = _mask;
        for (int i = hash & mask; ; i = (i + 1) & mask)
        {
            ref Slot slot = ref slots[i];
            if (slot.Connection is null || slot.Hash == hash)
            {
                return slot.Connection;
            }
        }
    }

    /// <summary>Adds <paramref name="connection"/> under its <see cref="TcpConnection.Key"/>, which must not be in the table.</summary>
    public void Add(TcpConnection connection)
    {
        if ((Count + 1) * 2 > _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        Insert(_slots, _mask, connection, connection.Key.GetHashCode());
        Count++;
    }

    /// <summary>Removes <paramref name="connection"/> (found by its key); false when it is not in the table.</summary>
    public bool Remove(TcpConnection connection)
    {
        FlowKey key = connection.Key;
        int hash = key.GetHashCode();
        Slot[] slots = _slots;
        int mask = _mask;
        int hole = hash & mask;
        while (true)
        {
            TcpConnection? conn = slots[hole].Connection;
            if (conn is null)
            {
                return false;
            }

            if (ReferenceEquals(conn, connection))
            {
                break;
            }

            hole = (hole + 1) & mask;
        }

        // Move back every following slot of the run that may sit at the hole: one whose home slot is not cyclically
        // after the hole and up to its own position.
        for (int j = (hole + 1) & mask; slots[j].Connection is not null; j = (j + 1) & mask)
        {
            int home = slots[j].Hash & mask;
            bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays)
            {
                slots[hole] = slots[j];
                hole = j;
            }
        }

        slots[hole] = default;
        Count--;
        if (_slots.Length > MinimumCapacity && Count * 8 < _slots.Length)
        {
            Resize(_slots.Length / 2);
        }

        return true;
    }

    /// <summary>The connections held, in no particular order (a copy).</summary>
    public List<TcpConnection> ToList()
    {
        var list = new List<TcpConnection>(Count);
        foreach (Slot slot in _slots)
        {
            if (slot.Connection is { } conn)
            {
                list.Add(conn);
            }
        }

        return list;
    }

    private void Resize(int capacity)
    {
        capacity = Math.Max(MinimumCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)capacity));
        var slots = new Slot[capacity];
        int mask = capacity - 1;
        foreach (Slot slot in _slots)
        {
            if (slot.Connection is { } conn)
            {
                Insert(slots, mask, conn, slot.Hash);
            }
        }

        _slots = slots;
        _mask = mask;
    }

    private static void Insert(Slot[] slots, int mask, TcpConnection connection, int hash)
    {
        int i = hash & mask;
        while (slots[i].Connection is not null)
        {
            i = (i + 1) & mask;
        }

        slots[i] = new Slot(connection, hash);
    }

    private readonly record struct Slot(TcpConnection? Connection, int Hash);
}
