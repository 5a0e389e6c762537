using WireLens.Reporting.Attribution;

namespace WireLens.UnitTests.Reporting.Attribution;

public class ToolVerdictTests
{
    [Theory]
    [InlineData(ToolSource.Run, "run")]
    [InlineData(ToolSource.Process, "process")]
    [InlineData(ToolSource.UserAgent, "user-agent")]
    [InlineData(ToolSource.Fingerprint, "fingerprint")]
    [InlineData(ToolSource.Port, "port")]
    [InlineData(ToolSource.Unknown, "unknown")]
    public void SourceName_EachSource_ToolSourceColumnSpelling(ToolSource source, string name)
    {
        // Act / Assert
        Assert.Equal(name, ToolVerdict.SourceName(source));
    }

    [Fact]
    public void SourceName_EverySourceHasAName()
    {
        // Act / Assert
        Assert.All(Enum.GetValues<ToolSource>(), s => Assert.NotEmpty(ToolVerdict.SourceName(s)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ToolVerdict.SourceName((ToolSource)99));
    }

    [Fact]
    public void Unknown_UnknownToolUnknownSourceNoRun()
    {
        // Act / Assert
        Assert.Equal(new ToolVerdict("unknown", ToolSource.Unknown, null, null), ToolVerdict.Unknown);
    }

    [Theory]
    [InlineData("wrk")]
    [InlineData("h2load")]
    [InlineData("python-requests")]
    [InlineData("my_tool.v2")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void IsValid_LowercaseNames_True(string name)
    {
        // Act / Assert
        Assert.True(ToolNames.IsValid(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Wrk")]
    [InlineData("w rk")]
    [InlineData("wrk/4.2")]
    [InlineData("é")]
    [InlineData("unknown")]
    [InlineData("ambiguous")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void IsValid_OtherNames_False(string name)
    {
        // Act / Assert
        Assert.False(ToolNames.IsValid(name));
    }

    [Fact]
    public void Names_TheIssuesList()
    {
        // Act / Assert
        Assert.Equal(
            ["wrk", "hey", "vegeta", "ab", "curl", "h2load", "siege", "oha", "k6", "wget", "builtin", "unknown", "ambiguous"],
            [ToolNames.Wrk, ToolNames.Hey, ToolNames.Vegeta, ToolNames.Ab, ToolNames.Curl, ToolNames.H2load, ToolNames.Siege,
                ToolNames.Oha, ToolNames.K6, ToolNames.Wget, ToolNames.Builtin, ToolNames.Unknown, ToolNames.Ambiguous]);
    }
}
