using WireLens.Capture.Live;

namespace WireLens.UnitTests.Live;

/// <summary>The "not permitted" advice names the exact command for each way WireLens can run.</summary>
public sealed class CaptureGrantTests
{
    private const string Publish = "-c Release -r linux-x64 -p:PublishSingleFile=true --self-contained false";

    private static readonly Func<string, bool> s_checkoutAtRepo = path => path == "/repo/src/WireLens.Cli/WireLens.Cli.csproj";
    private static readonly Func<string, bool> s_noFile = _ => false;

    [Fact]
    public void Advice_SingleFileBinary_SetcapOnThatBinary()
    {
        // Arrange: a single-file binary has no assembly files.
        // Act
        string advice = CaptureGrant.Advice("/opt/wirelens/wirelens", string.Empty, isSingleFile: true, "linux-x64", s_checkoutAtRepo);

        // Assert
        Assert.Equal("run as root, or give this binary cap_net_raw,cap_net_admin (as root): setcap cap_net_raw,cap_net_admin=eip /opt/wirelens/wirelens", advice);
    }

    [Fact]
    public void Advice_AppHostOfAPublishFolder_SetcapOnTheAppHost()
    {
        // Act
        string advice = CaptureGrant.Advice("/srv/wl/wirelens", "/srv/wl/wirelens.dll", isSingleFile: false, "linux-x64", s_checkoutAtRepo);

        // Assert
        Assert.EndsWith(": setcap cap_net_raw,cap_net_admin=eip /srv/wl/wirelens", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Advice_SingleFileBinaryNamedDotnet_StillThatBinary()
    {
        // Act
        string advice = CaptureGrant.Advice("/opt/x/dotnet", string.Empty, isSingleFile: true, "linux-x64", s_noFile);

        // Assert
        Assert.EndsWith(": setcap cap_net_raw,cap_net_admin=eip /opt/x/dotnet", advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/repo/artifacts/cli/wirelens.dll")]
    [InlineData("/repo/src/WireLens.Cli/bin/Release/net10.0/wirelens.dll")]
    [InlineData("/repo/tests/WireLens.EndToEnd.Tests/bin/Release/net10.0/wirelens.dll")]
    public void Advice_UnderTheMuxerInACheckout_PublishThenSetcapWithAbsolutePaths(string entry)
    {
        // Act
        string advice = CaptureGrant.Advice("/usr/share/dotnet/dotnet", entry, isSingleFile: false, "linux-x64", s_checkoutAtRepo);

        // Assert: one line, the publish of that checkout, then setcap on what it publishes.
        Assert.Equal(
            "run as root, or publish a single-file binary and give it cap_net_raw,cap_net_admin (dotnet wirelens.dll cannot hold them; as root): "
            + $"dotnet publish /repo/src/WireLens.Cli/WireLens.Cli.csproj {Publish} -o /repo/artifacts/single-file"
            + " && setcap cap_net_raw,cap_net_admin=eip /repo/artifacts/single-file/wirelens",
            advice);
    }

    [Fact]
    public void Advice_UnderTheMuxerOutsideACheckout_RelativePathsFromACheckout()
    {
        // Act
        string advice = CaptureGrant.Advice("/usr/bin/dotnet", "/opt/wl/wirelens.dll", isSingleFile: false, "linux-arm64", s_noFile);

        // Assert
        Assert.EndsWith(
            "(dotnet wirelens.dll cannot hold them; in a WireLens checkout, as root): "
            + "dotnet publish src/WireLens.Cli/WireLens.Cli.csproj -c Release -r linux-arm64 -p:PublishSingleFile=true --self-contained false"
            + " -o artifacts/single-file && setcap cap_net_raw,cap_net_admin=eip artifacts/single-file/wirelens",
            advice);
    }

    [Fact]
    public void Advice_NoProcessPath_ThePublishAdvice()
    {
        // Act
        string advice = CaptureGrant.Advice(null, null, isSingleFile: false, "linux-x64", s_noFile);

        // Assert
        Assert.Contains("dotnet publish src/WireLens.Cli/WireLens.Cli.csproj", advice, StringComparison.Ordinal);
        Assert.EndsWith("setcap cap_net_raw,cap_net_admin=eip artifacts/single-file/wirelens", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Advice_PathWithASpace_QuotedForTheShell()
    {
        // Act
        string advice = CaptureGrant.Advice("/home/me/my tools/wirelens", string.Empty, isSingleFile: true, "linux-x64", s_noFile);

        // Assert
        Assert.EndsWith(": setcap cap_net_raw,cap_net_admin=eip '/home/me/my tools/wirelens'", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void NotPermittedMessage_ThisProcess_NamesTheInterfaceAndSetcap()
    {
        // Act: the test host runs under dotnet (or as its own app host).
        string message = CaptureDevices.NotPermittedMessage("lo");

        // Assert
        Assert.StartsWith("not permitted to capture on lo: run as root, or ", message, StringComparison.Ordinal);
        Assert.Contains("setcap cap_net_raw,cap_net_admin=eip /", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }
}
