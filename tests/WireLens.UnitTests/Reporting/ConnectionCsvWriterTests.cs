using WireLens.Analysis.Connections;
using WireLens.Reporting.Csv;
using WireLens.Testing;

namespace WireLens.UnitTests.Reporting;

public sealed partial class ConnectionCsvWriterTests : IDisposable
{
    private const string ExpectedHeader =
        "stream,client_ip,client_port,server_ip,server_port,ip_version,role_guessed,first_time,last_time,duration_ms,"
        + "syn_time,synack_time,ack_time,syn_to_synack_ms,initial_rtt_ms,syn_retransmits,synack_retransmits,conn_state,"
        + "history,close_initiator,close_kind,first_fin_time,first_fin_sender,first_rst_time,first_rst_sender,"
        + "time_wait_side,client_packets,server_packets,client_bytes,server_bytes,retransmissions,fast_retransmissions,"
        + "spurious_retransmissions,out_of_order,duplicate_acks,zero_windows,keep_alives,lost_segments,acked_unseen,"
        + "http_protocol,http_requests,user_agent,http_host,connection_close,"
        + "tls_version,tls_cipher,tls_sni,tls_alpn_offered,tls_alpn_selected,tls_resumption_offered,tls_resumed,tls_hrr,"
        + "tls_key_share_group,tls_client_hello_time,tls_server_hello_time,tls_ch_to_sh_ms,tls_done_time,tls_handshake_ms,"
        + "secure_connection_ms,tls_alerts,tls_ja4,tls_ja3,tls_error,requests_estimated,group,tool,tool_source";

    // The 20 TLS cells of a connection that is not TLS.
    private const string NoTls = ",,,,,,,,,,,,,,,,,,,,";

    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Complete_NoConnections_WritesExactHeader()
    {
        using (var writer = new ConnectionCsvWriter(_dir))
        {
            writer.Complete();
        }

        Assert.Equal(ExpectedHeader + "\n", File.ReadAllText(Path.Combine(_dir, "connections.csv")));
    }

    [Fact]
    public void OnConnection_AllFieldsSet_WritesExactRow()
    {
        string[] lines = WriteAndRead(ConnectionRecords.Full());

        Assert.Equal(
            "7,10.0.0.1,50000,10.0.0.2,80,4,false,2026-01-02T03:04:05.100000Z,2026-01-02T03:04:06.600000Z,1500.000,"
            + "2026-01-02T03:04:05.100000Z,2026-01-02T03:04:05.100051Z,2026-01-02T03:04:05.100102Z,0.051,0.102,1,2,SF,"
            + "ShADadFf,client,client_fin,2026-01-02T03:04:06.500000Z,client,2026-01-02T03:04:06.600000Z,server,client,"
            + "10,9,1234,56789,3,1,0,2,4,5,6,7,8,http/1.1,12,wrk/4.2,example.test:8080,true" + NoTls + ",wrk,wrk,user-agent",
            lines[1]);
    }

    [Fact]
    public void OnConnection_OptionalFieldsNull_WritesEmptyCells()
    {
        string[] lines = WriteAndRead(ConnectionRecords.Minimal());

        Assert.Equal(
            "0,2001:db8::1,1,::1,443,6,true,2026-01-02T03:04:05.000000Z,2026-01-02T03:04:05.000000Z,0.000,"
            + ",,,,,0,0,OTH,D,none,open,,none,,none,none,0,0,0,0,0,0,0,0,0,0,0,0,0,,,,," + NoTls + ",unknown,unknown,unknown",
            lines[1]);
        Assert.Equal(67, lines[1].Split(',').Length);
    }

    [Fact]
    public void OnConnection_NanosecondFile_WritesNineDigitsAndMicrosecondMilliseconds()
    {
        ConnectionRecord record = ConnectionRecords.Minimal() with
        {
            FirstTime = ConnectionRecords.At(1),
            LastTime = ConnectionRecords.At(2_345_679),
        };

        string[] lines = WriteAndRead([record], fractionalDigits: 9);

        Assert.StartsWith(
            "0,2001:db8::1,1,::1,443,6,true,2026-01-02T03:04:05.000000001Z,2026-01-02T03:04:05.002345679Z,2.346,",
            lines[1],
            StringComparison.Ordinal);
    }

