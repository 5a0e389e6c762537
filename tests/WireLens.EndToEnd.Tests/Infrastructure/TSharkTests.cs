using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

public class TSharkTests
{
    [Fact]
    public void Version_InstalledTshark_IsAtLeastFour()
    {
        Require.Tool("tshark", "tshark");

        Version version = TShark.Version();

        Assert.True(version.Major >= 4, version.ToString());
    }

    [Fact]
    public void PinnedPreferences_Tshark4_KeepsAllTcpAndTlsSettings()
    {
        Require.Tool("tshark", "tshark");

        IReadOnlyList<string> preferences = TShark.PinnedPreferences;

        Assert.Contains("tcp.analyze_sequence_numbers:TRUE", preferences);
        Assert.Contains("tcp.check_checksum:FALSE", preferences);
        Assert.Contains("tcp.no_subdissector_on_error:FALSE", preferences);
        Assert.Contains("tcp.desegment_tcp_streams:TRUE", preferences);
        Assert.Contains("tls.desegment_ssl_records:TRUE", preferences);
        Assert.Contains("tls.desegment_ssl_application_data:TRUE", preferences);
        Assert.Equal(8, preferences.Count);
    }

    [Fact]
    public async Task Fields_RepeatedAndMissingFields_JoinsWithCommaAndLeavesEmpty()
    {
        // Arrange
        Require.Root();
        await using NginxServer nginx = await NginxServer.StartAsync();
        string dir = TestPaths.NewTempDirectory("wl-tshark-test");
        string file = Path.Combine(dir, "one.pcap");
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync("lo", $"tcp port {nginx.Port}", file))
        {
            Curl.AssertOk(Curl.Get(nginx.BaseUrl + "/"), "hello\n");
            await capture.StopAsync();
        }

        // Act: the SYN carries several TCP options; it has no HTTP.
        IReadOnlyList<string[]> rows = TShark.Fields(
            file,
            ["frame.number", "tcp.option_kind", "http.request.method"],
            new TsharkOptions { DisplayFilter = "tcp.flags.syn==1 && tcp.flags.ack==0" });

        // Assert
        Directory.Delete(dir, recursive: true);
        string[] syn = Assert.Single(rows);
        Assert.Equal(3, syn.Length);
        Assert.Equal("1", syn[0]);
        Assert.Contains(',', syn[1]);
        Assert.Contains("2", syn[1].Split(','));
        Assert.Equal(string.Empty, syn[2]);
    }
}
