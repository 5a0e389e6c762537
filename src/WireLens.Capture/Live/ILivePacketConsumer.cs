using WireLens.Capture.Files;

namespace WireLens.Capture.Live;

/// <summary>The live analysis: called on the capture's analysis thread, one packet at a time, in capture order.</summary>
public interface ILivePacketConsumer
{
    /// <summary>One packet. <see cref="CaptureRecord.Number"/> is its frame number in the capture file.</summary>
    void OnPacket(in CaptureRecord record);

    /// <summary>After each group of packets handed over, and now and then when none arrive: time to publish a snapshot.</summary>
    void OnIdle();
}
