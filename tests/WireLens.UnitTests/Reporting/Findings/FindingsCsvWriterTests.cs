using WireLens.Reporting.Csv;
using WireLens.Reporting.Findings;
using WireLens.Testing;

namespace WireLens.UnitTests.Reporting.Findings;

public sealed class FindingsCsvWriterTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-findings");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Finding[] s_findings =
    [
        new(FindingSeverity.Error, "capture-incomplete", "*", "capture: 3 truncated packets; figures may be low", "Capture whole packets (no snap length: tcpdump -s 0)"),
        new(FindingSeverity.Warning, "no-reuse", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\"): 1.00 requests per connection over 1,000 connections", "Add -k to ab, then run again"),
        new(FindingSeverity.Info, "h2-not-negotiated", "tab\tkey", "tab\\x09key: 1 of 1 connection that offered h2 got HTTP/1.1", "Enable HTTP/2"),
    ];

    private const string Expected =
        "severity,rule,group,statement,advice\n"
        + "error,capture-incomplete,*,capture: 3 truncated packets; figures may be low,Capture whole packets (no snap length: tcpdump -s 0)\n"
        + "warning,no-reuse,\"'=HYPERLINK(\"\"x\"\")\",\"'=HYPERLINK(\"\"x\"\"): 1.00 requests per connection over 1,000 connections\",\"Add -k to ab, then run again\"\n"
        + "info,h2-not-negotiated,tab\\x09key,tab\\x09key: 1 of 1 connection that offered h2 got HTTP/1.1,Enable HTTP/2\n";

    [Fact]
    public void WriteFile_ExactBytes_FormulaNeutralisedControlsEscaped()
    {
        // Act
        string path = FindingsCsvWriter.WriteFile(_dir, s_findings);

        // Assert
        Assert.Equal(Path.Combine(_dir, "findings.csv"), path);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Expected), File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void WriteFile_NoFindings_HeaderOnly()
    {
        string path = FindingsCsvWriter.WriteFile(_dir, []);

        Assert.Equal("severity,rule,group,statement,advice\n", File.ReadAllText(path));
    }

    [Fact]
    public void WriteFile_ReplacesAnOlderFile()
    {
        File.WriteAllText(Path.Combine(_dir, "findings.csv"), "old");

        string path = FindingsCsvWriter.WriteFile(_dir, s_findings);

        Assert.Equal(Expected, File.ReadAllText(path));
    }

    [Fact]
    public void WriteFile_MissingDirectory_ThrowsAndLeavesNothing()
    {
        string missing = Path.Combine(_dir, "missing");

        Assert.ThrowsAny<IOException>(() => FindingsCsvWriter.WriteFile(missing, s_findings));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Write_TextWriter_SameText()
    {
        using var writer = new StringWriter();

        FindingsCsvWriter.Write(writer, s_findings);

        Assert.Equal(Expected, writer.ToString());
    }

    [Fact]
    public void Columns_AreTheHeader()
    {
        Assert.Equal(["severity", "rule", "group", "statement", "advice"], FindingsCsvWriter.Columns);
    }
}
