namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>What tshark says about one tcp.stream, folded from its per-frame fields.</summary>
public sealed class OracleConnection
{
    public long Stream { get; init; }
    public string? SynSender { get; set; }
    public string? SynAckSender { get; set; }
    public long FirstTimeNs { get; set; } = long.MaxValue;
    public long LastTimeNs { get; set; } = long.MinValue;
    public long? FirstSynNs { get; set; }
    public long? FirstSynAckNs { get; set; }
    public string? InitialRtt { get; set; }
    public string? FirstFinSender { get; set; }
    public long? FirstFinNs { get; set; }
    public string? FirstRstSender { get; set; }
    public long? FirstRstNs { get; set; }
    public Dictionary<string, long> PacketsBySender { get; } = [];
    public Dictionary<string, long> BytesBySender { get; } = [];
    public int Retransmissions { get; set; }
    public int FastRetransmissions { get; set; }
    public int SpuriousRetransmissions { get; set; }
    public int OutOfOrder { get; set; }
    public int DuplicateAcks { get; set; }
    public int ZeroWindows { get; set; }
    public int KeepAlives { get; set; }
    public int LostSegments { get; set; }
    public int AckedUnseen { get; set; }

    /// <summary>Frames with tcp.options.sack.dsack ("D-SACK Sequence").</summary>
    public int DsackAcks { get; set; }
    public int HttpRequests { get; set; }
    public HashSet<long> H2ClientStreams { get; } = [];
}