    [Fact]
    public void OnConnection_FormulaLikeWireText_NeutralisedButNumbersUntouched()
    {
        ConnectionRecord record = ConnectionRecords.Full() with
        {
            UserAgent = "=cmd|'/c calc'!A1",
            HttpHost = "-2+3",
            FirstTime = ConnectionRecords.At(2_000_000),
            LastTime = ConnectionRecords.At(1_000_000),
        };

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("'=cmd|'/c calc'!A1", cells[41]);
        Assert.Equal("'-2+3", cells[42]);
        Assert.Equal("-1.000", cells[9]);
    }

    [Fact]
    public void OnConnection_ControlCharactersInUserAgent_Escaped()
    {
        ConnectionRecord record = ConnectionRecords.Full() with { UserAgent = "\u001b[31mred\u202E@", HttpHost = "@SUM(1)" };

        string[] cells = WriteAndRead(record)[1].Split(',');

        Assert.Equal("\\x1B[31mred\\u{202E}@", cells[41]);
        Assert.Equal("'@SUM(1)", cells[42]);
    }

    [Fact]
    public void OnConnection_ReleasedOutOfOrder_RowsInStreamOrder()
    {
        ConnectionRecord[] released = [.. new long[] { 2, 0, 1, 4, 3 }.Select(s => ConnectionRecords.Minimal(s))];

        string[] lines = WriteAndRead(released);

        Assert.Equal(["0", "1", "2", "3", "4"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void OnConnection_ReorderBufferFull_WritesLowestHeldAndCountsLateRow()
    {
        using var writer = new ConnectionCsvWriter(_dir, reorderCapacity: 2);
        foreach (long stream in new long[] { 1, 2, 3, 0 })
        {
            writer.OnConnection(ConnectionRecords.Minimal(stream));
        }

        writer.Complete();

        string[] lines = File.ReadAllLines(writer.FinalPath);
        Assert.Equal(["1", "2", "3", "0"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(1, writer.RowsWrittenOutOfOrder);
        Assert.Equal(4, writer.RowsWritten);
    }

    [Fact]
    public void Complete_RenamesTempFile_NoFinalFileBefore()
    {
        string final = Path.Combine(_dir, "connections.csv");
        using var writer = new ConnectionCsvWriter(_dir);
        writer.OnConnection(ConnectionRecords.Minimal());

        Assert.False(File.Exists(final));
        Assert.True(File.Exists(final + ".tmp"));

        writer.Complete();

        Assert.True(File.Exists(final));
        Assert.False(File.Exists(final + ".tmp"));
        Assert.Throws<InvalidOperationException>(() => writer.OnConnection(ConnectionRecords.Minimal(1)));
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesNoFile()
    {
        using (var writer = new ConnectionCsvWriter(_dir))
        {
            writer.OnConnection(ConnectionRecords.Minimal());
        }

        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Complete_ExistingFinalFile_IsReplaced()
    {
        File.WriteAllText(Path.Combine(_dir, "connections.csv"), "old");
        using var writer = new ConnectionCsvWriter(_dir);

        writer.Complete();

        Assert.StartsWith("stream,", File.ReadAllText(writer.FinalPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnsupportedPrecision_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionCsvWriter(_dir, fractionalDigits: 3));
    }

    private string[] WriteAndRead(ConnectionRecord record) => WriteAndRead([record]);

    private string[] WriteAndRead(IEnumerable<ConnectionRecord> records, int fractionalDigits = 6)
    {
        using var writer = new ConnectionCsvWriter(_dir, fractionalDigits);
        foreach (ConnectionRecord record in records)
        {
            writer.OnConnection(record);
        }

        writer.Complete();
        string[] lines = File.ReadAllLines(writer.FinalPath);
        Assert.Equal(ExpectedHeader, lines[0]);
        return lines;
    }
}
