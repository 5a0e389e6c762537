using WireLens.Reporting.Inspection;
using static WireLens.UnitTests.Inspection.SummaryRows;

namespace WireLens.UnitTests.Inspection;

public class ConnectionTableTests
{
    // Every field the writer sets from the index: a torn read shows as a row whose fields disagree.
    private static ConnectionSummary RowNumber(ConnectionSummary template, int i) => template with
    {
        Stream = i,
        FirstFrame = i,
        LastFrame = i + 1L,
        Requests = i,
        Retransmissions = -i,
        ClientPort = (ushort)i,
        FirstTime = At(i),
        LastTime = At(i + 1L),
        Tool = (i & 1) == 0 ? "even" : "odd",
    };

    private static void AssertRow(in ConnectionSummary row, int i)
    {
        if (row.Stream != i || row.FirstFrame != i || row.LastFrame != i + 1L || row.Requests != i || row.Retransmissions != -i
            || row.ClientPort != (ushort)i || row.FirstTime != At(i) || row.LastTime != At(i + 1L)
            || row.Tool != ((i & 1) == 0 ? "even" : "odd") || row.Group != "wrk")
        {
            Assert.Fail($"row {i} not fully written: stream {row.Stream}, frames {row.FirstFrame}-{row.LastFrame}, requests {row.Requests}");
        }
    }

    [Fact]
    public async Task Snapshot_WhileAWriterAppends_EveryRowBelowTheCountIsWhole()
    {
        const int Rows = 200_000;
        var table = new ConnectionTable();
        ConnectionSummary template = HttpRow();
        using var done = new CancellationTokenSource();

        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < Rows; i++)
            {
                table.Append(RowNumber(template, i));
            }
        }, TestContext.Current.CancellationToken);

        var kept = new List<ConnectionRows>();
        int checkedUpTo = 0;
        int lastCount = 0;
        int snapshots = 0;
        var random = new Random(1);
        while (true)
        {
            bool finished = writer.IsCompleted;
            ConnectionRows rows = table.Snapshot();
            snapshots++;
            Assert.True(rows.Count >= lastCount, $"count went back from {lastCount} to {rows.Count}");
            Assert.True(table.Count >= rows.Count);
            lastCount = rows.Count;

            // The rows new since the last snapshot, and a sample of the older ones (every one would be quadratic).
            for (int i = checkedUpTo; i < rows.Count; i++)
            {
                AssertRow(rows[i], i);
            }

            for (int k = 0; k < 64 && rows.Count > 0; k++)
            {
                int i = random.Next(rows.Count);
                AssertRow(rows[i], i);
            }

            checkedUpTo = rows.Count;
            if (snapshots % 16 == 0)
            {
                kept.Add(rows);
            }

            if (finished)
            {
                break;
            }
        }

        await writer;
        ConnectionRows final = table.Snapshot();
        Assert.Equal(Rows, final.Count);
        for (int i = 0; i < Rows; i++)
        {
            AssertRow(final[i], i);
        }

        // Older snapshots still hold exactly what they promised, after the directory grew under them.
        foreach (ConnectionRows old in kept)
        {
            for (int i = 0; i < old.Count; i++)
            {
                AssertRow(old[i], i);
            }

            Assert.Throws<ArgumentOutOfRangeException>(() => old[old.Count]);
        }
    }

    [Fact]
    public void Indexer_OutOfBounds_Throws()
    {
        var table = new ConnectionTable();
        table.Append(HttpRow(0));
        ConnectionRows one = table.Snapshot();
        table.Append(HttpRow(1));

        Assert.Equal(0, one[0].Stream);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[int.MaxValue]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionRows.Empty[0]);
        Assert.Equal(0, ConnectionRows.Empty.Count);
        Assert.Equal(1, table.Snapshot()[1].Stream);
    }

    [Fact]
    public void Of_RowsAcrossChunkBoundaries_InOrder()
    {
        ConnectionSummary template = HttpRow();
        ConnectionRows rows = ConnectionRows.Of(Enumerable.Range(0, 3 * 4096 + 5).Select(i => RowNumber(template, i)));

        Assert.Equal(3 * 4096 + 5, rows.Count);
        foreach (int i in new[] { 0, 4095, 4096, 8191, 8192, 12292 })
        {
            AssertRow(rows[i], i);
        }
    }
}
