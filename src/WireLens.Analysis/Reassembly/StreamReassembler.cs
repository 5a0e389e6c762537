using System.Buffers;
using WireLens.Analysis.Tcp;
using WireLens.Wire;

namespace WireLens.Analysis.Reassembly;

/// <summary>
/// Rebuilds one direction of a TCP connection into an in-order byte stream. In-order payload is handed on
/// straight from the packet (no copy); retransmitted and overlapping bytes are used once; segments that arrive
/// ahead of a hole are copied and wait, up to a per-direction cap. The direction is declared lost, and stays lost,
/// when the hole can no longer fill: the peer acknowledged bytes that were never seen, the waiting bytes exceed the
/// cap, or a captured payload was cut short by the snapshot length.
/// </summary>
public sealed class StreamReassembler
{
    private readonly bool _fromClient;
    private readonly int _maxBuffered;
    private List<PendingSegment>? _pending;
    private int _pendingBytes;
    private uint _next;
    private uint _finSeq;
    private bool _finSeen;

    public StreamReassembler(bool fromClient, int maxBufferedBytes)
    {
        _fromClient = fromClient;
        _maxBuffered = maxBufferedBytes;
    }

    /// <summary>Back to a stream nothing was seen of, returning any waiting buffers to the pool.</summary>
    public void Reset()
    {
        if (_pending is not null)
        {
            foreach (PendingSegment p in _pending)
            {
                ArrayPool<byte>.Shared.Return(p.Data);
            }

            _pending.Clear();
        }

        _pendingBytes = 0;
        _next = 0;
        _finSeq = 0;
        _finSeen = false;
        Initialized = false;
        Lost = false;
        Delivered = 0;
    }

    public bool Initialized { get; private set; }

    public bool Lost { get; private set; }

    /// <summary>Bytes delivered in order so far.</summary>
    public long Delivered { get; private set; }

    /// <summary>Bytes currently held while waiting for a hole to fill.</summary>
    public int PendingBytes => _pendingBytes;

    /// <summary>The SYN fixes the stream start: the first data byte is ISN + 1.</summary>
    public void OnSyn(uint isn)
    {
        if (!Initialized)
        {
            _next = unchecked(isn + 1);
            Initialized = true;
        }
    }

    /// <summary>Takes one segment's payload (<paramref name="captured"/> may be shorter than <paramref name="payloadLength"/>).</summary>
    public void OnSegment(uint seq, ReadOnlySpan<byte> captured, int payloadLength, bool fin, Timestamp time, IByteStreamSink sink)
    {
        if (Lost)
        {
            return;
        }

        if (!Initialized)
        {
            // Picked up mid-stream: start where the first seen byte is.
            _next = seq;
            Initialized = true;
        }

        if (fin && !_finSeen)
        {
            _finSeen = true;
            _finSeq = unchecked(seq + (uint)payloadLength);
        }

        if (payloadLength == 0)
        {
            return;
        }

        uint end = unchecked(seq + (uint)payloadLength);
        if (SeqNumber.Distance(end, _next) <= 0)
        {
            return; // entirely old: a retransmission of delivered bytes
        }

        if (SeqNumber.Distance(seq, _next) <= 0)
        {
            int skip = SeqNumber.Distance(_next, seq);
            if (captured.Length < payloadLength)
            {
                // Snaplen cut: deliver what was captured, then the rest is missing for good.
                if (skip < captured.Length)
                {
                    Deliver(captured[skip..], time, sink);
                }

                DeclareLost(sink);
                return;
            }

            Deliver(captured[skip..], time, sink);
            _next = end;
            Drain(sink);
            return;
        }

        // Ahead of a hole: keep a copy until the hole fills.
        if (captured.Length < payloadLength || _pendingBytes + payloadLength > _maxBuffered)
        {
            DeclareLost(sink);
            return;
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(payloadLength);
        captured.CopyTo(copy);
        _pending ??= new List<PendingSegment>(4);
        _pending.Add(new PendingSegment(seq, copy, payloadLength, time));
        _pendingBytes += payloadLength;
    }

    /// <summary>The peer acknowledged up to <paramref name="ack"/>: bytes acknowledged but never seen are a gap.</summary>
    public void OnPeerAck(uint ack, IByteStreamSink sink)
    {
        if (Lost || !Initialized)
        {
            return;
        }

        uint limit = _finSeen && _next == _finSeq ? unchecked(_next + 1) : _next;
        if (SeqNumber.Distance(ack, limit) > 0)
        {
            DeclareLost(sink);
        }
    }

    /// <summary>End of the connection: a hole still open means the bytes behind it never arrived.</summary>
    public void Finish(IByteStreamSink sink)
    {
        if (!Lost && _pendingBytes > 0)
        {
            DeclareLost(sink);
        }
    }

    private void Deliver(ReadOnlySpan<byte> data, Timestamp time, IByteStreamSink sink)
    {
        if (data.Length > 0)
        {
            Delivered += data.Length;
            sink.OnData(_fromClient, data, time);
        }
    }

    private void Drain(IByteStreamSink sink)
    {
        if (_pending is null || _pending.Count == 0)
        {
            return;
        }

        bool progressed = true;
        while (progressed && _pending.Count > 0 && !Lost)
        {
            progressed = false;
            for (int i = 0; i < _pending.Count; i++)
            {
                PendingSegment p = _pending[i];
                uint end = unchecked(p.Seq + (uint)p.Length);
                if (SeqNumber.Distance(end, _next) <= 0)
                {
                    Release(i);
                    progressed = true;
                    break;
                }

                if (SeqNumber.Distance(p.Seq, _next) <= 0)
                {
                    int skip = SeqNumber.Distance(_next, p.Seq);
                    Deliver(p.Data.AsSpan(skip, p.Length - skip), p.Time, sink);
                    _next = end;
                    Release(i);
                    progressed = true;
                    break;
                }
            }
        }
    }

    private void Release(int index)
    {
        PendingSegment p = _pending![index];
        _pendingBytes -= p.Length;
        ArrayPool<byte>.Shared.Return(p.Data);
        _pending.RemoveAt(index);
    }

    private void DeclareLost(IByteStreamSink sink)
    {
        Lost = true;
        if (_pending is not null)
        {
            foreach (PendingSegment p in _pending)
            {
                ArrayPool<byte>.Shared.Return(p.Data);
            }

            _pending.Clear();
        }

        _pendingBytes = 0;
        sink.OnGap(_fromClient);
    }

    private readonly record struct PendingSegment(uint Seq, byte[] Data, int Length, Timestamp Time);
}
