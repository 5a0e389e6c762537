using WireLens.Analysis.Connections;
using WireLens.Reporting.Summary;
using WireLens.Reporting.Text;

namespace WireLens.UnitTests.Reporting;

public partial class SummaryTextWriterTests
{
    // The whole text of KnownSummary(); a change here is a change of the CLI output.
    private const string Expected = """
        Capture
          File                          wrk-c100.pcapng (pcapng)
          Packets read                  123,456
          TCP packets                   123,000
          Non-TCP packets               456
          Fragments skipped             2
          Truncated packets             1
          Malformed packets             0
          First packet                  2026-01-02T03:04:05.000000001Z
          Last packet                   2026-01-02T03:04:17.345678901Z
          Time span                     12.346 s

        Connections
          Total                         4
          Released: closed              3 (75.0%)
          Released: replaced            0 (0.0%)
          Released: idle                0 (0.0%)
          Released: end_of_capture      1 (25.0%)
          Released: evicted             0 (0.0%)
          With a stream gap             1 (25.0%)

        Handshake
          Completed                     2 (50.0%)
          Refused                       1 (25.0%)
          Initial RTT (ms)              p50 0.102  p90 1.250  p99 1.250  max 1.250  (n=2)
          SYN retransmits               2 on 2 connections
          SYN/ACK retransmits           4 on 2 connections

        Close
          refused                       1 (25.0%)
          simultaneous                  0 (0.0%)
          client_fin                    2 (50.0%)
          server_fin                    0 (0.0%)
          client_rst                    0 (0.0%)
          server_rst                    0 (0.0%)
          open                          1 (25.0%)
          time_wait_side none           2 (50.0%)
          time_wait_side client         1 (25.0%)
          time_wait_side server         1 (25.0%)
          time_wait_side both           0 (0.0%)

        Retransmissions
          Connections with any          2 (50.0%)
          retransmissions               6
          fast_retransmissions          2
          spurious_retransmissions      0
          out_of_order                  4
          duplicate_acks                8
          zero_windows                  10
          keep_alives                   12
          lost_segments                 14
          acked_unseen                  16

        HTTP
          no HTTP request seen          2 (50.0%)
          http/1.0                      0 (0.0%)
          http/1.1                      2 (50.0%)
          h2c                           0 (0.0%)
          Requests per connection       mean 7.500  p50 3  max 12  (n=2)

        Damage
          last packet cut short at byte 9000

        """;

    [Fact]
    public void Render_KnownSummary_MatchesGoldenText()
    {
        string text = SummaryTextWriter.Render(KnownSummary());

        Assert.Equal(Expected.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Render_EmptySummary_UnknownValuesAsDashAndNoPercentages()
    {
        string text = SummaryTextWriter.Render(new CaptureSummary());

        Assert.Contains("  Initial RTT (ms)              p50 -  p90 -  p99 -  max -  (n=0)\n", text, StringComparison.Ordinal);
        Assert.Contains("  First packet                  -\n", text, StringComparison.Ordinal);
        Assert.Contains("  client_fin                    0\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Damage\n  none\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongAndHostileText_LinesFitWidthAndControlsEscaped()
    {
        var summary = new CaptureSummary
        {
            Capture = new CaptureFacts
            {
                FileName = new string('x', 150) + ".pcap",
                DamageMessages = ["bad\u001b[2Jthing\u202E", new string('d', 200)],
            },
        };

        string text = SummaryTextWriter.Render(summary);

        string[] lines = text.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= SummaryTextWriter.Width, l));
        Assert.Contains("  File                          " + new string('x', 65) + "...\n", text, StringComparison.Ordinal);
        Assert.Contains("  bad\\x1B[2Jthing\\u{202E}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("  " + new string('d', 95) + "...\n", text, StringComparison.Ordinal);
    }

    private static CaptureSummary KnownSummary()
    {
        var builder = new SummaryBuilder();
        builder.OnConnection(ConnectionRecords.Full(0));
        builder.OnConnection(ConnectionRecords.Full(1) with { InitialRttMs = 1.25, HttpRequests = 3, TimeWaitSide = Side.Server });
        builder.OnConnection(ConnectionRecords.Minimal(2) with { CloseKind = CloseKind.Refused, FlushReason = FlushReason.Closed });
        builder.OnConnection(ConnectionRecords.Minimal(3) with { ServerStreamLost = true });
        return builder.Build(new CaptureFacts
        {
            FileName = "wrk-c100.pcapng",
            Format = "pcapng",
            TimestampDigits = 9,
            PacketsRead = 123_456,
            TcpPackets = 123_000,
            NonTcpPackets = 456,
            FragmentsSkipped = 2,
            TruncatedPackets = 1,
            MalformedPackets = 0,
            FirstPacketTime = ConnectionRecords.At(1),
            LastPacketTime = ConnectionRecords.At(12_345_678_901),
            DamageMessages = ["last packet cut short at byte 9000"],
        });
    }
}
