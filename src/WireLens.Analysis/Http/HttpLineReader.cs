namespace WireLens.Analysis.Http;

/// <summary>
/// Cuts an HTTP/1 byte stream arriving in arbitrary chunks into lines. A line wholly inside one chunk is returned as a
/// slice of that chunk (no copy); only a line split across chunks is copied into a reusable buffer, which never grows
/// beyond <see cref="HttpLimits.MaxHeaderSectionBytes"/>. The bytes of a section (start line + fields, trailer section)
/// are counted so that the limit covers the whole section, not just one line.
/// </summary>
internal sealed class HttpLineReader
{
    private const int InitialCapacity = 256;

    private byte[] _buffer = [];
    private int _length;
    private int _sectionBytes;

    /// <summary>
    /// Back to a new stream. A buffer that grew past its first size is dropped, so a pooled reader never keeps a
    /// hostile connection's 64 KiB.
    /// </summary>
    public void Reset()
    {
        _length = 0;
        _sectionBytes = 0;
        if (_buffer.Length > InitialCapacity)
        {
            _buffer = [];
        }
    }

    /// <summary>Bytes of the current, still incomplete line held from earlier chunks.</summary>
    public int Buffered => _length;

    /// <summary>Starts counting a new section against the size limit.</summary>
    public void BeginSection() => _sectionBytes = 0;

    /// <summary>
    /// Takes the next line from <paramref name="input"/>, joined with any buffered partial line.
    /// Done: <paramref name="line"/> is the line without its CRLF (or bare LF, which RFC 9112 section 2.2 lets a
    /// recipient accept); it stays valid until the next call. NeedMoreData: all input was buffered. Malformed: the
    /// section would exceed the limit.
    /// </summary>
    public HttpParseStatus ReadLine(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> line, out int bytesConsumed)
    {
        line = default;
        int lf = input.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (_sectionBytes + _length + input.Length > HttpLimits.MaxHeaderSectionBytes)
            {
                bytesConsumed = 0;
                return HttpParseStatus.Malformed;
            }

            Append(input);
            bytesConsumed = input.Length;
            return HttpParseStatus.NeedMoreData;
        }

        int lineBytes = _length + lf + 1;
        if (_sectionBytes + lineBytes > HttpLimits.MaxHeaderSectionBytes)
        {
            bytesConsumed = 0;
            return HttpParseStatus.Malformed;
        }

        _sectionBytes += lineBytes;
        bytesConsumed = lf + 1;
        if (_length == 0)
        {
            line = input[..lf];
        }
        else
        {
            Append(input[..lf]);
            line = _buffer.AsSpan(0, _length);
            _length = 0;
        }

        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return HttpParseStatus.Done;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        int needed = _length + bytes.Length;
        if (needed > _buffer.Length)
        {
            Grow(needed);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length = needed;
    }

    // Rare path: a line split across segments that no longer fits; capacity doubles up to the section limit.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        int capacity = Math.Max(InitialCapacity, _buffer.Length);
        while (capacity < needed)
        {
            capacity *= 2;
        }

        byte[] bigger = new byte[Math.Min(capacity, HttpLimits.MaxHeaderSectionBytes)];
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        _buffer = bigger;
    }
}
