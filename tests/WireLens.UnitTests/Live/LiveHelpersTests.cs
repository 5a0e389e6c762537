using WireLens.Capture.Live;
using WireLens.Cli.Live;
using WireLens.Reporting.Runs;
using WireLens.Testing;

namespace WireLens.UnitTests.Live;

public class LiveHelpersTests
{
    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("1024 65535", 1024, 65535)]
    public void PortRanges_TryParse_ReadsTheKernelsFormat(string text, int low, int high)
    {
        Assert.True(PortRanges.TryParse(text, out PortRange range));
        Assert.Equal(new PortRange(low, high), range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("60999 32768")]
    [InlineData("0 100")]
    [InlineData("1 70000")]
    [InlineData("a b")]
    public void PortRanges_TryParse_RefusesNonsense(string text) => Assert.False(PortRanges.TryParse(text, out _));

    [Fact]
    public void PortRanges_Local_ReadsThisHost()
    {
        PortRange? range = PortRanges.Local();

        Assert.NotNull(range);
        Assert.True(range.Value.Low <= range.Value.High);
    }

    [Theory]
    [InlineData(0L, 5u, 5L)]
    [InlineData(5L, 5u, 5L)]
    [InlineData(4_294_967_290L, 3u, 4_294_967_299L)]
    [InlineData(4_294_967_299L, 10u, 4_294_967_306L)]
    public void Unwrap_CountsPastThe32BitWrap(long previous, uint low, long expected) =>
        Assert.Equal(expected, LiveCapture.Unwrap(previous, low));

    [Theory]
    [InlineData("wrk", "wrk")]
    [InlineData("builtin:keepalive", "builtin-keepalive")]
    [InlineData("../../etc", "-..-etc")]
    [InlineData("", "run")]
    [InlineData("a b/c\\d", "a-b-c-d")]
    public void RunFolders_SafeName_KeepsFolderNamesInside(string label, string expected) =>
        Assert.Equal(expected, RunFolders.SafeName(label));

    [Fact]
    public void RunFolders_Create_TwoRunsInOneSecondGetTwoFolders()
    {
        string root = TestPaths.NewTempDirectory();
        try
        {
            var now = new DateTime(2026, 11, 29, 1, 2, 3, DateTimeKind.Utc);
            string first = RunFolders.Create(root, "builtin:keepalive", now);
            string second = RunFolders.Create(root, "builtin:keepalive", now);

            Assert.Equal(Path.Combine(root, "20261129-010203-builtin-keepalive"), first);
            Assert.Equal(first + "-2", second);
            Assert.True(Directory.Exists(second));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "tls-full", false, "https")]
    [InlineData(null, "tls-resumed", false, "https")]
    [InlineData(null, "h2", false, "https")]
    [InlineData(null, null, true, "h2c")]
    [InlineData(null, "keepalive", false, "http")]
    [InlineData("https", null, false, "https")]
    public void LoadTargets_EmbeddedScheme(string? scheme, string? profile, bool http2, string expected) =>
        Assert.Equal(expected, LoadTargets.EmbeddedScheme(scheme, profile, http2));

    [Theory]
    [InlineData("http://127.0.0.1:8080/", true, "lo", "tcp port 8080")]
    [InlineData("http://localhost/", true, "lo", "tcp port 80")]
    [InlineData("https://[::1]/x", true, "lo", "tcp port 443")]
    [InlineData("https://192.0.2.7:8443/", false, "any", "tcp port 8443")]
    public void LoadTargets_CaptureDefaults(string url, bool loopback, string iface, string filter)
    {
        var uri = new Uri(url);

        Assert.Equal(loopback, LoadTargets.IsLoopback(uri));
        Assert.Equal(iface, LoadTargets.DefaultInterface(uri));
        Assert.Equal(filter, LoadTargets.DefaultFilter(uri));
    }

    [Theory]
    [InlineData("ftp://x/")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("not a url")]
    public void LoadTargets_TryParse_RefusesNonHttp(string text)
    {
        Assert.Null(LoadTargets.TryParse(text, out string problem));
        Assert.StartsWith("--target must be an http:// or https:// URL", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadTargets_Unreachable_ClosedPortSaysSo()
    {
        int port = FreePort.Get();

        string? problem = LoadTargets.Unreachable(new Uri($"http://127.0.0.1:{port}/"));

        Assert.NotNull(problem);
        Assert.StartsWith($"target unreachable: http://127.0.0.1:{port}: ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }
}
