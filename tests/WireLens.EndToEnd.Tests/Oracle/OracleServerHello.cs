namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>One ServerHello (or HelloRetryRequest) as tshark dissected it.</summary>
public sealed class OracleServerHello
{
    public required long Frame { get; init; }

    public required IReadOnlyList<long> SegmentFrames { get; init; }

    /// <summary>Time of the segment carrying the record's first byte.</summary>
    public required long TimeNs { get; init; }

    /// <summary>Time of <see cref="Frame"/>, where tshark shows the message.</summary>
    public required long FrameTimeNs { get; init; }

    /// <summary>random equals RFC 8446's HelloRetryRequest value (section 4.1.3).</summary>
    public required bool IsHelloRetryRequest { get; init; }

    public required ushort LegacyVersion { get; init; }

    /// <summary>The supported_versions extension's selected version; null without one.</summary>
    public ushort? SupportedVersion { get; init; }

    /// <summary>supported_version, else legacy_version.</summary>
    public ushort Version => SupportedVersion ?? LegacyVersion;

    public required ushort CipherSuite { get; init; }

    public required string SessionId { get; init; }

    public required int SessionIdLength { get; init; }

    /// <summary>pre_shared_key.selected_identity; null without the extension.</summary>
    public ushort? SelectedPskIdentity { get; init; }

    /// <summary>The ALPN protocol in the clear ServerHello (TLS 1.2 and older).</summary>
    public string? AlpnSelected { get; init; }

    /// <summary>key_share group (ServerHello) or selected_group (HelloRetryRequest).</summary>
    public ushort? KeyShareGroup { get; init; }

    public required IReadOnlyList<int> Extensions { get; init; }
}
