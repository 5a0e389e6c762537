using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Export;
using WireLens.Reporting.Summary;

namespace WireLens.UnitTests.Reporting;

/// <summary>The TLS keys of the JSON connection objects: the CSV's names, typed values, lists as arrays of exact strings.</summary>
public sealed partial class JsonReportWriterTests
{
    [Fact]
    public void Complete_TlsConnection_TypedTlsValuesAndArrays()
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Tls(0));
        JsonElement c = doc.RootElement.GetProperty("connections")[0];

        Assert.Equal(ConnectionFields.Names, c.EnumerateObject().Select(p => p.Name));
        Assert.Equal("TLS 1.3", c.GetProperty("tls_version").GetString());
        Assert.Equal("TLS_AES_128_GCM_SHA256", c.GetProperty("tls_cipher").GetString());
        Assert.Equal("example.test", c.GetProperty("tls_sni").GetString());
        Assert.Equal(["h2", "http/1.1"], Strings(c.GetProperty("tls_alpn_offered")));
        Assert.Equal("encrypted", c.GetProperty("tls_alpn_selected").GetString());
        Assert.Equal(["ticket", "psk"], Strings(c.GetProperty("tls_resumption_offered")));
        Assert.Equal(JsonValueKind.True, c.GetProperty("tls_resumed").ValueKind);
        Assert.Equal(JsonValueKind.False, c.GetProperty("tls_hrr").ValueKind);
        Assert.Equal("x25519", c.GetProperty("tls_key_share_group").GetString());
        Assert.Equal("2026-01-02T03:04:05.100200Z", c.GetProperty("tls_client_hello_time").GetString());
        Assert.Equal("2026-01-02T03:04:05.100450Z", c.GetProperty("tls_server_hello_time").GetString());
        Assert.Equal("0.250", c.GetProperty("tls_ch_to_sh_ms").GetRawText());
        Assert.Equal("2026-01-02T03:04:05.101200Z", c.GetProperty("tls_done_time").GetString());
        Assert.Equal("1.000", c.GetProperty("tls_handshake_ms").GetRawText());
        Assert.Equal("1.200", c.GetProperty("secure_connection_ms").GetRawText());
        Assert.Equal(["warning:close_notify"], Strings(c.GetProperty("tls_alerts")));
        Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", c.GetProperty("tls_ja4").GetString());
        Assert.Equal("cd08e31494f9531f560d64c695473da9", c.GetProperty("tls_ja3").GetString());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("tls_error").ValueKind);
        Assert.Equal(3, c.GetProperty("requests_estimated").GetInt32());
    }

    [Fact]
    public void Complete_NotTls_EveryTlsKeyNull()
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Full(0));
        JsonElement c = doc.RootElement.GetProperty("connections")[0];

        Assert.All(ConnectionFields.Names.Skip(44).Take(20), key => Assert.Equal(JsonValueKind.Null, c.GetProperty(key).ValueKind));
        Assert.Equal(("wrk", "wrk", "user-agent"), (c.GetProperty("group").GetString(), c.GetProperty("tool").GetString(), c.GetProperty("tool_source").GetString()));
    }

    [Fact]
    public void Complete_TlsWithEmptyLists_EmptyArraysNotNull()
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Tls(0, new TlsFacts()));
        JsonElement c = doc.RootElement.GetProperty("connections")[0];

        Assert.Equal(0, c.GetProperty("tls_alpn_offered").GetArrayLength());
        Assert.Equal(0, c.GetProperty("tls_alerts").GetArrayLength());
        Assert.Equal(0, c.GetProperty("tls_resumption_offered").GetArrayLength());
        Assert.Equal(JsonValueKind.False, c.GetProperty("tls_hrr").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("tls_version").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("tls_alpn_selected").ValueKind);
        Assert.Equal(JsonValueKind.Null, c.GetProperty("secure_connection_ms").ValueKind);
    }

    [Fact]
    public void Complete_HostileTlsWireText_KeptExactNoListEscapingNoFormulaRule()
    {
        const string sni = "=cmd|'/c calc'!A1\u001b[31m\u202E";
        ConnectionRecord record = ConnectionRecords.Tls(0, ConnectionRecords.TlsFull() with
        {
            ServerName = sni,
            AlpnOffered = ["h2;x", "\u0007", "=1"],
            AlpnSelected = "a;b",
            Alerts = ["fatal:decode_error", "encrypted"],
            Version = 0x7f13,
            CipherSuite = 0x1337,
        });

        using JsonDocument doc = WriteAndParse(record);
        JsonElement c = doc.RootElement.GetProperty("connections")[0];

        Assert.Equal(sni, c.GetProperty("tls_sni").GetString());
        Assert.Equal(["h2;x", "\u0007", "=1"], Strings(c.GetProperty("tls_alpn_offered")));
        Assert.Equal("a;b", c.GetProperty("tls_alpn_selected").GetString());
        Assert.Equal(["fatal:decode_error", "encrypted"], Strings(c.GetProperty("tls_alerts")));
        Assert.Equal("0x7f13", c.GetProperty("tls_version").GetString());
        Assert.Equal("0x1337", c.GetProperty("tls_cipher").GetString());
        string raw = File.ReadAllText(ReportPath);
        Assert.DoesNotContain('\u001b', raw);
        Assert.DoesNotContain('\u0007', raw);
    }

    [Theory]
    [InlineData(TlsResumptionOffer.None, new string[0])]
    [InlineData(TlsResumptionOffer.SessionId, new[] { "session_id" })]
    [InlineData(TlsResumptionOffer.Psk | TlsResumptionOffer.SessionId | TlsResumptionOffer.Ticket, new[] { "session_id", "ticket", "psk" })]
    public void Complete_ResumptionOffered_ArrayOfMechanisms(TlsResumptionOffer offered, string[] expected)
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Tls(0, ConnectionRecords.TlsFull() with { ResumptionOffered = offered }));

        Assert.Equal(expected, Strings(doc.RootElement.GetProperty("connections")[0].GetProperty("tls_resumption_offered")));
    }

    [Fact]
    public void Complete_SummaryWithoutTls_TlsKeyNull()
    {
        var builder = new SummaryBuilder();
        builder.OnConnection(ConnectionRecords.Full(0));

        using JsonDocument doc = WriteAndParse(builder.Build(new CaptureFacts()), ConnectionRecords.Full(0));

        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("summary").GetProperty("tls").ValueKind);
    }

    [Fact]
    public void Complete_SummaryWithTls_TlsBlockCountsTablesAndSplitPercentiles()
    {
        ConnectionRecord[] records =
        [
            .. TlsRecords.Mix(),
            ConnectionRecords.Tls(8, ConnectionRecords.TlsFull() with { AlpnOffered = ["h2\u0007;x"], Version = 0x7f13 }),
        ];
        var builder = new SummaryBuilder();
        foreach (ConnectionRecord record in records)
        {
            builder.OnConnection(record);
        }

        using JsonDocument doc = WriteAndParse(builder.Build(new CaptureFacts()), records);
        JsonElement t = doc.RootElement.GetProperty("summary").GetProperty("tls");

        Assert.Equal(8, t.GetProperty("connections").GetInt64());
        Assert.Equal(7, t.GetProperty("client_hellos").GetInt64());
        Assert.Equal(6, t.GetProperty("server_hellos").GetInt64());
        Assert.Equal(3, t.GetProperty("full_handshakes").GetInt64());
        Assert.Equal(3, t.GetProperty("resumed").GetInt64());
        Assert.Equal(1, t.GetProperty("hello_retry_requests").GetInt64());
        JsonElement offered = t.GetProperty("resumption_offered");
        Assert.Equal(["none", "session_id", "ticket", "psk"], offered.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, offered.GetProperty("session_id").GetProperty("offered").GetInt64());
        Assert.Equal(1, offered.GetProperty("session_id").GetProperty("resumed").GetInt64());
        Assert.Equal(2, offered.GetProperty("psk").GetProperty("offered").GetInt64());
        Assert.Equal(2, offered.GetProperty("psk").GetProperty("resumed").GetInt64());
        Assert.Equal(0, offered.GetProperty("none").GetProperty("resumed").GetInt64());
        Assert.Equal(
            ["0x7f13:1", "TLS 1.2:2", "TLS 1.3:3"],
            t.GetProperty("versions").EnumerateObject().Select(p => p.Name + ":" + p.Value.GetInt64()).Order(StringComparer.Ordinal));
        Assert.Equal(4, t.GetProperty("alpn_offered").GetProperty("h2").GetInt64());
        Assert.Equal(1, t.GetProperty("alpn_offered").GetProperty("h2\u0007;x").GetInt64());
        Assert.Equal(0, t.GetProperty("alpn_offered_other").GetInt64());
        Assert.Equal(4, t.GetProperty("alpn_selected").GetProperty("encrypted").GetInt64());
        Assert.Equal(3, t.GetProperty("alerts").GetProperty("warning:close_notify").GetInt64());

        // Full 10, 20, 30 ms; resumed 1, 2 and 0.250 (TlsFull): a pooled or swapped split gives other values.
        Assert.Equal("20.000", t.GetProperty("ch_to_sh_ms_full").GetProperty("p50").GetRawText());
        Assert.Equal(3, t.GetProperty("ch_to_sh_ms_full").GetProperty("count").GetInt64());
        Assert.Equal("1.000", t.GetProperty("ch_to_sh_ms_resumed").GetProperty("p50").GetRawText());
        Assert.Equal("2.000", t.GetProperty("ch_to_sh_ms_resumed").GetProperty("p99").GetRawText());
        Assert.Equal("35.000", t.GetProperty("handshake_ms").GetProperty("p90").GetRawText());
        Assert.Equal(1, t.GetProperty("connections_with_error").GetInt64());
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
