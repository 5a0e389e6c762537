using WireLens.Analysis.Ladder;
using WireLens.Wire;
using WireLens.Wire.Link;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// Reads one connection's frames back from its capture file for the UI's detail screen (the ladder diagram and a
/// frame's full dissection). Implemented over the capture reader's frame index by the command line; calls may take a
/// moment (they read the file) and are made off the UI thread. Never throws for a damaged or shortened file: returns
/// null with a one-line message.
/// </summary>
public interface IConnectionDetailSource
{
    /// <summary>The ladder of <paramref name="connection"/>: every frame of it in capture order, with verdicts and labels.</summary>
    ConnectionLadder? TryLoadLadder(in ConnectionSummary connection, out string message);

    /// <summary>Frame <paramref name="frame"/> of capture <paramref name="capture"/> as captured.</summary>
    CapturedFrame? TryReadFrame(int capture, long frame, out string message);
}

/// <summary>The frames of one connection, in capture order.</summary>
/// <param name="Events">One event per frame of the connection.</param>
/// <param name="Truncated">True when the connection has more frames than the ladder holds (<see cref="MaxEvents"/>).</param>
public sealed record ConnectionLadder(IReadOnlyList<LadderEvent> Events, bool Truncated)
{
    /// <summary>The most frames a ladder holds: a detail screen is for reading, and a bulk transfer has millions.</summary>
    public const int MaxEvents = 10_000;
}

/// <summary>One frame's bytes as captured, for a full dissection.</summary>
/// <param name="Number">Its frame number.</param>
/// <param name="Time">Its timestamp.</param>
/// <param name="LinkType">The link-layer header type.</param>
/// <param name="OriginalLength">Its length on the wire.</param>
/// <param name="Data">The captured bytes.</param>
public sealed record CapturedFrame(long Number, Timestamp Time, LinkType LinkType, uint OriginalLength, byte[] Data);
