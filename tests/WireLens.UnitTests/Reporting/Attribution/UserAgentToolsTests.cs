using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;

namespace WireLens.UnitTests.Reporting.Attribution;

public class UserAgentToolsTests
{
    // User-Agents as the Debian 12 tools send them (seen in the end-to-end captures), and others' documented ones.
    [Theory]
    [InlineData("ApacheBench/2.3", "ab")]
    [InlineData("Mozilla/5.0 (pc-x86_64-linux-gnu) Siege/4.0.7", "siege")]
    [InlineData("hey/0.0.1", "hey")]
    [InlineData("curl/7.88.1", "curl")]
    [InlineData("h2load nghttp2/1.52.0", "h2load")]
    [InlineData("Go-http-client/1.1", "vegeta")]
    [InlineData("Wget/1.21.3", "wget")]
    [InlineData("k6/0.45.0 (https://k6.io/)", "k6")]
    [InlineData("oha/1.4.0", "oha")]
    [InlineData("wrk", "wrk")]
    [InlineData("CURL/8.0", "curl")]
    public void FromUserAgent_KnownTool_NamedWhereverItsProductStands(string userAgent, string tool)
    {
        // Act / Assert
        Assert.Equal(tool, UserAgentTools.FromUserAgent(userAgent));
    }

    [Theory]
    [InlineData("python-requests/2.31.0", "python-requests")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "mozilla")]
    [InlineData("(comment (nested) first) Locust/2.0", "locust")]
    [InlineData("My_Tool.v2/1", "my_tool.v2")]
    [InlineData("\u001b[31m=evil/1", "31mevil")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void FromUserAgent_OtherClient_FirstProductTokenReducedToSafeCharacters(string userAgent, string tool)
    {
        // Act / Assert
        Assert.Equal(tool, UserAgentTools.FromUserAgent(userAgent));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("(only a comment)")]
    [InlineData("=+@/1")]
    public void FromUserAgent_NothingToName_Null(string? userAgent)
    {
        // Act / Assert
        Assert.Null(UserAgentTools.FromUserAgent(userAgent));
    }
}
