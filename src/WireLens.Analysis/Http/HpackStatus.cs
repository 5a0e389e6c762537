namespace WireLens.Analysis.Http;

/// <summary>Outcome of decoding one HPACK header block (RFC 7541).</summary>
public enum HpackStatus
{
    /// <summary>Every representation of the block was decoded.</summary>
    Done,

    /// <summary>The block ends inside a representation (an integer, a string, or its length).</summary>
    Truncated,

    /// <summary>
    /// A decoding error (section 3.2 and the MUSTs of sections 4 to 6): an index out of range, an integer beyond the
    /// limit, an invalid Huffman string, a table size update above the limit or after a field.
    /// </summary>
    Malformed,
}
