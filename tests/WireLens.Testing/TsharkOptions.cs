namespace WireLens.Testing;

/// <summary>Per-call settings of the <see cref="TShark"/> oracle.</summary>
public sealed record TsharkOptions
{
    /// <summary>Ports decoded as HTTP (`-d tcp.port==PORT,http`), for servers on non-standard ports.</summary>
    public IReadOnlyList<int> HttpPorts { get; init; } = [];

    /// <summary>Ports decoded as HTTP/2 (`-d tcp.port==PORT,http2`): h2c by prior knowledge, with HPACK decoded.</summary>
    public IReadOnlyList<int> Http2Ports { get; init; } = [];

    /// <summary>Ports decoded as TLS (`-d tcp.port==PORT,tls`).</summary>
    public IReadOnlyList<int> TlsPorts { get; init; } = [];

    /// <summary>A display filter (`-Y`); only matching frames are returned.</summary>
    public string? DisplayFilter { get; init; }

    /// <summary>Two-pass analysis (`-2`), as Wireshark's GUI does; some tcp.analysis flags differ from one pass.</summary>
    public bool TwoPass { get; init; }

    /// <summary>Upper bound for one tshark run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
