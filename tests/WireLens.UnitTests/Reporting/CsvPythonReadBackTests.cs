using System.Diagnostics;
using System.Text;
using System.Text.Json;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Csv;
using WireLens.Reporting.Export;
using WireLens.Reporting.Text;
using WireLens.Testing;

namespace WireLens.UnitTests.Reporting;

/// <summary>Reads connections.csv back with Python's csv module: an independent RFC 4180 reader.</summary>
public sealed class CsvPythonReadBackTests : IDisposable
{
    private const string ReadCsvAsJson =
        "import csv, json, sys\n"
        + "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
        + "    print(json.dumps([row for row in csv.reader(f)]))\n";

    private static readonly string[] s_awkward =
    [
        "a,b,c",
        "say \"hi\", then go",
        "line1\nline2\r\nline3",
        "=1+2",
        "  padded  ",
        "\"",
        ",",
        "caf\u00e9 \U0001F600",
        "\u001b]0;title\u0007",
        "",
    ];

    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-csvpy");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadBack_AwkwardWireText_EveryCellEqualsWrittenValueAfterNeutralisation()
    {
        string python = Require.Tool("python3", "python3");
        var records = new List<ConnectionRecord>();
        for (int i = 0; i < s_awkward.Length; i++)
        {
            string other = s_awkward[s_awkward.Length - 1 - i];
            records.Add(ConnectionRecords.Full(i) with
            {
                UserAgent = s_awkward[i],
                HttpHost = other,
                Tls = ConnectionRecords.TlsFull() with
                {
                    ServerName = s_awkward[i],
                    AlpnOffered = [s_awkward[i], other, "h2;x"],
                    AlpnSelected = other,
                    Alerts = [other],
                },
            });
        }

        records.Add(ConnectionRecords.Minimal(s_awkward.Length));
        string path = Write(records);

        List<string[]> rows = ReadWithPython(python, path);

        Assert.Equal(ConnectionFields.Names, rows[0]);
        Assert.Equal(records.Count + 1, rows.Count);
        for (int i = 0; i < s_awkward.Length; i++)
        {
            string[] row = rows[i + 1];
            string other = s_awkward[s_awkward.Length - 1 - i];
            Assert.Equal(ConnectionFields.Names.Count, row.Length);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(WireText.CsvSafe(s_awkward[i]), row[41]);
            Assert.Equal(WireText.CsvSafe(other), row[42]);
            Assert.Equal("1500.000", row[9]);
            Assert.Equal("true", row[43]);
            Assert.Equal("TLS 1.3", Cell(row, "tls_version"));
            Assert.Equal(WireText.CsvSafe(s_awkward[i]), Cell(row, "tls_sni"));
            Assert.Equal(WireText.CsvSafe(other), Cell(row, "tls_alpn_selected"));
            Assert.Equal(WireText.CsvSafe(other).Replace(";", "\\x3B", StringComparison.Ordinal), Cell(row, "tls_alerts"));
            Assert.Equal("1.200", Cell(row, "secure_connection_ms"));
            Assert.Equal("3", Cell(row, "requests_estimated"));

            // The list cell splits back into its three items, each the CSV-safe item with ';' escaped.
            Assert.Equal(
                [
                    WireText.CsvSafe(s_awkward[i]).Replace(";", "\\x3B", StringComparison.Ordinal),
                    WireText.CsvSafe(other).Replace(";", "\\x3B", StringComparison.Ordinal),
                    "h2\\x3Bx",
                ],
                Cell(row, "tls_alpn_offered").Split(';'));
        }

        string[] minimal = rows[^1];
        Assert.Equal(string.Empty, minimal[39]);
        Assert.Equal(string.Empty, minimal[40]);
        Assert.Equal(string.Empty, minimal[41]);
        Assert.Equal(string.Empty, minimal[42]);
        Assert.Equal(string.Empty, minimal[43]);
        Assert.Equal(ConnectionFields.Names.Count, minimal.Length);
        Assert.All(minimal[44..64], cell => Assert.Equal(string.Empty, cell));
        Assert.Equal(["unknown", "unknown", "unknown"], minimal[64..]);
    }

    private static string Cell(string[] row, string name) => row[ConnectionFields.Names.ToList().IndexOf(name)];

    private string Write(IEnumerable<ConnectionRecord> records)
    {
        using var writer = new ConnectionCsvWriter(_dir);
        foreach (ConnectionRecord record in records)
        {
            writer.OnConnection(record);
        }

        writer.Complete();
        return writer.FinalPath;
    }

    private static List<string[]> ReadWithPython(string python, string csvPath)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ReadCsvAsJson);
        start.ArgumentList.Add(csvPath);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "python3 failed: " + stderr.Result);

        using JsonDocument doc = JsonDocument.Parse(stdout);
        return [.. doc.RootElement.EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetString()!).ToArray())];
    }
}
