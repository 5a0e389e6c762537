using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Scenarios;

/// <summary>
/// Runs a load against a fresh nginx on loopback while tcpdump captures the server port, and returns the capture.
/// Every load given here is bounded in count and time by its caller.
/// </summary>
public static class LoopbackLoad
{
    public static async Task<(string Capture, int Port)> CaptureAsync(
        Func<NginxServer, Task> load,
        NginxOptions? nginx = null,
        string iface = "lo",
        string? linkType = null,
        string? netns = null,
        int snaplen = 262144)
    {
        Require.Root();
        Require.Tool("nginx", "nginx-light");
        await using NginxServer server = await NginxServer.StartAsync((nginx ?? new NginxOptions()) with { NetworkNamespace = netns ?? nginx?.NetworkNamespace });
        string capture = await ScenarioCapture.CaptureAsync(iface, $"tcp port {server.Port}", () => load(server), netns, linkType, snaplen: snaplen);
        return (capture, server.Port);
    }

    /// <summary>Runs a tool and fails the test with its output when it does not exit 0.</summary>
    public static ProcessResult Tool(string tool, string debianPackage, IEnumerable<string> args, TimeSpan? timeout = null, string? netns = null)
    {
        string path = Require.Tool(tool, debianPackage);
        ProcessResult result = netns is null
            ? ProcessRunner.Run(path, args, timeout ?? TimeSpan.FromSeconds(60))
            : NetNamespacePair.Exec(netns, path, args, timeout ?? TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0 && !result.TimedOut, result.Describe(tool));
        return result;
    }
}
