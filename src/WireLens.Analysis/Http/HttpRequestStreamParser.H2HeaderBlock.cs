using System.Buffers;
using System.Text;

namespace WireLens.Analysis.Http;

/// <summary>
/// The header block of the first HTTP/2 request: its HEADERS and CONTINUATION fragments are collected (bounded by
/// <see cref="HttpLimits.MaxH2HeaderBlockBytes"/>, in a pooled buffer) until END_HEADERS, then HPACK-decoded once
/// for user-agent and :authority (or host). Anything unexpected ends the attempt quietly: this is attribution, and
/// request counting and errors do not depend on it.
/// </summary>
internal sealed partial class HttpRequestStreamParser
{
    private BlockState _block;
    private uint _blockStream;
    private byte[]? _blockBuffer;
    private int _blockLength;

    // The frame whose payload is being collected: where it starts in the buffer, what is left, its kind and flags.
    private bool _inFrame;
    private int _frameStart;
    private int _frameRemaining;
    private bool _frameIsHeaders;
    private byte _frameFlags;
    private HpackDecoder? _hpack;

    private enum BlockState
    {
        /// <summary>No request stream opened yet.</summary>
        Idle,

        /// <summary>The first request's HEADERS arrived; its block continues until END_HEADERS.</summary>
        Collecting,

        /// <summary>Decoded, or given up: later blocks are not looked at.</summary>
        Finished,
    }

    protected override void OnFramePayload(ReadOnlySpan<byte> payload)
    {
        if (!_inFrame)
        {
            return;
        }

        // The frame reader hands at most the rest of this frame's payload, which was checked to fit the buffer.
        payload.CopyTo(_blockBuffer.AsSpan(_blockLength));
        _blockLength += payload.Length;
        _frameRemaining -= payload.Length;
        if (_frameRemaining == 0)
        {
            EndFrame();
        }
    }

    private void StartHeaderBlock(in Http2FrameHeader frame)
    {
        _block = BlockState.Collecting;
        _blockStream = frame.StreamId;
        StartFrame(frame, isHeaders: true);
    }

    // RFC 9113 section 6.10: a HEADERS frame without END_HEADERS "MUST be followed by a CONTINUATION frame for the same
    // stream"; any other frame is a connection error, which ends the attempt here.
    private void ContinueHeaderBlock(in Http2FrameHeader frame)
    {
        if (frame.Type == Http2FrameHeader.TypeContinuation && frame.StreamId == _blockStream)
        {
            StartFrame(frame, isHeaders: false);
        }
        else
        {
            FinishHeaderBlock();
        }
    }

    private void StartFrame(in Http2FrameHeader frame, bool isHeaders)
    {
        if (frame.Length > HttpLimits.MaxH2HeaderBlockBytes - _blockLength)
        {
            FinishHeaderBlock();
            return;
        }

        _blockBuffer ??= ArrayPool<byte>.Shared.Rent(HttpLimits.MaxH2HeaderBlockBytes);
        _inFrame = true;
        _frameStart = _blockLength;
        _frameRemaining = frame.Length;
        _frameIsHeaders = isHeaders;
        _frameFlags = frame.Flags;
        if (_frameRemaining == 0)
        {
            EndFrame();
        }
    }

    // RFC 9113 section 6.2:
    //   HEADERS Frame {
    //     Length (24), Type (8) = 0x01, Unused Flags (2), PRIORITY Flag (1), Unused Flag (1), PADDED Flag (1),
    //     END_HEADERS Flag (1), Unused Flag (1), END_STREAM Flag (1), Reserved (1), Stream Identifier (31),
    //     [Pad Length (8)], [Exclusive (1), Stream Dependency (31), Weight (8)],
    //     Field Block Fragment (..), Padding (..2040),
    //   }
    // CONTINUATION (section 6.10) carries only a fragment. The fragment is moved to where the frame's payload began.
    private void EndFrame()
    {
        _inFrame = false;
        Span<byte> payload = _blockBuffer.AsSpan(_frameStart, _blockLength - _frameStart);
        int start = 0;
        int end = payload.Length;
        if (_frameIsHeaders)
        {
            if ((_frameFlags & Http2FrameHeader.FlagPadded) != 0)
            {
                if (payload.IsEmpty)
                {
                    FinishHeaderBlock();
                    return;
                }

                start = 1;
                end -= payload[0];
            }

            if ((_frameFlags & Http2FrameHeader.FlagPriority) != 0)
            {
                start += 5;
            }

            // "Padding that exceeds the size remaining for the header block fragment MUST be treated as a
            // connection error of type PROTOCOL_ERROR."
            if (start > end)
            {
                FinishHeaderBlock();
                return;
            }
        }

        payload[start..end].CopyTo(payload);
        _blockLength = _frameStart + (end - start);
        if ((_frameFlags & Http2FrameHeader.FlagEndHeaders) != 0)
        {
            DecodeHeaderBlock();
        }
    }

    private void DecodeHeaderBlock()
    {
        _hpack ??= new HpackDecoder();
        var fields = new FirstRequestFields();
        HpackStatus status = _hpack.Decode(_blockBuffer.AsSpan(0, _blockLength), ref fields);

        // A block that does not decode to the end is a connection error (RFC 9113 section 4.3): its values are not used.
        // An HTTP/1 Upgrade request already gave its own values (it is the first request).
        if (status == HpackStatus.Done)
        {
            if (fields.UserAgent is not null)
            {
                Connection.OfferFirstUserAgent(fields.UserAgent);
            }

            if ((fields.Authority ?? fields.Host) is byte[] host)
            {
                Connection.OfferFirstHost(host);
            }
        }

        FinishHeaderBlock();
    }

    private void FinishHeaderBlock()
    {
        _block = BlockState.Finished;
        ReleaseHeaderBlock();
    }

    private void ResetHeaderBlock()
    {
        _block = BlockState.Idle;
        ReleaseHeaderBlock();
    }

    private void ReleaseHeaderBlock()
    {
        _inFrame = false;
        _blockStream = 0;
        _blockLength = 0;
        _frameStart = 0;
        _frameRemaining = 0;
        _frameIsHeaders = false;
        _frameFlags = 0;
        _hpack?.Reset();
        if (_blockBuffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_blockBuffer);
            _blockBuffer = null;
        }
    }

    /// <summary>
    /// Keeps the first user-agent, :authority and host of a block (their bytes, decoded later as Latin-1 like the HTTP/1
    /// path's). RFC 9113 section 8.3.1: pseudo-header fields come first, so host is only kept when no :authority
    /// preceded it.
    /// </summary>
    private struct FirstRequestFields : IHpackFieldHandler
    {
        public byte[]? UserAgent;
        public byte[]? Authority;
        public byte[]? Host;

        public void OnField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (UserAgent is null && Ascii.EqualsIgnoreCase(name, "user-agent"u8))
            {
                UserAgent = value.ToArray();
            }
            else if (Authority is null && name.SequenceEqual(":authority"u8))
            {
                Authority = value.ToArray();
            }
            else if (Authority is null && Host is null && Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                Host = value.ToArray();
            }
        }
    }
}
