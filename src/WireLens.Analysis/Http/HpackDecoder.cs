using System.Buffers;

namespace WireLens.Analysis.Http;

/// <summary>
/// Decodes HPACK header blocks (RFC 7541) into fields, keeping the dynamic table between blocks of one direction.
/// Never throws: every outcome is an <see cref="HpackStatus"/>; each step consumes input, so a block is read in one
/// pass. Field bytes are staged in a pooled scratch buffer that <see cref="Reset"/> returns with the table's.
/// </summary>
public sealed class HpackDecoder
{
    /// <summary>
    /// Largest dynamic table size update honoured. The limit is the decoder's SETTINGS_HEADER_TABLE_SIZE
    /// (section 6.3), which a passive observer may not have seen: anything up to 64 KiB is accepted.
    /// </summary>
    public const int MaxTableSizeLimit = 64 * 1024;

    // Section 5.1 leaves the integer limit to implementations; no index, length or size here can exceed a block.
    private const int MaxInteger = int.MaxValue / 2;

    private readonly HpackDynamicTable _table = new();
    private byte[] _scratch = [];

    /// <summary>The dynamic table the blocks decoded so far have built.</summary>
    public HpackDynamicTable Table => _table;

    /// <summary>Empties the dynamic table (default size) and returns the buffers to the pool.</summary>
    public void Reset()
    {
        _table.Reset();
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
            _scratch = [];
        }
    }

    /// <summary>Decodes one complete header block, handing each field to <paramref name="handler"/> as it is read.</summary>
    public HpackStatus Decode<THandler>(ReadOnlySpan<byte> block, ref THandler handler)
        where THandler : IHpackFieldHandler, allows ref struct
    {
        int position = 0;
        bool fieldSeen = false;
        while (position < block.Length)
        {
            byte first = block[position];
            HpackStatus status;
            if ((first & 0x80) != 0)
            {
                // Section 6.1, indexed header field: 1 | Index (7+).
                status = ReadInteger(block, ref position, 7, out int index);
                if (status != HpackStatus.Done)
                {
                    return status;
                }

                if (!TryGetEntry(index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value))
                {
                    return HpackStatus.Malformed;
                }

                handler.OnField(name, value);
                fieldSeen = true;
            }
            else if ((first & 0xE0) == 0x20)
            {
                // Section 6.3, dynamic table size update: 001 | Max size (5+). Section 4.2: it must come at the
                // beginning of the block, and must not exceed the limit.
                status = ReadInteger(block, ref position, 5, out int maxSize);
                if (status != HpackStatus.Done)
                {
                    return status;
                }

                if (fieldSeen || maxSize > MaxTableSizeLimit)
                {
                    return HpackStatus.Malformed;
                }

                _table.SetMaxSize(maxSize);
            }
            else
            {
                // Section 6.2.1, with incremental indexing: 01 | Index (6+); sections 6.2.2 and 6.2.3, without
                // indexing and never indexed: 0000 | Index (4+) and 0001 | Index (4+). Index 0: a literal name follows.
                bool addToTable = (first & 0xC0) == 0x40;
                status = ReadLiteralField(block, ref position, addToTable ? 6 : 4, out int nameLength, out int valueLength);
                if (status != HpackStatus.Done)
                {
                    return status;
                }

                ReadOnlySpan<byte> name = _scratch.AsSpan(0, nameLength);
                ReadOnlySpan<byte> value = _scratch.AsSpan(nameLength, valueLength);
                handler.OnField(name, value);
                if (addToTable)
                {
                    _table.Add(name, value);
                }

                fieldSeen = true;
            }
        }

        return HpackStatus.Done;
    }

    // Reads the name (indexed or literal) and the value into the scratch buffer, name first.
    private HpackStatus ReadLiteralField(ReadOnlySpan<byte> block, ref int position, int prefixBits, out int nameLength, out int valueLength)
    {
        nameLength = 0;
        valueLength = 0;
        HpackStatus status = ReadInteger(block, ref position, prefixBits, out int nameIndex);
        if (status != HpackStatus.Done)
        {
            return status;
        }

        if (nameIndex == 0)
        {
            status = ReadString(block, ref position, 0, out nameLength);
            if (status != HpackStatus.Done)
            {
                return status;
            }
        }
        else
        {
            if (!TryGetEntry(nameIndex, out ReadOnlySpan<byte> name, out _))
            {
                return HpackStatus.Malformed;
            }

            EnsureScratch(name.Length);
            name.CopyTo(_scratch);
            nameLength = name.Length;
        }

        return ReadString(block, ref position, nameLength, out valueLength);
    }

    // Section 5.2: H (1) | String Length (7+) | String Data, raw or Huffman-coded; written to the scratch at offset.
    private HpackStatus ReadString(ReadOnlySpan<byte> block, ref int position, int offset, out int length)
    {
        length = 0;
        if (position >= block.Length)
        {
            return HpackStatus.Truncated;
        }

        bool huffman = (block[position] & 0x80) != 0;
        HpackStatus status = ReadInteger(block, ref position, 7, out int encodedLength);
        if (status != HpackStatus.Done)
        {
            return status;
        }

        if (encodedLength > block.Length - position)
        {
            return HpackStatus.Truncated;
        }

        ReadOnlySpan<byte> encoded = block.Slice(position, encodedLength);
        position += encodedLength;
        if (!huffman)
        {
            EnsureScratch(offset + encodedLength);
            encoded.CopyTo(_scratch.AsSpan(offset));
            length = encodedLength;
            return HpackStatus.Done;
        }

        EnsureScratch(offset + HpackHuffman.MaxDecodedLength(encodedLength));
        return HpackHuffman.TryDecode(encoded, _scratch.AsSpan(offset), out length) ? HpackStatus.Done : HpackStatus.Malformed;
    }

    // Section 5.1: the value fits in the N-bit prefix unless all its bits are set; then 7 bits per octet follow,
    // least significant group first, the high bit marking continuation.
    private static HpackStatus ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits, out int value)
    {
        value = 0;
        if (position >= block.Length)
        {
            return HpackStatus.Truncated;
        }

        int prefixMax = (1 << prefixBits) - 1;
        long result = block[position++] & prefixMax;
        if (result == prefixMax)
        {
            int shift = 0;
            byte b;
            do
            {
                if (position >= block.Length)
                {
                    return HpackStatus.Truncated;
                }

                b = block[position++];
                result += (long)(b & 0x7F) << shift;
                shift += 7;

                // Past MaxInteger, or more continuation octets than it can need: an overflow attempt.
                if (result > MaxInteger || (shift > 28 && (b & 0x80) != 0))
                {
                    return HpackStatus.Malformed;
                }
            }
            while ((b & 0x80) != 0);
        }

        value = (int)result;
        return HpackStatus.Done;
    }

    // Section 2.3.3: indices 1 to 61 are the static table, the dynamic table follows.
    private bool TryGetEntry(int index, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        if (index >= 1 && index <= HpackStaticTable.Count)
        {
            name = HpackStaticTable.Name(index);
            value = HpackStaticTable.Value(index);
            return true;
        }

        return _table.TryGet(index - HpackStaticTable.Count, out name, out value);
    }

    private void EnsureScratch(int length)
    {
        if (_scratch.Length >= length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, 256));
        _scratch.CopyTo(larger, 0);
        if (_scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_scratch);
        }

        _scratch = larger;
    }
}
