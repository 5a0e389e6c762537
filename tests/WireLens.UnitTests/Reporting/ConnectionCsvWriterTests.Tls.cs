using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Reporting.Export;

namespace WireLens.UnitTests.Reporting;

/// <summary>The 20 TLS columns of connections.csv (then group, tool, tool_source): spelling of every kind of value, escaping, empty cells.</summary>
public sealed partial class ConnectionCsvWriterTests
{
    private static readonly int s_firstTlsColumn = IndexOf("tls_version");
    private static readonly int s_firstGroupColumn = IndexOf("group");

    [Fact]
    public void Names_TlsColumns_AfterTheOthersInIssueOrder()
    {
        Assert.Equal(67, ConnectionFields.Names.Count);
        Assert.Equal(
            [
                "tls_version", "tls_cipher", "tls_sni", "tls_alpn_offered", "tls_alpn_selected", "tls_resumption_offered",
                "tls_resumed", "tls_hrr", "tls_key_share_group", "tls_client_hello_time", "tls_server_hello_time",
                "tls_ch_to_sh_ms", "tls_done_time", "tls_handshake_ms", "secure_connection_ms", "tls_alerts", "tls_ja4",
                "tls_ja3", "tls_error", "requests_estimated",
            ],
            ConnectionFields.Names.Skip(44).Take(20));
        Assert.Equal(["group", "tool", "tool_source"], ConnectionFields.Names.Skip(64));
    }

    [Fact]
    public void OnConnection_TlsConnection_WritesEveryTlsCell()
    {
        string[] lines = WriteAndRead(ConnectionRecords.Tls());

        string[] cells = lines[1].Split(',');
        Assert.Equal(ConnectionFields.Names.Count, cells.Length);
        Assert.Equal(
            "TLS 1.3,TLS_AES_128_GCM_SHA256,example.test,h2;http/1.1,encrypted,ticket;psk,true,false,x25519,"
            + "2026-01-02T03:04:05.100200Z,2026-01-02T03:04:05.100450Z,0.250,2026-01-02T03:04:05.101200Z,1.000,1.200,"
            + "warning:close_notify,t13d1516h2_8daaf6152771_e5627efa2ab1,cd08e31494f9531f560d64c695473da9,,3",
            string.Join(',', cells[s_firstTlsColumn..s_firstGroupColumn]));

        // No User-Agent on TLS and no fingerprint table given: the tool is unknown.
        Assert.Equal(["unknown", "unknown", "unknown"], cells[s_firstGroupColumn..]);

        // The HTTP columns stay empty on a TLS connection: its bytes are not cleartext HTTP.
        Assert.Equal(["", "", "", "", ""], cells[IndexOf("http_protocol")..s_firstTlsColumn]);
    }

    [Fact]
    public void OnConnection_NotTls_AllTwentyTlsCellsEmpty()
    {
        string[] cells = WriteAndRead(ConnectionRecords.Full())[1].Split(',');

        Assert.Equal(ConnectionFields.Names.Count, cells.Length);
        Assert.Equal(Enumerable.Repeat(string.Empty, 20), cells[s_firstTlsColumn..s_firstGroupColumn]);
    }

