using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.UnitTests.Reporting.Runs;

public sealed class RunManifestLocatorTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("wl-locator");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("load.pcapng", "load")]
    [InlineData("load.pcap", "load")]
    [InlineData("load.pcap.gz", "load")]
    [InlineData("load.pcapng.zst", "load")]
    [InlineData("LOAD.PCAP.GZ", "LOAD")]
    [InlineData("load.2026-01-02.pcap", "load.2026-01-02")]
    [InlineData("load", "load")]
    [InlineData("load.gz", "load")]
    [InlineData("load.txt", "load.txt")]
    [InlineData(".pcap", ".pcap")]
    [InlineData("a.pcap.pcap", "a.pcap")]
    public void BaseName_CompressionThenOneCaptureExtension_Removed(string fileName, string expected)
    {
        // Act / Assert
        Assert.Equal(expected, RunManifestLocator.BaseName(fileName));
    }

    [Theory]
    [InlineData("load.pcapng")]
    [InlineData("load.pcap.gz")]
    public void FindBeside_OwnManifest_Found(string capture)
    {
        // Arrange
        string own = Write("load.run.json", """{"capture": {"file": "other.pcap"}}""");
        Write("run.json", "{}");

        // Act
        string? found = RunManifestLocator.FindBeside(Path.Combine(_dir, capture));

        // Assert: the name decides, without reading the file.
        Assert.Equal(own, found);
    }

    [Theory]
    [InlineData("""{"wirelens_run_manifest": 1, "runs": []}""")]
    [InlineData("""{"wirelens_run_manifest": 1, "capture": {"interface": "lo"}, "runs": []}""")]
    [InlineData("""{"wirelens_run_manifest": 1, "capture": {"file": "load.pcap"}, "runs": []}""")]
    public void FindBeside_SharedManifestForThisCaptureOrAny_Found(string json)
    {
        // Arrange
        string shared = Write("run.json", json);

        // Act
        string? found = RunManifestLocator.FindBeside(Path.Combine(_dir, "load.pcap"));

        // Assert
        Assert.Equal(shared, found);
    }

    [Theory]
    [InlineData("""{"wirelens_run_manifest": 1, "capture": {"file": "other.pcap"}, "runs": []}""")]
    [InlineData("""{"wirelens_run_manifest": 1, "capture": {"file": "load.pcap.gz"}, "runs": []}""")]
    [InlineData("""{"wirelens_run_manifest": 1, "capture": {"file": "LOAD.pcap"}, "runs": []}""")]
    public void FindBeside_SharedManifestForAnotherCapture_Ignored(string json)
    {
        // Arrange
        Write("run.json", json);

        // Act
        string? found = RunManifestLocator.FindBeside(Path.Combine(_dir, "load.pcap"));

        // Assert
        Assert.Null(found);
    }

    [Fact]
    public void FindBeside_SharedManifestThatCannotBeRead_FoundSoItsErrorIsReported()
    {
        // Arrange
        string shared = Write("run.json", "{ not json");

        // Act
        string? found = RunManifestLocator.FindBeside(Path.Combine(_dir, "load.pcap"));

        // Assert
        Assert.Equal(shared, found);
    }

    [Fact]
    public void FindBeside_NoManifest_Null()
    {
        // Arrange
        Write("other.run.json", "{}");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        Write(Path.Combine("sub", "run.json"), """{"wirelens_run_manifest": 1, "runs": []}""");

        // Act / Assert: only the capture's own name and run.json in its own directory count.
        Assert.Null(RunManifestLocator.FindBeside(Path.Combine(_dir, "load.pcap")));
        Assert.Null(RunManifestLocator.FindBeside(Path.Combine(_dir, "missing-dir", "load.pcap")));
        Assert.Null(RunManifestLocator.FindBeside(_dir + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void FindBeside_RelativeCapturePath_RelativeManifestPath()
    {
        // Arrange
        Write("load.run.json", "{}");
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(_dir, "load.pcap"));

        // Act
        string? found = RunManifestLocator.FindBeside(relative);

        // Assert
        Assert.Equal(Path.Combine(Path.GetDirectoryName(relative)!, "load.run.json"), found);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
