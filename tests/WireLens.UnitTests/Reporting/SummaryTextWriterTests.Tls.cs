using WireLens.Analysis.Connections;
using WireLens.Reporting.Summary;
using WireLens.Reporting.Text;

namespace WireLens.UnitTests.Reporting;

public partial class SummaryTextWriterTests
{
    // The TLS section of TlsRecords.Mix(); percentages below the first line are of the 7 TLS connections.
    private const string ExpectedTls = """
        TLS
          Connections                   7 (87.5%)
          ClientHello seen              6 (85.7%)
          With a ServerHello            5 (71.4%)
          Full handshakes               3 (42.9%)
          Resumed                       2 (28.6%)
          HelloRetryRequests            1 (14.3%)
          Resumption: none              2 (28.6%) offered, 0 resumed
          Resumption: session_id        3 (42.9%) offered, 1 resumed
          Resumption: ticket            2 (28.6%) offered, 1 resumed
          Resumption: psk               1 (14.3%) offered, 1 resumed
          Version TLS 1.2               2 (28.6%)
          Version TLS 1.3               3 (42.9%)
          ALPN offered h2               4 (57.1%)
          ALPN offered http/1.1         3 (42.9%)
          ALPN selected encrypted       3 (42.9%)
          ALPN selected h2              1 (14.3%)
          ALPN selected http/1.1        1 (14.3%)
          CH to SH, full (ms)           p50 20.000  p90 30.000  p99 30.000  max 30.000  (n=3)
          CH to SH, resumed (ms)        p50 1.000  p90 2.000  p99 2.000  max 2.000  (n=2)
          Handshake (ms)                p50 15.000  p90 35.000  p99 35.000  max 35.000  (n=5)
          Alert encrypted               1
          Alert fatal:handshake_failure 1
          Alert warning:close_notify    2
          With tls_error                1 (14.3%)

        """;

    [Fact]
    public void Render_TlsConnections_TlsSectionBetweenHttpAndDamage()
    {
        string text = SummaryTextWriter.Render(Summarise(TlsRecords.Mix()));

        Assert.Contains("\n\n" + ExpectedTls.ReplaceLineEndings("\n") + "\nDamage\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("\nHTTP\n", StringComparison.Ordinal) < text.IndexOf("\nTLS\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NoTlsConnection_NoTlsSection()
    {
        string text = SummaryTextWriter.Render(Summarise(ConnectionRecords.Full(0)));

        Assert.DoesNotContain("TLS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileAlpnNames_EscapedCutAndCountStillShown()
    {
        string longName = "\u001b[2J" + new string('a', 120);
        ConnectionRecord record = ConnectionRecords.Tls(0, ConnectionRecords.TlsFull() with
        {
            AlpnOffered = [longName, "h2\u202E\u0007", ""],
            AlpnSelected = "=x\u009b",
            Alerts = ["bad\nline"],
        });

        string text = SummaryTextWriter.Render(Summarise(record));

        Assert.All(text.Split('\n'), l => Assert.True(l.Length <= SummaryTextWriter.Width, l));
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202E', text);
        string cut = "\\x1B[2J" + new string('a', SummaryTextWriter.NameWidth - 3 - 7) + "...";
        Assert.Contains("  ALPN offered " + cut + "  1 (100.0%)\n", text, StringComparison.Ordinal);
        Assert.Contains("  ALPN offered h2\\u{202E}\\x07   1 (100.0%)\n", text, StringComparison.Ordinal);
        Assert.Contains("  ALPN offered (empty)          1 (100.0%)\n", text, StringComparison.Ordinal);
        Assert.Contains("  ALPN selected =x\\x9B          1 (100.0%)\n", text, StringComparison.Ordinal);
        Assert.Contains("  Alert bad\\x0Aline             1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MoreDistinctNamesThanKept_OtherNamesLine()
    {
        ConnectionRecord[] records =
        [
            .. Enumerable.Range(0, 40).Select(i => ConnectionRecords.Tls(i, ConnectionRecords.TlsFull() with
            {
                AlpnOffered = ["p" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)],
            })),
        ];

        string text = SummaryTextWriter.Render(Summarise(records));

        Assert.Contains("  ALPN offered p31              1 (2.5%)\n  ALPN offered (other names)    8 (20.0%)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ALPN offered p32", text, StringComparison.Ordinal);
    }

    private static CaptureSummary Summarise(params ConnectionRecord[] records)
    {
        var builder = new SummaryBuilder();
        foreach (ConnectionRecord record in records)
        {
            builder.OnConnection(record);
        }

        return builder.Build(new CaptureFacts());
    }
}
