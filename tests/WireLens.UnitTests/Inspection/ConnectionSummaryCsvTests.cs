using CsvHelper;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Inspection;
using WireLens.Testing;
using WireLens.Wire;
using static WireLens.UnitTests.Inspection.SummaryRows;

namespace WireLens.UnitTests.Inspection;

public class ConnectionSummaryCsvTests
{
    [Fact]
    public void Write_TlsCapture_MatchesGolden()
    {
        (ConnectionRows rows, Timestamp origin) = FromCapture("curl-tls13-resume.pcap");
        int[] order = ConnectionQuery.Select(rows, ConnectionFilter.None, ConnectionColumn.Start, descending: false, origin);
        var text = new StringWriter();

        int written = ConnectionSummaryCsv.Write(text, rows, order, origin);

        Assert.Equal(6, written);
        GoldenFile.Assert(Path.Combine("curl-tls13-resume.pcap", "connection-list.csv"), text.ToString());
    }

    [Fact]
    public void Write_EdgeCases_MatchesGolden()
    {
        (ConnectionRows rows, int[] order) = EdgeCases();
        var text = new StringWriter();

        ConnectionSummaryCsv.Write(text, rows, order, Origin);

        GoldenFile.Assert(Path.Combine("inspection", "connection-list-edge-cases.csv"), text.ToString());
    }

    [Fact]
    public void Write_EdgeCases_CellsReadBackSafe()
    {
        (ConnectionRows rows, int[] order) = EdgeCases();
        var text = new StringWriter();

        int written = ConnectionSummaryCsv.Write(text, rows, order, Origin);
        List<Dictionary<string, string>> read = ReadBack(text.ToString());

        Assert.Equal(order.Length, written);
        Assert.Equal(order.Length, read.Count);

        // Row order is the order given, not the table's.
        Assert.Equal(["3", "2", "1", "0"], read.Select(r => r["stream"]));

        Dictionary<string, string> evil = read[0];
        Assert.Equal("'=cmd|' /C calc'!A0", evil["sni"]);
        Assert.Equal("'-h2\\x0D\\x0A", evil["alpn"]);
        Assert.Equal("'@group\\u{202E}txt", evil["group"]);
        Assert.Equal("ab\\x1B[31m", evil["tool"]);
        Assert.Equal("[2001:db8::1]:1", evil["client"]);
        Assert.Equal("[::1]:443", evil["server"]);
        Assert.Equal("3", evil["requests"]);
        Assert.Equal("tls", evil["protocol"]);
        Assert.Equal("-0.250", evil["start_s"]);

        Dictionary<string, string> unknown = read[1];
        Assert.Equal("", unknown["handshake_rtt_ms"]);
        Assert.Equal("", unknown["requests"]);
        Assert.Equal("", unknown["protocol"]);
        Assert.Equal("", unknown["tls"]);
        Assert.Equal("", unknown["resumed"]);
        Assert.Equal("", unknown["ch_to_sh_ms"]);
        Assert.Equal("", unknown["sni"]);
        Assert.Equal("open", unknown["close"]);
        Assert.Equal("none", unknown["time_wait"]);

        Dictionary<string, string> http = read[3];
        Assert.Equal(
            ["0", "wrk", "wrk", "10.0.0.1:50000", "10.0.0.2:80", "1.500", "2.250", "0.102", "12", "client_fin", "client", "1", "3",
             "http/1.1", "", "", "", "", ""],
            ConnectionColumns.All.Select(c => http[ConnectionColumns.CsvName(c)]));

        // No cell carries a raw control or bidi character.
        Assert.All(read.SelectMany(r => r.Values), cell => Assert.DoesNotMatch("[\\u0000-\\u001F\\u007F-\\u009F\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]", cell));
    }

    [Fact]
    public void Write_NoRows_HeaderOnly()
    {
        var text = new StringWriter();

        int written = ConnectionSummaryCsv.Write(text, ConnectionRows.Empty, [], Origin);

        Assert.Equal(0, written);
        Assert.Equal(string.Join(',', ConnectionColumns.All.Select(ConnectionColumns.CsvName)) + "\n", text.ToString());
    }

    private static (ConnectionRows Rows, int[] Order) EdgeCases()
    {
        ConnectionRows rows = ConnectionRows.Of(
        [
            HttpRow(0),
            TlsRow(1) with { TlsResumed = false, ClientHelloToServerHelloMs = 12.3456f, TlsVersion = 0x0303, Alpn = "h2", Sni = "b\u200Fidi.test" },
            UnknownRow(2),
            TlsRow(3) with
            {
                Group = "@group\u202Etxt",
                Tool = "ab\u001b[31m",
                ClientIp = Ip("2001:db8::1"),
                ClientPort = 1,
                ServerIp = Ip("::1"),
                FirstTime = At(-250_000_000),
                Sni = "=cmd|' /C calc'!A0",
                Alpn = "-h2\r\n",
                Close = CloseKind.ServerRst,
                TimeWaitSide = Side.Both,
            },
        ]);
        return (rows, [3, 2, 1, 0]);
    }

    private static List<Dictionary<string, string>> ReadBack(string csvText)
    {
        var rows = new List<Dictionary<string, string>>();
        using CsvReader csv = CsvReader.FromText(csvText, null);
        while (csv.Read())
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < csv.Headers.Count; i++)
            {
                cells[csv.Headers[i]] = csv.GetString(i);
            }

            Assert.Equal(ConnectionColumns.All.Select(ConnectionColumns.CsvName), csv.Headers);
            rows.Add(cells);
        }

        return rows;
    }
}
