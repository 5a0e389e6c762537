using WireLens.Cli.Commands;
using WireLens.Load.Builtin;

namespace WireLens.UnitTests.Load;

public sealed class BuiltinLoadCommandTests
{
    [Fact]
    public void TryCreateSettings_AllOptions_ParsedIntoTheSettings()
    {
        var args = new LoadArguments("https://localhost:9/")
        {
            Profile = "h2", Connections = "3", Streams = "4", Duration = "2.5", Rate = "100", Insecure = true, TlsResume = "off",
            MaxConnectionsPerServer = "7", IdleTimeout = "1.5", Lifetime = "9", ConnectTimeout = "3", Timeout = "4",
        };

        Assert.True(LoadCommand.TryCreateSettings(args, out BuiltinSettings? s, out string problem), problem);

        Assert.Equal("builtin:h2", s!.Label);
        Assert.True(s.Http2);
        Assert.Equal(3, s.Pools);
        Assert.Equal(12, s.InFlight);
        Assert.Equal(TimeSpan.FromSeconds(2.5), s.Duration);
        Assert.Equal(100, s.Rate);
        Assert.False(s.TlsResume);
        Assert.True(s.Insecure);
        Assert.Equal(7, s.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromSeconds(1.5), s.PooledConnectionIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), s.PooledConnectionLifetime);
        Assert.Equal(TimeSpan.FromSeconds(3), s.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(4), s.RequestTimeout);
    }

    [Theory]
    [InlineData("not a url", null, null, "--target must be an absolute http://")]
    [InlineData("ftp://x/", null, null, "--target must be")]
    [InlineData("/relative", null, null, "--target must be")]
    [InlineData("http://x/", "-c", "0", "-c/--connections must be a whole number from 1")]
    [InlineData("http://x/", "-c", "four", "-c/--connections must be a whole number")]
    [InlineData("http://x/", "-n", "-3", "-n/--requests must be a whole number")]
    [InlineData("http://x/", "-d", "0", "-d/--duration must be a positive number of seconds")]
    [InlineData("http://x/", "--rate", "fast", "--rate must be a number")]
    [InlineData("http://x/", "--keepalive", "yes", "--keepalive must be on or off")]
    [InlineData("http://x/", "--streams", "2", "--streams needs --http2")]
    [InlineData("http://x/", "--lifetime", "-1", "--lifetime must be a positive number")]
    public void TryCreateSettings_BadValue_OneLineNamingTheOption(string target, string? option, string? value, string expected)
    {
        var args = new LoadArguments(target) { Requests = "1" };
        args = option switch
        {
            "-c" => args with { Connections = value },
            "-n" => args with { Requests = value },
            "-d" => args with { Requests = null, Duration = value },
            "--rate" => args with { Rate = value },
            "--keepalive" => args with { KeepAlive = value },
            "--streams" => args with { Streams = value },
            "--lifetime" => args with { Lifetime = value },
            _ => args,
        };

        Assert.False(LoadCommand.TryCreateSettings(args, out BuiltinSettings? s, out string problem));

        Assert.Null(s);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void TryCreateSettings_CountAndDuration_Refused()
    {
        Assert.False(LoadCommand.TryCreateSettings(new LoadArguments("http://x/") { Requests = "1", Duration = "1" }, out _, out string problem));
        Assert.Contains("not both", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadArguments_Exit1WithOneErrorLineAndNoSummary()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await LoadCommand.RunAsync(new LoadArguments("http://x/") { KeepAlive = "sometimes" }, stdout, stderr, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal("wirelens: error: --keepalive must be on or off, not 'sometimes'" + Environment.NewLine, stderr.ToString());
    }
}
