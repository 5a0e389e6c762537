using WireLens.Target;

namespace WireLens.UnitTests.Target;

public sealed class TargetOptionsTests
{
    public static TheoryData<TargetOptions, string> Invalid() => new()
    {
        { new TargetOptions { HttpPort = -1 }, "--http-port must be 0 (any free port) to 65535, not -1" },
        { new TargetOptions { HttpsPort = 65536 }, "--https-port must be 0 (any free port) to 65535, not 65536" },
        { new TargetOptions { HttpPort = 8080, H2cPort = 8080 }, "--http-port, --https-port and --h2c-port must differ (each serves one way)" },
        { new TargetOptions { HttpsPort = 8443, H2cPort = 8443 }, "--http-port, --https-port and --h2c-port must differ (each serves one way)" },
        { new TargetOptions { KeepAliveTimeout = TimeSpan.Zero }, "--keepalive-timeout must be a positive number of seconds" },
        { new TargetOptions { CloseAfterRequests = 0 }, "--close-after must be at least 1" },
        { new TargetOptions { ResponseBytes = -1 }, "--response-bytes must be 0 to 67108864" },
        { new TargetOptions { ResponseBytes = TargetOptions.MaxResponseBytes + 1 }, "--response-bytes must be 0 to 67108864" },
        { new TargetOptions { ResponseDelay = TimeSpan.FromMilliseconds(-1) }, "--delay-ms must be 0 to 60000" },
        { new TargetOptions { ResponseDelay = TimeSpan.FromSeconds(61) }, "--delay-ms must be 0 to 60000" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryValidate_BadValue_NamesTheOption(TargetOptions options, string expected)
    {
        Assert.False(options.TryValidate(out string problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void TryValidate_DefaultsAndLimits_AreValid()
    {
        Assert.True(new TargetOptions().TryValidate(out _));
        Assert.True(new TargetOptions
        {
            HttpPort = 65535,
            HttpsPort = 1,
            H2cPort = 0,
            CloseAfterRequests = 1,
            ResponseBytes = TargetOptions.MaxResponseBytes,
            ResponseDelay = TargetOptions.MaxResponseDelay,
        }.TryValidate(out string problem), problem);
    }
}
