using WireLens.Wire;

namespace WireLens.Analysis.Reassembly;

/// <summary>Receives one direction's reassembled, in-order bytes (gopacket's Stream idea).</summary>
public interface IByteStreamSink
{
    /// <summary>
    /// In-order bytes. <paramref name="time"/> is the timestamp of the segment that carried them (for bytes that waited
    /// behind a hole, the segment that brought them first), so a parser can time a message by its first byte.
    /// </summary>
    void OnData(bool fromClient, ReadOnlySpan<byte> data, Timestamp time);

    /// <summary>Bytes are missing for good from here on; the direction's parsers must stop.</summary>
    void OnGap(bool fromClient);
}
