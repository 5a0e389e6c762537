using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Export;
using WireLens.Reporting.Json;
using WireLens.Reporting.Summary;
using WireLens.Testing;

namespace WireLens.UnitTests.Reporting;

public sealed partial class JsonReportWriterTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-json");

    private string ReportPath => Path.Combine(_dir, "report.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Complete_TwoConnections_ConnectionObjectsHaveCsvColumnKeysInOrder()
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Full(1), ConnectionRecords.Minimal(0));

        JsonElement[] connections = [.. doc.RootElement.GetProperty("connections").EnumerateArray()];
        Assert.Equal(2, connections.Length);
        foreach (JsonElement connection in connections)
        {
            Assert.Equal(ConnectionFields.Names, connection.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal(["summary", "connections"], doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Complete_AllFieldsSet_ValuesAreTypedJson()
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Full(0));
        JsonElement c = doc.RootElement.GetProperty("connections")[0];

        Assert.Equal(0, c.GetProperty("stream").GetInt64());
        Assert.Equal("10.0.0.1", c.GetProperty("client_ip").GetString());
        Assert.Equal(50000, c.GetProperty("client_port").GetInt32());
        Assert.Equal(4, c.GetProperty("ip_version").GetInt32());
        Assert.Equal(JsonValueKind.False, c.GetProperty("role_guessed").ValueKind);
        Assert.Equal("2026-01-02T03:04:05.100000Z", c.GetProperty("first_time").GetString());
        Assert.Equal(1500.0, c.GetProperty("duration_ms").GetDouble());
        Assert.Equal("1500.000", c.GetProperty("duration_ms").GetRawText());
        Assert.Equal("0.051", c.GetProperty("syn_to_synack_ms").GetRawText());
        Assert.Equal(0.102, c.GetProperty("initial_rtt_ms").GetDouble());
        Assert.Equal("SF", c.GetProperty("conn_state").GetString());
        Assert.Equal("client_fin", c.GetProperty("close_kind").GetString());
        Assert.Equal("server", c.GetProperty("first_rst_sender").GetString());
        Assert.Equal(8, c.GetProperty("acked_unseen").GetInt32());
        Assert.Equal("http/1.1", c.GetProperty("http_protocol").GetString());
        Assert.Equal(12, c.GetProperty("http_requests").GetInt32());
        Assert.Equal("wrk/4.2", c.GetProperty("user_agent").GetString());
        Assert.Equal(JsonValueKind.True, c.GetProperty("connection_close").ValueKind);
    }

    [Fact]
    public void Complete_OptionalFieldsNull_WritesJsonNull()
    {
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Minimal(0));
        JsonElement c = doc.RootElement.GetProperty("connections")[0];

        foreach (string key in new[]
        {
            "syn_time", "synack_time", "ack_time", "syn_to_synack_ms", "initial_rtt_ms", "first_fin_time",
            "first_rst_time", "http_protocol", "http_requests", "user_agent", "http_host", "connection_close",
        })
        {
            Assert.Equal(JsonValueKind.Null, c.GetProperty(key).ValueKind);
        }

        Assert.Equal("none", c.GetProperty("first_fin_sender").GetString());
        Assert.Equal("2001:db8::1", c.GetProperty("client_ip").GetString());
        Assert.Equal(0, c.GetProperty("syn_retransmits").GetInt32());
    }

    [Fact]
    public void Complete_WireTextWithControlsAndFormula_KeptExactAndEscapedByJson()
    {
        const string agent = "=cmd|'/c calc'!A1\u001b[31m\u202E\"\\";
        using JsonDocument doc = WriteAndParse(ConnectionRecords.Full(0) with { UserAgent = agent });

        Assert.Equal(agent, doc.RootElement.GetProperty("connections")[0].GetProperty("user_agent").GetString());
        string raw = File.ReadAllText(ReportPath);
        Assert.DoesNotContain('\u001b', raw);
        Assert.DoesNotContain('\u202E', raw);
    }

    [Fact]
    public void Complete_ReleasedOutOfOrder_ConnectionsInStreamOrder()
    {
        ConnectionRecord[] released = [.. new long[] { 2, 0, 1, 4, 3 }.Select(s => ConnectionRecords.Minimal(s))];

        using JsonDocument doc = WriteAndParse(released);

        Assert.Equal(
            [0L, 1, 2, 3, 4],
            doc.RootElement.GetProperty("connections").EnumerateArray().Select(c => c.GetProperty("stream").GetInt64()));
    }

    [Fact]
    public void Complete_NoConnections_EmptyArrayAndSummary()
    {
        using JsonDocument doc = WriteAndParse();

        Assert.Equal(0, doc.RootElement.GetProperty("connections").GetArrayLength());
        Assert.Equal(0, doc.RootElement.GetProperty("summary").GetProperty("connections").GetInt64());
    }

    [Fact]
    public void Complete_Summary_WrittenFirstWithCountsAndCapture()
    {
        var builder = new SummaryBuilder();
        builder.OnConnection(ConnectionRecords.Full(0));
        builder.OnConnection(ConnectionRecords.Minimal(1));
        CaptureSummary summary = builder.Build(new CaptureFacts
        {
            FileName = "load.pcapng",
            Format = "pcapng",
            PacketsRead = 100,
            FirstPacketTime = ConnectionRecords.Base,
            DamageMessages = ["cut short"],
        });

        using JsonDocument doc = WriteAndParse(summary, ConnectionRecords.Full(0), ConnectionRecords.Minimal(1));
        JsonElement s = doc.RootElement.GetProperty("summary");

        Assert.Equal(2, s.GetProperty("connections").GetInt64());
        Assert.Equal(1, s.GetProperty("handshakes_completed").GetInt64());
        Assert.Equal(1, s.GetProperty("close_kind").GetProperty("client_fin").GetInt64());
        Assert.Equal(1, s.GetProperty("close_kind").GetProperty("open").GetInt64());
        Assert.Equal(0, s.GetProperty("close_kind").GetProperty("refused").GetInt64());
        Assert.Equal("0.102", s.GetProperty("initial_rtt_ms").GetProperty("p50").GetRawText());
        Assert.Equal(1, s.GetProperty("initial_rtt_ms").GetProperty("count").GetInt64());
        Assert.Equal(3, s.GetProperty("segment_verdicts").GetProperty("retransmissions").GetInt64());
        Assert.Equal(1, s.GetProperty("http_protocol").GetProperty("http/1.1").GetInt64());
        Assert.Equal(1, s.GetProperty("http_protocol").GetProperty("none").GetInt64());
        Assert.Equal(12, s.GetProperty("requests_per_connection").GetProperty("max").GetDouble());
        Assert.Equal(1, s.GetProperty("flush_reason").GetProperty("end_of_capture").GetInt64());
        JsonElement capture = s.GetProperty("capture");
        Assert.Equal("load.pcapng", capture.GetProperty("file").GetString());
        Assert.Equal(100, capture.GetProperty("packets_read").GetInt64());
        Assert.Equal("2026-01-02T03:04:05.000000Z", capture.GetProperty("first_packet_time").GetString());
        Assert.Equal(JsonValueKind.Null, capture.GetProperty("last_packet_time").ValueKind);
        Assert.Equal("cut short", capture.GetProperty("damage")[0].GetString());
    }

    [Fact]
    public void Complete_TempFiles_OnlyFinalFileRemains()
    {
        using var writer = new JsonReportWriter(ReportPath);
        writer.OnConnection(ConnectionRecords.Minimal(0));

        Assert.False(File.Exists(ReportPath));
        Assert.True(File.Exists(writer.ConnectionsTempPath));

        writer.Complete(new CaptureSummary());

        Assert.Equal([ReportPath], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Dispose_WithoutComplete_LeavesNoFile()
    {
        using (var writer = new JsonReportWriter(ReportPath))
        {
            writer.OnConnection(ConnectionRecords.Minimal(0));
        }

        Assert.Empty(Directory.GetFiles(_dir));
    }

    private JsonDocument WriteAndParse(params ConnectionRecord[] records) => WriteAndParse(new CaptureSummary(), records);

    private JsonDocument WriteAndParse(CaptureSummary summary, params ConnectionRecord[] records)
    {
        using (var writer = new JsonReportWriter(ReportPath))
        {
            foreach (ConnectionRecord record in records)
            {
                writer.OnConnection(record);
            }

            writer.Complete(summary);
        }

        return JsonDocument.Parse(File.ReadAllBytes(ReportPath));
    }
}
