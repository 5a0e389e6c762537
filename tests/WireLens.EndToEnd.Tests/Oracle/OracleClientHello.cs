namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>One ClientHello as tshark dissected it.</summary>
public sealed class OracleClientHello
{
    /// <summary>The frame on which tshark shows the message (the last segment of its record when reassembled).</summary>
    public required long Frame { get; init; }

    /// <summary>The frames of the reassembled record (`tcp.segment`), empty when the record fit in <see cref="Frame"/>.</summary>
    public required IReadOnlyList<long> SegmentFrames { get; init; }

    /// <summary>Time of the segment carrying the record's first byte: the first of <see cref="SegmentFrames"/>, else <see cref="Frame"/>.</summary>
    public required long TimeNs { get; init; }

    /// <summary>Time of <see cref="Frame"/>, where tshark shows the message.</summary>
    public required long FrameTimeNs { get; init; }

    public required ushort LegacyVersion { get; init; }

    /// <summary>supported_versions, GREASE values included, in wire order.</summary>
    public required IReadOnlyList<ushort> SupportedVersions { get; init; }

    /// <summary>legacy_session_id in lower-case hex, empty when the id is empty.</summary>
    public required string SessionId { get; init; }

    public required int SessionIdLength { get; init; }

    public string? ServerName { get; init; }

    public required IReadOnlyList<string> AlpnOffered { get; init; }

    /// <summary>Extension types in wire order.</summary>
    public required IReadOnlyList<int> Extensions { get; init; }

    /// <summary>Length of the session_ticket extension (35); null without one.</summary>
    public int? TicketLength { get; init; }

    /// <summary>Identities in the pre_shared_key extension (41).</summary>
    public required int PskIdentities { get; init; }

    /// <summary>Groups of the key_share extension, in wire order.</summary>
    public required IReadOnlyList<ushort> KeyShareGroups { get; init; }

    /// <summary>tshark's JA3 (MD5 hex, GREASE ignored).</summary>
    public string? Ja3 { get; init; }

    public int SegmentCount => Math.Max(1, SegmentFrames.Count);
}
