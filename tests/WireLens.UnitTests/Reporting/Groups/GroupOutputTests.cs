using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Csv;
using WireLens.Reporting.Export;
using WireLens.Reporting.Findings;
using WireLens.Reporting.Groups;
using WireLens.Reporting.Text;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Reporting.Groups;

/// <summary>tools.csv's fixed columns, cell spelling, and the text table's width and escaping.</summary>
public sealed class GroupOutputTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-tools");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Names_StartWithTheIssuesColumnsInOrder()
    {
        string[] fixedColumns =
        [
            "group", "tool", "tool_source", "connections", "requests", "requests_estimated", "requests_per_conn_mean",
            "requests_per_conn_p50", "requests_per_conn_max", "new_conn_per_s_mean", "new_conn_per_s_peak", "concurrent_mean",
            "concurrent_peak", "handshake_rtt_p50_ms", "handshake_rtt_p90_ms", "handshake_rtt_p99_ms", "handshake_rtt_max_ms",
            "syn_retransmits", "refused", "retransmissions", "retransmission_share", "close_client_fin_first",
            "close_server_fin_first", "close_simultaneous", "close_client_rst", "close_server_rst", "close_open",
            "time_wait_client_share", "time_wait_server_share", "time_wait_client_peak", "time_wait_server_peak",
            "port_exhaustion_s", "tls_handshakes", "tls_resumed", "tls_hrr", "tls_ch_to_sh_full_p50_ms",
            "tls_ch_to_sh_full_p99_ms", "tls_ch_to_sh_resumed_p50_ms", "tls_ch_to_sh_resumed_p99_ms",
        ];

        Assert.Equal(fixedColumns, GroupFields.Names.Take(fixedColumns.Length));
        Assert.Equal(GroupFields.Names.Count, GroupFields.Names.Distinct().Count());
    }

    [Fact]
    public void ToolsCsv_FormulaAndControlInGroup_NeutralisedAndEscaped()
    {
        // Arrange: a User-Agent whose first product is "=cmd" gives the tool "cmd" (sanitised), so a formula can only
        // come through a group key from elsewhere: grouping by client address cannot make one; a run label can.
        ToolsReport report = Report(GroupBy.Tool, Conn() with { UserAgent = "curl/8" });
        report = report with { Groups = [report.Groups[0] with { Group = "=1+1\u001b" }] };

        // Act
        (string tools, _) = ToolsCsvWriter.Write(_dir, report);

        // Assert
        string row = File.ReadAllLines(tools)[1];
        Assert.StartsWith("'=1+1\\x1B,curl,user-agent,1,1,0,1.000,1,1,1.000,1,", row, StringComparison.Ordinal);
    }

    [Fact]
    public void TextTable_LongAndHostileGroupKey_CutEscapedWithinWidth()
    {
        ToolsReport report = Report(GroupBy.Tool, Conn() with { UserAgent = "curl/8" });
        report = report with { Groups = [report.Groups[0] with { Group = "\u001b[2Jvery-long-group-key-that-does-not-fit" }] };
        var finding = new Finding(FindingSeverity.Warning, "no-reuse", "\u001b[2J", "statement \u0007", "advice");

        string text = ToolsTextWriter.Render(report, [finding]);

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= ToolsTextWriter.Width || line.StartsWith("  warning", StringComparison.Ordinal) || line.StartsWith("          ->", StringComparison.Ordinal), line));
        Assert.Contains("\\x1B[2Jvery-lo~ ", text, StringComparison.Ordinal);
        Assert.Contains("Findings (1)", text, StringComparison.Ordinal);
    }

    private static ToolsReport Report(GroupBy by, params ConnectionRecord[] records)
    {
        var builder = new GroupReportBuilder(new ConnectionGrouping(by, () => new ToolAttributor()), new GroupReportOptions());
        foreach (ConnectionRecord r in records)
        {
            builder.OnConnection(r);
        }

        return builder.Build(records[^1].LastTime);
    }

    private static ConnectionRecord Conn() => ConnectionRecords.Full() with
    {
        ClientIp = IpAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")),
        TimeOrigin = ConnectionRecords.Base,
        HttpRequests = 1,
        TimeWaitSide = Side.None,
    };
}
