using WireLens.Load;
using WireLens.Load.Tools;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;

namespace WireLens.UnitTests.Load;

public sealed class LoadToolsTests
{
    [Fact]
    public void External_EveryAdapterOnce_KnownNames()
    {
        Assert.Equal(
            [ToolNames.Wrk, ToolNames.Hey, ToolNames.Ab, ToolNames.Curl, ToolNames.H2load, ToolNames.Siege, ToolNames.Vegeta],
            LoadTools.External.Select(t => t.Name));
        Assert.All(LoadTools.External, t => Assert.True(ToolNames.IsValid(t.Name)));
    }

    [Fact]
    public void Create_WithExtra_FoundByName()
    {
        var builtin = new FakeTool(ToolNames.Builtin);

        LoadTools tools = LoadTools.Create(builtin);

        Assert.True(tools.TryGet("builtin", out ILoadTool? found));
        Assert.Same(builtin, found);
        Assert.True(tools.TryGet("wrk", out ILoadTool? wrk));
        Assert.IsType<WrkTool>(wrk);
        Assert.False(tools.TryGet("WRK", out _));
        Assert.Equal(8, tools.All.Count);
    }

    [Fact]
    public void Create_DuplicateName_Throws()
    {
        Assert.Throws<ArgumentException>(() => LoadTools.Create(new FakeTool("wrk")));
    }

    [Fact]
    public void NotInstalled_NamesThePackage()
    {
        Assert.Equal("wrk is not installed: apt-get install wrk", LoadTools.NotInstalled(new WrkTool()));
        Assert.Equal("ab is not installed: apt-get install apache2-utils", LoadTools.NotInstalled(new AbTool()));
        Assert.Equal("h2load is not installed: apt-get install nghttp2-client", LoadTools.NotInstalled(new H2loadTool()));
        Assert.Equal(
            "vegeta is not installed (it is not packaged on Debian: put its executable on PATH)",
            LoadTools.NotInstalled(new VegetaTool()));
    }

    private sealed class FakeTool(string name) : ILoadTool
    {
        public string Name => name;

        public string DebianPackage => string.Empty;

        public string? Locate() => null;

        public string? ReadVersion(string executable) => null;

        public bool TryPlan(LoadOptions options, string executable, out LoadPlan? plan, out string problem)
        {
            plan = null;
            problem = "fake";
            return false;
        }

        public ToolSummary? ParseSummary(LoadOutput output) => null;
    }
}
