using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

public sealed class GoldenFileTests : IDisposable
{
    private readonly string _root = TestPaths.NewTempDirectory("wl-golden-test");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void AssertAt_Mismatch_WritesActualBesideBaselineAndFails()
    {
        // Arrange
        string baseline = Path.Combine(_root, "capture", "report.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(baseline)!);
        File.WriteAllText(baseline, "a\nb\nc\n");

        // Act
        Exception error = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertAt(_root, "capture/report.txt", "a\nB\nc\n", update: false));

        // Assert
        string actualPath = Path.Combine(_root, "capture", "report.actual.txt");
        Assert.Equal("a\nB\nc\n", File.ReadAllText(actualPath));
        Assert.Equal("a\nb\nc\n", File.ReadAllText(baseline));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("- b", error.Message, StringComparison.Ordinal);
        Assert.Contains("+ B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertAt_Match_PassesAndRemovesStaleActual()
    {
        File.WriteAllText(Path.Combine(_root, "x.csv"), "h\r\n1\r\n");
        File.WriteAllText(Path.Combine(_root, "x.actual.csv"), "old");

        GoldenFile.AssertAt(_root, "x.csv", "h\n1\n", update: false);

        Assert.False(File.Exists(Path.Combine(_root, "x.actual.csv")));
    }

    [Fact]
    public void AssertAt_MissingBaseline_FailsWithHowToCreateIt()
    {
        Exception error = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertAt(_root, "new/out.txt", "x\n", update: false));

        Assert.Contains(GoldenFile.UpdateVariable + "=1", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "new", "out.actual.txt")));
        Assert.False(File.Exists(Path.Combine(_root, "new", "out.txt")));
    }

    [Fact]
    public void AssertAt_Update_RewritesBaselineAndPasses()
    {
        File.WriteAllText(Path.Combine(_root, "y.txt"), "old\n");

        GoldenFile.AssertAt(_root, "y.txt", "new\n", update: true);

        Assert.Equal("new\n", File.ReadAllText(Path.Combine(_root, "y.txt")));
        Assert.False(File.Exists(Path.Combine(_root, "y.actual.txt")));
    }

    [Fact]
    public void ActualPath_FileWithoutExtension_AppendsActual()
    {
        Assert.Equal(Path.Combine("d", "name.actual"), GoldenFile.ActualPath(Path.Combine("d", "name")));
    }
}
