using WireLens.Load;
using WireLens.Load.Builtin;

namespace WireLens.UnitTests.Load;

public sealed class BuiltinProfilesTests
{
    private static readonly Uri s_http = new("http://127.0.0.1:8080/");
    private static readonly Uri s_https = new("https://localhost:8443/");

    [Theory]
    [InlineData(null, "builtin:keepalive", true, false, true)]
    [InlineData("keepalive", "builtin:keepalive", true, false, true)]
    [InlineData("close", "builtin:close", false, false, true)]
    [InlineData("tls-full", "builtin:tls-full", false, false, false)]
    [InlineData("tls-resumed", "builtin:tls-resumed", false, false, true)]
    [InlineData("h2", "builtin:h2", true, true, true)]
    public void TryResolve_Profile_GivesItsSettingsAndLabel(string? profile, string label, bool keepAlive, bool http2, bool resume)
    {
        // Act
        bool ok = BuiltinProfiles.TryResolve(new LoadOptions { Target = s_https, Profile = profile, Requests = 10 }, out BuiltinSettings? s, out string problem);

        // Assert
        Assert.True(ok, problem);
        Assert.Equal(label, s!.Label);
        Assert.Equal(keepAlive, s.KeepAlive);
        Assert.Equal(http2, s.Http2);
        Assert.Equal(resume, s.TlsResume);
        Assert.Equal(BuiltinSettings.DefaultConcurrency, s.Concurrency);
        Assert.Equal(10, s.Requests);
        Assert.Null(s.Duration);
    }

    [Fact]
    public void TryResolve_ExplicitOptions_OverrideTheProfile()
    {
        // Arrange: tls-full says keep-alive off and no resumption; the options say otherwise.
        var options = new LoadOptions
        {
            Target = s_https,
            Profile = "tls-full",
            Connections = 3,
            Duration = TimeSpan.FromSeconds(2),
            Rate = 50,
            KeepAlive = true,
            TlsResume = true,
            Insecure = true,
            MaxConnectionsPerServer = 2,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromSeconds(7),
        };

        // Act
        Assert.True(BuiltinProfiles.TryResolve(options, out BuiltinSettings? s, out string problem), problem);

        // Assert: the label still names the profile the run started from.
        Assert.Equal("builtin:tls-full", s!.Label);
        Assert.True(s.KeepAlive);
        Assert.True(s.TlsResume);
        Assert.True(s.Insecure);
        Assert.Equal(3, s.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Duration);
        Assert.Equal(50, s.Rate);
        Assert.Equal(2, s.MaxConnectionsPerServer);
        Assert.Equal(TimeSpan.FromSeconds(5), s.PooledConnectionIdleTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), s.PooledConnectionLifetime);
    }

    [Fact]
    public void TryResolve_NeitherCountNorDuration_RunsTheDefaultDuration()
    {
        Assert.True(BuiltinProfiles.TryResolve(new LoadOptions { Target = s_http }, out BuiltinSettings? s, out _));

        Assert.Equal(BuiltinSettings.DefaultDuration, s!.Duration);
        Assert.Null(s.Requests);
    }

    [Fact]
    public void TryResolve_Http2OptionOnKeepAliveProfile_GivesHttp2WithOnePoolPerConnection()
    {
        Assert.True(BuiltinProfiles.TryResolve(new LoadOptions { Target = s_http, Http2 = true, Connections = 4, Requests = 1 }, out BuiltinSettings? s, out _));

        Assert.True(s!.Http2);
        Assert.Equal(4, s.Pools);
        Assert.Equal(4, s.InFlight);
        Assert.Equal("builtin:keepalive", s.Label);
    }

    [Theory]
    [InlineData(false, 4, null, 4)] // HTTP/1.1: as many connections as workers, never one more
    [InlineData(false, 8, 2, 2)] // the cap asked for, below the workers: requests queue for a connection
    [InlineData(true, 3, null, 1)] // HTTP/2: a pool per connection, its workers' streams share it
    public void PoolConnectionLimit_ByDefaultTheRequestsAPoolHasInFlight(bool http2, int connections, int? cap, int expected)
    {
        Assert.True(BuiltinProfiles.TryResolve(
            new LoadOptions { Target = s_http, Http2 = http2, Connections = connections, MaxConnectionsPerServer = cap, Requests = 1 },
            out BuiltinSettings? s,
            out string problem), problem);

        Assert.Equal(expected, s!.PoolConnectionLimit);
    }

    [Theory]
    [InlineData("http://127.0.0.1/", "nope", null, null, "unknown profile 'nope'")]
    [InlineData("http://127.0.0.1/", "tls-full", null, null, "needs an https:// target")]
    [InlineData("https://127.0.0.1/", "tls-resumed", null, null, "needs a host name")]
    [InlineData("http://127.0.0.1/", "h2", false, null, "--keepalive off needs HTTP/1.1")]
    [InlineData("http://127.0.0.1/", "close", null, 0L, "at least 1")]
    [InlineData("ftp://127.0.0.1/", null, null, null, "http:// or https://")]
    public void TryResolve_ImpossibleCombination_SaysWhyInOneLine(string url, string? profile, bool? keepAlive, long? requests, string expected)
    {
        // Act
        bool ok = BuiltinProfiles.TryResolve(
            new LoadOptions { Target = new Uri(url), Profile = profile, KeepAlive = keepAlive, Requests = requests },
            out BuiltinSettings? s,
            out string problem);

        // Assert
        Assert.False(ok);
        Assert.Null(s);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TryResolve_RateNotPositiveAndFinite_IsRefused(double rate)
    {
        Assert.False(BuiltinProfiles.TryResolve(new LoadOptions { Target = s_http, Rate = rate, Requests = 1 }, out _, out string problem));
        Assert.Contains("--rate", problem, StringComparison.Ordinal);
    }
}
