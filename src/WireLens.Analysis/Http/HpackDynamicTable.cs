using System.Buffers;

namespace WireLens.Analysis.Http;

/// <summary>
/// The HPACK dynamic table (RFC 7541 sections 2.3.2 and 4): entries inserted at the front, evicted from the back to
/// stay within the maximum size, where an entry counts its name and value lengths plus 32 (section 4.1). Name and
/// value bytes are appended to one buffer in insertion order, so the live entries are always one contiguous run; it
/// is moved to the front when the buffer end is reached. Buffers come from the shared pool and go back in
/// <see cref="Reset"/>.
/// </summary>
public sealed class HpackDynamicTable
{
    /// <summary>RFC 9113 section 6.5.2: the initial SETTINGS_HEADER_TABLE_SIZE.</summary>
    public const int DefaultMaxSize = 4096;

    /// <summary>Section 4.1: the per-entry overhead.</summary>
    public const int EntryOverhead = 32;

    private byte[] _bytes = [];
    private Entry[] _entries = [];
    private int _first;
    private int _end;
    private int _used;

    /// <summary>Section 4.2: the maximum size, set by dynamic table size updates.</summary>
    public int MaxSize { get; private set; } = DefaultMaxSize;

    /// <summary>Section 4.1: the sum of the entry sizes.</summary>
    public int Size { get; private set; }

    /// <summary>Entries in the table.</summary>
    public int Count => _end - _first;

    /// <summary>Entry <paramref name="index"/>, 1 being the newest (section 2.3.3); false when there is no such entry.</summary>
    public bool TryGet(int index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if ((uint)(index - 1) >= (uint)Count)
        {
            name = default;
            value = default;
            return false;
        }

        Entry entry = _entries[_end - index];
        name = _bytes.AsSpan(entry.Offset, entry.NameLength);
        value = _bytes.AsSpan(entry.Offset + entry.NameLength, entry.ValueLength);
        return true;
    }

    /// <summary>Section 4.3: a new maximum size evicts entries until the table fits.</summary>
    public void SetMaxSize(int maxSize)
    {
        MaxSize = maxSize;
        Evict(0);
    }

    /// <summary>Section 4.4: inserts an entry; the spans must not point into this table.</summary>
    public void Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        long size = (long)name.Length + value.Length + EntryOverhead;

        // Section 4.4: an entry larger than the maximum size empties the table and is not inserted.
        if (size > MaxSize)
        {
            Evict(int.MaxValue);
            return;
        }

        Evict((int)size);
        int length = name.Length + value.Length;
        if (_used + length > _bytes.Length || _end == _entries.Length)
        {
            Compact();
        }

        name.CopyTo(_bytes.AsSpan(_used));
        value.CopyTo(_bytes.AsSpan(_used + name.Length));
        _entries[_end++] = new Entry(_used, name.Length, value.Length);
        _used += length;
        Size += (int)size;
    }

    /// <summary>Empties the table, restores the default size and returns the buffers to the pool.</summary>
    public void Reset()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }

        if (_entries.Length > 0)
        {
            ArrayPool<Entry>.Shared.Return(_entries);
        }

        _bytes = [];
        _entries = [];
        _first = _end = _used = 0;
        Size = 0;
        MaxSize = DefaultMaxSize;
    }

    private void Evict(int incoming)
    {
        while (Count > 0 && (long)Size + incoming > MaxSize)
        {
            Entry oldest = _entries[_first++];
            Size -= oldest.NameLength + oldest.ValueLength + EntryOverhead;
        }

        if (Count == 0)
        {
            _first = _end = _used = 0;
        }
    }

    // Called after eviction made room: the live bytes plus the new entry fit in MaxSize, and so do their entries at
    // 32 bytes each, so buffers of MaxSize bytes and MaxSize / 32 entries always suffice.
    private void Compact()
    {
        int liveStart = Count > 0 ? _entries[_first].Offset : _used;
        int liveBytes = _used - liveStart;
        int count = Count;
        byte[] bytes = _bytes.Length >= MaxSize ? _bytes : ArrayPool<byte>.Shared.Rent(MaxSize);
        Entry[] entries = _entries.Length > MaxSize / EntryOverhead ? _entries : ArrayPool<Entry>.Shared.Rent((MaxSize / EntryOverhead) + 1);
        _bytes.AsSpan(liveStart, liveBytes).CopyTo(bytes);
        for (int i = 0; i < count; i++)
        {
            Entry entry = _entries[_first + i];
            entries[i] = entry with { Offset = entry.Offset - liveStart };
        }

        if (!ReferenceEquals(bytes, _bytes) && _bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }

        if (!ReferenceEquals(entries, _entries) && _entries.Length > 0)
        {
            ArrayPool<Entry>.Shared.Return(_entries);
        }

        _bytes = bytes;
        _entries = entries;
        _first = 0;
        _end = count;
        _used = liveBytes;
    }

    private readonly record struct Entry(int Offset, int NameLength, int ValueLength);
}
