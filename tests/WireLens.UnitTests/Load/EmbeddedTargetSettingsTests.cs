using WireLens.Load.Target;

namespace WireLens.UnitTests.Load;

public sealed class EmbeddedTargetSettingsTests
{
    [Fact]
    public void CommandArguments_Defaults_AnyFreePortsAndExitOnStdinEof()
    {
        Assert.Equal(
            ["--http-port", "0", "--https-port", "0", "--h2c-port", "0", "--exit-on-stdin-eof"],
            new EmbeddedTargetSettings().CommandArguments());
    }

    [Fact]
    public void CommandArguments_EverySetting_MapsToItsOption()
    {
        var settings = new EmbeddedTargetSettings
        {
            HttpPort = 8080,
            HttpsPort = 8443,
            H2cPort = 8081,
            KeepAliveTimeout = TimeSpan.FromMilliseconds(1500),
            CloseAfterRequests = 3,
            ResponseBytes = 1024,
            ResponseDelay = TimeSpan.FromMilliseconds(250),
        };

        Assert.Equal(
            [
                "--http-port", "8080", "--https-port", "8443", "--h2c-port", "8081", "--keepalive-timeout", "1.5",
                "--close-after", "3", "--response-bytes", "1024", "--delay-ms", "250", "--exit-on-stdin-eof",
            ],
            settings.CommandArguments());
    }
}
