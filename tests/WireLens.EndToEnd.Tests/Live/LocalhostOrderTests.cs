using WireLens.EndToEnd.Tests.Reports;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Live;

/// <summary>
/// The embedded target listens on 127.0.0.1 and its HTTPS is addressed as https://localhost (for TLS resumption by
/// server name). On machines whose /etc/hosts lists "::1 localhost" first, a client that follows the resolver's order
/// starts every connection with a refused attempt on ::1; the built-in generator tries 127.0.0.1 first for localhost,
/// so the capture holds no such attempt. Checked in a private mount namespace with such a hosts file.
/// </summary>
public class LocalhostOrderTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TlsResumedRun_ResolverListsIpv6First_NoRefusedIpv6Attempts()
    {
        // Arrange: a hosts file naming ::1 first, bind-mounted over /etc/hosts in a private mount namespace.
        Require.Root();
        string unshare = Require.Tool("unshare", "util-linux");
        Require.Tool("tshark", "tshark");
        string root = TestPaths.NewTempDirectory("wl-localhost");
        try
        {
            string hosts = Path.Combine(root, "hosts");
            File.WriteAllText(hosts, "::1 localhost\n127.0.0.1 localhost\n");
            string outDir = Path.Combine(root, "out");
            Directory.CreateDirectory(outDir);
            string mount = $"mount --bind '{hosts}' /etc/hosts";

            // The set-up shows what it is for: in the namespace the resolver gives ::1 first.
            ProcessResult resolved = await ProcessRunner.RunAsync(unshare, ["-m", "sh", "-c", mount + " && getent ahosts localhost"], s_limit);
            Assert.True(resolved.ExitCode == 0, resolved.StdErr);
            Assert.StartsWith("::1", resolved.StdOut, StringComparison.Ordinal);

            // Act
            (string file, List<string> args) = LiveCli.Command(
                "run", "--profile", "tls-resumed", "-c", "2", "-n", "20", "--out", outDir, "--csv", Path.Combine(root, "csv"));
            ProcessResult result = await ProcessRunner.RunAsync(unshare, ["-m", "sh", "-c", mount + " && exec \"$@\"", "sh", file, .. args], s_limit);

            // Assert: tshark sees the 20 connections over IPv4 and not one IPv6 packet; the report agrees.
            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.StdErr}");
            string capture = Path.Combine(LiveCli.RunFolder(outDir), "capture.pcap");
            Assert.Equal(20, TShark.Count(capture, "tcp.flags.syn == 1 && tcp.flags.ack == 0 && ip"));
            Assert.Equal(0, TShark.Count(capture, "ipv6"));
            ReportRow row = Assert.Single(ReportRow.ReadAll(Path.Combine(root, "csv", "tools.csv")));
            Assert.Equal(20, row.Count("connections"));
            Assert.Equal(0, row.Count("refused"));
            Assert.InRange(row.Count("tls_resumed"), 15, 19);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
