using WireLens.Load.Target;

namespace WireLens.UnitTests.Load;

public sealed class TargetReadyLineTests
{
    private const string Valid =
        """wirelens-target ready {"http":"http://127.0.0.1:8080/","https":"https://127.0.0.1:8443/","h2c":"http://127.0.0.1:8081/","pid":4242}""";

    [Fact]
    public void Format_IsThePrefixAndOneJsonObjectOnOneLine()
    {
        var ready = new TargetReadyLine(
            new Uri("http://127.0.0.1:8080/"), new Uri("https://127.0.0.1:8443/"), new Uri("http://127.0.0.1:8081/"), 4242);

        Assert.Equal(Valid, ready.Format());
    }

    [Fact]
    public void TryParse_FormattedLine_RoundTrips()
    {
        var ready = new TargetReadyLine(
            new Uri("http://127.0.0.1:1/"), new Uri("https://127.0.0.1:65535/"), new Uri("http://127.0.0.1:2/"), int.MaxValue);

        Assert.True(TargetReadyLine.TryParse(ready.Format(), out TargetReadyLine? parsed));

        Assert.Equal(ready, parsed);
    }

    [Fact]
    public void TryParse_UnknownMembersAndOtherOrder_AreAccepted()
    {
        const string line = """wirelens-target ready {"pid":7,"version":2,"h2c":"http://127.0.0.1:3/","https":"https://127.0.0.1:2/","http":"http://127.0.0.1:1/","extra":{"a":[1]}}""";

        Assert.True(TargetReadyLine.TryParse(line, out TargetReadyLine? parsed));

        Assert.Equal(7, parsed.ProcessId);
        Assert.Equal(1, parsed.Http.Port);
        Assert.Equal(2, parsed.Https.Port);
        Assert.Equal(3, parsed.H2c.Port);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wirelens target (pid 7): HTTP/1.1 http://127.0.0.1:1/")]
    [InlineData("""wirelens-target ready""")]
    [InlineData("""wirelens-target ready {"http":"http://127.0.0.1:1/",""")]
    [InlineData("""wirelens-target ready ["http://127.0.0.1:1/"]""")]
    [InlineData("""wirelens-target  ready {"http":"http://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":7}""")]
    [InlineData("""wirelens-target ready {"https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":7}""")]
    [InlineData("""wirelens-target ready {"http":"/relative","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":7}""")]
    [InlineData("""wirelens-target ready {"http":"ftp://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":7}""")]
    [InlineData("""wirelens-target ready {"http":1,"https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":7}""")]
    [InlineData("""wirelens-target ready {"http":"http://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/"}""")]
    [InlineData("""wirelens-target ready {"http":"http://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":0}""")]
    [InlineData("""wirelens-target ready {"http":"http://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":"7"}""")]
    [InlineData("""wirelens-target ready {"http":"http://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":7.5}""")]
    [InlineData("""wirelens-target ready {"http":"http://127.0.0.1:1/","https":"https://127.0.0.1:2/","h2c":"http://127.0.0.1:3/","pid":99999999999}""")]
    public void TryParse_AnyOtherLine_IsFalse(string? line)
    {
        Assert.False(TargetReadyLine.TryParse(line, out TargetReadyLine? parsed));
        Assert.Null(parsed);
    }
}
