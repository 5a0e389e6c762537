using WireLens.Wire;
using WireLens.Wire.Tls;

namespace WireLens.Analysis.Tls;

/// <summary>
/// Cuts one direction's reassembled byte stream into TLS records, fed in chunks of any size: the 5-byte header may
/// be split anywhere, and the fragment is handed on in the pieces it arrives in, without copying. Each record is
/// timed by the segment that carried its first byte. The framer never throws; a header that is not TLS stops it.
/// </summary>
internal sealed class TlsRecordFramer
{
    private readonly byte[] _header = new byte[TlsRecordReader.HeaderLength];
    private int _headerCount;
    private int _bodyRemaining;

    /// <summary>Stream offset of the next byte to be fed.</summary>
    public long Offset { get; private set; }

    /// <summary>The header of the record being read (valid from <see cref="ITlsRecordHandler.OnRecordStart"/> on).</summary>
    public TlsRecordHeader Current { get; private set; }

    /// <summary>Stream offset of the current record's header.</summary>
    public long RecordOffset { get; private set; }

    /// <summary>Timestamp of the segment that carried the current record's first byte.</summary>
    public Timestamp RecordTime { get; private set; }

    /// <summary>Records whose header was read.</summary>
    public int Records { get; private set; }

    /// <summary>No more bytes are read: a bad header, a gap, or the handler said stop.</summary>
    public bool Stopped { get; private set; }

    public void Stop() => Stopped = true;

    /// <summary>Feeds in-order bytes; <paramref name="time"/> is the timestamp of the segment that carried them.</summary>
    public void Feed(ReadOnlySpan<byte> data, Timestamp time, ITlsRecordHandler handler)
    {
        while (!data.IsEmpty && !Stopped)
        {
            if (_bodyRemaining == 0)
            {
                if (_headerCount == 0)
                {
                    RecordOffset = Offset;
                    RecordTime = time;
                }

                int take = Math.Min(TlsRecordReader.HeaderLength - _headerCount, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerCount));
                _headerCount += take;
                Offset += take;
                data = data[take..];

                // Checked on every partial header too, so a stream that is not TLS stops at its first bad byte.
                TlsParseStatus status = TlsRecordReader.TryReadRecordHeader(
                    _header.AsSpan(0, _headerCount), out TlsRecordHeader header, out TlsMalformedReason reason);
                if (status == TlsParseStatus.Malformed)
                {
                    Stopped = true;
                    handler.OnMalformedRecord(reason, RecordOffset);
                    return;
                }

                if (status == TlsParseStatus.NeedMoreData)
                {
                    continue;
                }

                _headerCount = 0;
                Current = header;
                Records++;
                _bodyRemaining = header.Length;
                handler.OnRecordStart(this);
                if (_bodyRemaining == 0 && !Stopped)
                {
                    handler.OnRecordEnd(this);
                }
            }
            else
            {
                int take = Math.Min(_bodyRemaining, data.Length);
                _bodyRemaining -= take;
                Offset += take;
                handler.OnRecordBody(this, data[..take]);
                data = data[take..];
                if (_bodyRemaining == 0 && !Stopped)
                {
                    handler.OnRecordEnd(this);
                }
            }
        }
    }
}

/// <summary>What a <see cref="TlsRecordFramer"/> reports, in stream order.</summary>
internal interface ITlsRecordHandler
{
    void OnRecordStart(TlsRecordFramer framer);

    /// <summary>A piece of the current record's fragment (the whole fragment comes in one or more pieces).</summary>
    void OnRecordBody(TlsRecordFramer framer, ReadOnlySpan<byte> piece);

    void OnRecordEnd(TlsRecordFramer framer);

    void OnMalformedRecord(TlsMalformedReason reason, long offset);
}
