using WireLens.Analysis.Connections;
using WireLens.Wire;

namespace WireLens.Cli.Pipeline;

/// <summary>
/// Decoded TCP segments on their way from the reading thread to the analysis thread: the header fields by value and
/// the captured payload bytes copied into one buffer, since the reader reuses its record buffer for the next packet.
/// A batch is filled, handed over, analysed, cleared and filled again: nothing is allocated per packet.
/// </summary>
public sealed class SegmentBatch
{
    /// <summary>Segments per batch: enough that handing a batch over costs little per segment.</summary>
    public const int Capacity = 1024;

    /// <summary>Payload bytes a batch starts with; it grows only for a single packet larger than that.</summary>
    public const int InitialPayloadBytes = 128 * 1024;

    private readonly TcpSegmentHeader[] _headers = new TcpSegmentHeader[Capacity];
    private readonly Payload[] _payloads = new Payload[Capacity];
    private byte[] _payload = new byte[InitialPayloadBytes];
    private int _payloadUsed;

    public int Count { get; private set; }

    /// <summary>Copies one decoded segment in; false when the batch is full (a segment too large for an empty batch grows it).</summary>
    public bool TryAdd(in TcpPacketView p, Timestamp time, long frame)
    {
        ReadOnlySpan<byte> payload = p.Payload;
        if (Count == Capacity)
        {
            return false;
        }

        if (_payloadUsed + payload.Length > _payload.Length)
        {
            if (Count > 0)
            {
                return false;
            }

            _payload = new byte[payload.Length];
        }

        payload.CopyTo(_payload.AsSpan(_payloadUsed));
        _headers[Count].SetFromPacket(in p, time, frame);
        _payloads[Count++] = new Payload(_payloadUsed, payload.Length);
        _payloadUsed += payload.Length;
        return true;
    }

    /// <summary>Feeds every segment, in order, to <paramref name="pipeline"/>'s tracker, then empties the batch.</summary>
    public void AnalyzeAndClear(PacketPipeline pipeline)
    {
        pipeline.ReadAhead(_headers.AsSpan(0, Count));
        for (int i = 0; i < Count; i++)
        {
            Payload payload = _payloads[i];
            pipeline.Analyze(new TcpSegment(in _headers[i], _payload.AsSpan(payload.Offset, payload.Captured)));
        }

        Clear();
    }

    private void Clear()
    {
        Count = 0;
        _payloadUsed = 0;
        if (_payload.Length > InitialPayloadBytes)
        {
            _payload = new byte[InitialPayloadBytes]; // one huge packet does not pin its buffer for the rest of the run
        }
    }

    /// <summary>Where one segment's captured payload lies in the batch's buffer.</summary>
    private readonly record struct Payload(int Offset, int Captured);
}
