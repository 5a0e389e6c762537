namespace WireLens.Analysis.Reassembly;

/// <summary>Receives one direction's reassembled, in-order bytes (gopacket's Stream idea).</summary>
public interface IByteStreamSink
{
    void OnData(bool fromClient, ReadOnlySpan<byte> data);

    /// <summary>Bytes are missing for good from here on; the direction's parsers must stop.</summary>
    void OnGap(bool fromClient);
}
