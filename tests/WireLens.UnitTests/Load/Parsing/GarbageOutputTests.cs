using WireLens.Load;
using WireLens.Load.Tools;

namespace WireLens.UnitTests.Load.Parsing;

/// <summary>No parser throws on empty, foreign or cut-off output: every prefix of every recording parses to something or null.</summary>
public sealed class GarbageOutputTests
{
    public static TheoryData<string, string> Recordings()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in Directory.EnumerateFiles(ToolOutput.Directory, "*.txt").Order())
        {
            string name = Path.GetFileName(file);
            data.Add(name[..name.IndexOf('-', StringComparison.Ordinal)], name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void EveryPrefix_OfEveryRecording_NeverThrows(string tool, string file)
    {
        // Arrange
        Assert.True(LoadTools.Create().TryGet(tool, out ILoadTool? adapter), tool);
        string text = ToolOutput.Text(file);

        // Act / Assert: prefixes every 7 characters (and the whole), on both streams.
        for (int length = 0; length <= text.Length; length = length == text.Length ? length + 1 : Math.Min(length + 7, text.Length))
        {
            string prefix = text[..length];
            _ = adapter.ParseSummary(new LoadOutput(prefix, prefix, 0, 1, 0) { Elapsed = TimeSpan.FromSeconds(1) });
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\0\0\0")]
    [InlineData("Requests/sec: NaN\nrequests: x total\nTransactions: hits\n")]
    [InlineData("Summary:\n  Requests/sec:\t1\n  [x]\ty responses\n")]
    [InlineData("Complete requests: 99999999999999999999999\n")]
    public void Garbage_EveryTool_NullOrPartial_NoException(string text)
    {
        foreach (ILoadTool tool in LoadTools.External)
        {
            _ = tool.ParseSummary(new LoadOutput(text, text, 1, 1, 1));
        }
    }

    [Fact]
    public void EmptyOutput_EveryTool_Null()
    {
        Assert.All(LoadTools.External, tool => Assert.Null(tool.ParseSummary(new LoadOutput(string.Empty, string.Empty, 0, 0, 0))));
    }
}
