using System.Text.Json;
using WireLens.Cli;
using WireLens.Cli.Commands;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Cli;

/// <summary>`wirelens analyze --csv DIR --json FILE` end to end: both files, the same connections, no leftovers.</summary>
public sealed class AnalyzeExportTests
{
    [Fact]
    public void CsvAndJson_DescribeTheSameConnections()
    {
        // Arrange
        string dir = TestPaths.NewTempDirectory();
        string json = Path.Combine(dir, "report.json");
        var stdout = new StringWriter();

        // Act
        int exit = AnalyzeCommand.Run(
            new AnalyzeArguments(Path.Combine(TestPaths.Captures, "curl-loop.pcap"), dir, json, null, 300), stdout, new StringWriter());

        // Assert: 10 rows and 10 objects, same stream numbers and keys, nothing left under a temporary name.
        Assert.Equal(ExitCodes.Success, exit);
        string[] csv = File.ReadAllLines(Path.Combine(dir, "connections.csv"));
        string[] header = csv[0].Split(',');
        Assert.Equal(11, csv.Length);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement root = doc.RootElement;
        Assert.Equal(10, root.GetProperty("summary").GetProperty("connections").GetInt64());
        JsonElement[] connections = [.. root.GetProperty("connections").EnumerateArray()];
        Assert.Equal(10, connections.Length);
        Assert.Equal(header, connections[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            csv.Skip(1).Select(line => long.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)),
            connections.Select(c => c.GetProperty("stream").GetInt64()));
        Assert.All(connections, c => Assert.Equal("client_fin", c.GetProperty("close_kind").GetString()));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        Assert.Contains("Wrote " + json, stdout.ToString(), StringComparison.Ordinal);
    }
}
