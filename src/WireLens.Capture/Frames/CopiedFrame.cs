using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Capture.Frames;

/// <summary>One frame read back from a capture file, its bytes copied out of the reader's buffer.</summary>
/// <param name="Number">Its frame number (1-based).</param>
/// <param name="Time">Its timestamp.</param>
/// <param name="LinkType">The link type of its interface.</param>
/// <param name="InterfaceId">File-wide interface number (0 for pcap).</param>
/// <param name="OriginalLength">Its length on the wire.</param>
/// <param name="Data">The captured bytes.</param>
public sealed record CopiedFrame(long Number, Timestamp Time, LinkType LinkType, int InterfaceId, uint OriginalLength, byte[] Data);

