using WireLens.Wire.Link;

namespace WireLens.Capture.Files;

/// <summary>
/// What a pcapng Interface Description Block says that packet blocks need: link type, snap length and time base.
/// Timestamps are counted in units of 1/<see cref="UnitsPerSecond"/> s; <see cref="NanosecondsPerUnit"/> is the exact
/// factor to nanoseconds when one exists (10^-0..10^-9), else 0 and the slow exact path is taken.
/// </summary>
internal readonly record struct PcapNgInterface(
    LinkType LinkType,
    uint SnapLength,
    ulong UnitsPerSecond,
    long NanosecondsPerUnit,
    long OffsetSeconds);
