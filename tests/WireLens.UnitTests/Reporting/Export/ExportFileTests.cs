using WireLens.Reporting.Export;
using WireLens.Testing;

namespace WireLens.UnitTests.Reporting.Export;

/// <summary>Temporary name + rename: a failed export leaves neither a half file under the final name nor the temp.</summary>
public sealed class ExportFileTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("wirelens-exportfile");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_WriterThrowsMidWay_NoFinalFileNoTemp()
    {
        // Arrange: rows are written to the temporary file, then the row source fails.
        string path = Path.Combine(_dir, "tools.csv");
        bool tempExistedMidWay = false;

        // Act
        var ex = Assert.Throws<InvalidOperationException>(() => ExportFile.Write(path, temp =>
        {
            using (var w = new StreamWriter(temp))
            {
                w.Write("group,connections\nab,1\n");
                w.Flush();
                tempExistedMidWay = File.Exists(temp) && !File.Exists(path);
                throw new InvalidOperationException("row source failed");
            }
        }));

        // Assert
        Assert.Equal("row source failed", ex.Message);
        Assert.True(tempExistedMidWay);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_WriterThrowsMidWay_OlderFileKept()
    {
        string path = Path.Combine(_dir, "findings.csv");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => ExportFile.Write(path, temp =>
        {
            File.WriteAllText(temp, "half");
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.False(File.Exists(path + ExportFile.TempSuffix));
    }

    [Fact]
    public void Write_Completes_RenamedAndReplacesOlderFile()
    {
        string path = Path.Combine(_dir, "timeseries.csv");
        File.WriteAllText(path, "old");

        ExportFile.Write(path, temp => File.WriteAllText(temp, "new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_NoOverwriteAndFileExists_ThrowsKeepsFileRemovesTemp()
    {
        string path = Path.Combine(_dir, "export.csv");
        File.WriteAllText(path, "mine");

        Assert.Throws<IOException>(() => ExportFile.Write(path, temp => File.WriteAllText(temp, "other"), overwrite: false));

        Assert.Equal("mine", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }
}
