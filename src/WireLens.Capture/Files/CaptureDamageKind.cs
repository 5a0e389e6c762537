namespace WireLens.Capture.Files;

/// <summary>What is wrong with a capture file. The first six stop reading; the others are counted and reading goes on.</summary>
public enum CaptureDamageKind
{
    /// <summary>Fatal: the data ends inside a record or block.</summary>
    Truncated,

    /// <summary>Fatal: a record's captured length or a block's total length is impossible, so the next record cannot be found.</summary>
    BadLength,

    /// <summary>Fatal: the gzip layer is corrupt.</summary>
    CorruptCompression,

    /// <summary>Fatal: the underlying stream failed with an I/O error.</summary>
    ReadError,

    /// <summary>Fatal: a block header is impossible in another way (a section header's byte-order magic is neither order).</summary>
    Malformed,

    /// <summary>Fatal: a block uses something this reader cannot interpret (e.g. a time resolution beyond 2^-62 or 10^-18).</summary>
    Unsupported,

    /// <summary>Recoverable: a packet block names an interface the section did not describe; the block is skipped.</summary>
    UnknownInterface,

    /// <summary>Recoverable: a record has more captured bytes than the original length; it is still delivered (tshark accepts it).</summary>
    CapturedExceedsOriginal,
}
