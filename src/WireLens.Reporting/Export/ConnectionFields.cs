using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Attribution;
using WireLens.Wire.Tls;

namespace WireLens.Reporting.Export;

/// <summary>
/// The connection columns of <c>connections.csv</c> and of the JSON report's <c>connections</c> objects:
/// one list of names and one method that produces the values in the same order (docs/connections-csv.md).
/// </summary>
public static class ConnectionFields
{
    /// <summary>The column names, in file order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "stream", "client_ip", "client_port", "server_ip", "server_port", "ip_version", "role_guessed",
        "first_time", "last_time", "duration_ms",
        "syn_time", "synack_time", "ack_time", "syn_to_synack_ms", "initial_rtt_ms", "syn_retransmits", "synack_retransmits",
        "conn_state", "history",
        "close_initiator", "close_kind", "first_fin_time", "first_fin_sender", "first_rst_time", "first_rst_sender", "time_wait_side",
        "client_packets", "server_packets", "client_bytes", "server_bytes",
        "retransmissions", "fast_retransmissions", "spurious_retransmissions", "out_of_order", "duplicate_acks",
        "zero_windows", "keep_alives", "lost_segments", "acked_unseen",
        "http_protocol", "http_requests", "user_agent", "http_host", "connection_close",
        "tls_version", "tls_cipher", "tls_sni", "tls_alpn_offered", "tls_alpn_selected", "tls_resumption_offered",
        "tls_resumed", "tls_hrr", "tls_key_share_group",
        "tls_client_hello_time", "tls_server_hello_time", "tls_ch_to_sh_ms", "tls_done_time", "tls_handshake_ms",
        "secure_connection_ms", "tls_alerts", "tls_ja4", "tls_ja3", "tls_error", "requests_estimated",
        "group", "tool", "tool_source",
    ];

    /// <summary>Hands every column of <paramref name="r"/> to <paramref name="w"/> in the order of <see cref="Names"/>.</summary>
    internal static void Write(ConnectionRecord r, GroupedConnection grouped, IConnectionFieldWriter w)
    {
        w.Integer("stream", r.Stream);
        w.Token("client_ip", r.ClientIp.ToString());
        w.Integer("client_port", r.ClientPort);
        w.Token("server_ip", r.ServerIp.ToString());
        w.Integer("server_port", r.ServerPort);
        w.Integer("ip_version", r.IpVersion);
        w.Boolean("role_guessed", r.RoleGuessed);

        w.Time("first_time", r.FirstTime);
        w.Time("last_time", r.LastTime);
        w.Milliseconds("duration_ms", r.DurationMs);

        w.Time("syn_time", r.SynTime);
        w.Time("synack_time", r.SynAckTime);
        w.Time("ack_time", r.AckTime);
        w.Milliseconds("syn_to_synack_ms", r.SynToSynAckMs);
        w.Milliseconds("initial_rtt_ms", r.InitialRttMs);
        w.Integer("syn_retransmits", r.SynRetransmits);
        w.Integer("synack_retransmits", r.SynAckRetransmits);

        w.Token("conn_state", ConnectionValues.ConnState(r.ConnState));
        w.Token("history", r.History);

        w.Token("close_initiator", ConnectionValues.Side(r.CloseInitiator));
        w.Token("close_kind", ConnectionValues.CloseKind(r.CloseKind));
        w.Time("first_fin_time", r.FirstFinTime);
        w.Token("first_fin_sender", ConnectionValues.Side(r.FirstFinSender));
        w.Time("first_rst_time", r.FirstRstTime);
        w.Token("first_rst_sender", ConnectionValues.Side(r.FirstRstSender));
        w.Token("time_wait_side", ConnectionValues.Side(r.TimeWaitSide));

        w.Integer("client_packets", r.ClientPackets);
        w.Integer("server_packets", r.ServerPackets);
        w.Integer("client_bytes", r.ClientBytes);
        w.Integer("server_bytes", r.ServerBytes);

        w.Integer("retransmissions", r.Retransmissions);
        w.Integer("fast_retransmissions", r.FastRetransmissions);
        w.Integer("spurious_retransmissions", r.SpuriousRetransmissions);
        w.Integer("out_of_order", r.OutOfOrder);
        w.Integer("duplicate_acks", r.DuplicateAcks);
        w.Integer("zero_windows", r.ZeroWindows);
        w.Integer("keep_alives", r.KeepAlives);
        w.Integer("lost_segments", r.LostSegments);
        w.Integer("acked_unseen", r.AckedUnseen);

        w.Token("http_protocol", ConnectionValues.HttpProtocol(r.HttpProtocol));
        w.Integer("http_requests", r.HttpRequests);
        w.WireString("user_agent", r.UserAgent);
        w.WireString("http_host", r.HttpHost);
        w.Boolean("connection_close", r.ConnectionClose);

        WriteTls(r, w);

        // The group key may be a run label from the manifest or a name taken from a User-Agent: treated as wire text.
        w.WireString("group", grouped.Group);
        w.WireString("tool", grouped.Tool.Tool);
        w.Token("tool_source", ToolVerdict.SourceName(grouped.Tool.Source));
    }

    // Every TLS column is null (an empty cell) on a connection that is not TLS.
    private static void WriteTls(ConnectionRecord r, IConnectionFieldWriter w)
    {
        TlsFacts? t = r.Tls;
        w.Token("tls_version", t?.Version is { } version ? TlsNames.Version(version) : null);
        w.Token("tls_cipher", t?.CipherSuite is { } suite ? TlsNames.CipherSuite(suite) : null);
        w.WireString("tls_sni", t?.ServerName);
        w.WireStringList("tls_alpn_offered", t?.AlpnOffered);
        if (t is { AlpnSelected: null, AlpnSelectedEncrypted: true })
        {
            w.Token("tls_alpn_selected", ConnectionValues.AlpnEncrypted);
        }
        else
        {
            w.WireString("tls_alpn_selected", t?.AlpnSelected);
        }

        w.TokenList("tls_resumption_offered", t is null ? null : ConnectionValues.ResumptionOffered(t.ResumptionOffered));
        w.Boolean("tls_resumed", t?.Resumed);
        w.Boolean("tls_hrr", t?.HelloRetryRequest);
        w.Token("tls_key_share_group", t?.KeyShareGroup is { } group ? TlsNames.Group(group) : null);

        w.Time("tls_client_hello_time", t?.ClientHelloTime);
        w.Time("tls_server_hello_time", t?.ServerHelloTime);
        w.Milliseconds("tls_ch_to_sh_ms", t?.ClientHelloToServerHelloMs);
        w.Time("tls_done_time", t?.DoneTime);
        w.Milliseconds("tls_handshake_ms", t?.HandshakeMs);
        w.Milliseconds("secure_connection_ms", t is null ? null : r.SecureConnectionMs);

        w.WireStringList("tls_alerts", t?.Alerts);
        w.Token("tls_ja4", t?.Ja4);
        w.Token("tls_ja3", t?.Ja3);
        w.Token("tls_error", t?.Error);
        w.Integer("requests_estimated", t?.RequestsEstimated);
    }
}