    [Fact]
    public void OnConnection_TlsWithNothingKnown_OnlyHrrAndResumptionOfferedFilled()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: new TlsFacts());

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("none", Cell(cells, "tls_resumption_offered"));
        Assert.Equal("false", Cell(cells, "tls_hrr"));
        string[] others = [.. ConnectionFields.Names.Skip(44).Take(20).Where(n => n is not ("tls_resumption_offered" or "tls_hrr"))];
        Assert.All(others, name => Assert.Equal(string.Empty, Cell(cells, name)));
    }

    [Fact]
    public void OnConnection_UnknownRegistryValues_WrittenAsLowerCaseHex()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with
        {
            Version = 0x7f13,
            CipherSuite = 0x1337,
            KeyShareGroup = 0x0AAA,
        });

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("0x7f13", Cell(cells, "tls_version"));
        Assert.Equal("0x1337", Cell(cells, "tls_cipher"));
        Assert.Equal("0x0aaa", Cell(cells, "tls_key_share_group"));
    }

    [Fact]
    public void OnConnection_Tls12_NamesAndSelectedAlpnInClear()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with
        {
            Version = 0x0303,
            CipherSuite = 0xC02F,
            KeyShareGroup = null,
            AlpnSelected = "http/1.1",
            AlpnSelectedEncrypted = false,
            HelloRetryRequest = true,
            Resumed = false,
        });

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("TLS 1.2", Cell(cells, "tls_version"));
        Assert.Equal("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Cell(cells, "tls_cipher"));
        Assert.Equal(string.Empty, Cell(cells, "tls_key_share_group"));
        Assert.Equal("http/1.1", Cell(cells, "tls_alpn_selected"));
        Assert.Equal("true", Cell(cells, "tls_hrr"));
        Assert.Equal("false", Cell(cells, "tls_resumed"));
    }

    [Theory]
    [InlineData(TlsResumptionOffer.None, "none")]
    [InlineData(TlsResumptionOffer.SessionId, "session_id")]
    [InlineData(TlsResumptionOffer.Ticket, "ticket")]
    [InlineData(TlsResumptionOffer.Psk, "psk")]
    [InlineData(TlsResumptionOffer.SessionId | TlsResumptionOffer.Psk, "session_id;psk")]
    [InlineData(TlsResumptionOffer.Psk | TlsResumptionOffer.Ticket | TlsResumptionOffer.SessionId, "session_id;ticket;psk")]
    public void OnConnection_ResumptionOffered_MechanismsInFixedOrderOrNone(TlsResumptionOffer offered, string expected)
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with { ResumptionOffered = offered });

        Assert.Equal(expected, Cell(WriteAndRead(record)[1].Split(','), "tls_resumption_offered"));
    }

    [Fact]
    public void OnConnection_SemicolonInsideAlpn_WrittenAsEscapeSoTheListStaysSplittable()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with
        {
            AlpnOffered = ["h2;evil", "x", ";"],
            AlpnSelected = "a;b",
            Alerts = ["fatal:handshake_failure", "encrypted"],
        });

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("h2\\x3Bevil;x;\\x3B", Cell(cells, "tls_alpn_offered"));
        Assert.Equal(3, Cell(cells, "tls_alpn_offered").Split(';').Length);
        Assert.Equal("a;b", Cell(cells, "tls_alpn_selected"));
        Assert.Equal("fatal:handshake_failure;encrypted", Cell(cells, "tls_alerts"));
    }

    [Fact]
    public void OnConnection_ControlCharactersInSniAndAlpn_EscapedPerItem()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with
        {
            ServerName = "a\u001b[2Jb\u202E.test",
            AlpnOffered = ["h2\u0000", "\u0007x"],
            AlpnSelected = "\u009bq",
            AlpnSelectedEncrypted = false,
        });

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("a\\x1B[2Jb\\u{202E}.test", Cell(cells, "tls_sni"));
        Assert.Equal("h2\\x00;\\x07x", Cell(cells, "tls_alpn_offered"));
        Assert.Equal("\\x9Bq", Cell(cells, "tls_alpn_selected"));
    }

    [Fact]
    public void OnConnection_FormulaLikeSniAndAlpn_Neutralised()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with
        {
            ServerName = "=HYPERLINK(\"x\")",
            AlpnOffered = ["=1+2", "h2", "@x"],
            AlpnSelected = "-1",
            Alerts = ["+x"],
        });

        string[] cells = WriteAndReadRaw(record);

        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", Cell(cells, "tls_sni"));
        Assert.Equal("'=1+2;h2;'@x", Cell(cells, "tls_alpn_offered"));
        Assert.Equal("'-1", Cell(cells, "tls_alpn_selected"));
        Assert.Equal("'+x", Cell(cells, "tls_alerts"));
    }

    [Fact]
    public void OnConnection_SelectedAlpnKnown_PreferredOverEncryptedToken()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with { AlpnSelected = "h2" });

        Assert.Equal("h2", Cell(WriteAndRead(record)[1].Split(','), "tls_alpn_selected"));
    }

    [Fact]
    public void OnConnection_TlsErrorAndNoDone_ErrorWrittenTimesEmpty()
    {
        ConnectionRecord record = ConnectionRecords.Tls(tls: ConnectionRecords.TlsFull() with
        {
            DoneTime = null,
            ServerHelloTime = null,
            Version = null,
            Resumed = null,
            Error = "record_overflow at client stream offset 517",
            RequestsEstimated = null,
            AlpnOffered = [],
            Alerts = [],
        });

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("record_overflow at client stream offset 517", Cell(cells, "tls_error"));
        foreach (string name in new[]
        {
            "tls_version", "tls_resumed", "tls_server_hello_time", "tls_ch_to_sh_ms", "tls_done_time", "tls_handshake_ms",
            "secure_connection_ms", "requests_estimated", "tls_alpn_offered", "tls_alerts",
        })
        {
            Assert.Equal(string.Empty, Cell(cells, name));
        }
    }

    [Fact]
    public void OnConnection_TlsWithoutSyn_SecureConnectionEmptyHandshakeKnown()
    {
        ConnectionRecord record = ConnectionRecords.Tls() with { SynTime = null };

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal(string.Empty, Cell(cells, "secure_connection_ms"));
        Assert.Equal("1.000", Cell(cells, "tls_handshake_ms"));
    }

    private static int IndexOf(string name)
    {
        int index = ConnectionFields.Names.ToList().IndexOf(name);
        Assert.True(index >= 0, name);
        return index;
    }

    private static string Cell(string[] cells, string name) => cells[IndexOf(name)];

    // For a row with one quoted cell: splits on commas outside quotes, keeping each cell's raw (quoted) text.
    private string[] WriteAndReadRaw(ConnectionRecord record)
    {
        string line = WriteAndRead(record)[1];
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }
}
