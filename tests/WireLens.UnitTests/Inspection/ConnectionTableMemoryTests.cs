using WireLens.Cli.Inspection;
using WireLens.Reporting.Inspection;
using WireLens.Testing;

namespace WireLens.UnitTests.Inspection;

/// <summary>The UI's per-connection cost (docs/tui.md states it): what appending rows allocates, per row.</summary>
public sealed class ConnectionTableMemoryTests
{
    [Fact]
    public void Append_100000Rows_AllocatesTheRowSizeEach()
    {
        // Arrange: real rows of a sample capture, replicated.
        InspectionSnapshot sample = OfflineInspection.Analyze(Path.Combine(TestPaths.Captures, "curl-tls13-resume.pcap"));
        Assert.True(sample.Connections.Count > 0);
        var table = new ConnectionTable();
        const int rows = 100_000;

        // Act
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < rows; i++)
        {
            table.Append(sample.Connections[i % sample.Connections.Count] with { Stream = i });
        }

        long perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / rows;

        // Assert: the chunks hold the rows and nothing else grows per row (strings are shared, not copied).
        Assert.Equal(rows, table.Count);
        Assert.InRange(ConnectionTable.BytesPerConnection, 100, 192);
        Assert.InRange(perRow, ConnectionTable.BytesPerConnection, ConnectionTable.BytesPerConnection + 8);
    }
}
