using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Infrastructure;

/// <summary>curl as the client in infrastructure tests: one call, one connection, status and body returned.</summary>
internal static class Curl
{
    public static ProcessResult Get(string url, params string[] extraArgs) =>
        ProcessRunner.Run(
            Require.Tool("curl", "curl"),
            ["-sS", "--max-time", "20", "-D", "-", .. extraArgs, url],
            TimeSpan.FromSeconds(30));

    public static void AssertOk(ProcessResult result, string expectedBody)
    {
        Assert.True(result.Succeeded, result.Describe("curl"));
        Assert.Contains(" 200", result.StdOut.Split('\n')[0], StringComparison.Ordinal);
        Assert.EndsWith(expectedBody, result.StdOut, StringComparison.Ordinal);
    }
}
