using System.Net;
using WireLens.Load.Processes;
using WireLens.Reporting.Runs;
using WireLens.Testing;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Live;

public class ProcSocketScannerTests
{
    // Lines as Linux 6.1 writes them (cat /proc/net/tcp on this machine while curl held a connection to :8080).
    private const string Header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    private const string Ipv4Established = "   3: 0100007F:A8C2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 48213 1 0000000000000000 20 4 30 10 -1";
    private const string Ipv4Listen = "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 40123 1 0000000000000000 100 0 0 10 0";
    private const string Ipv6Loopback = "   1: 00000000000000000000000001000000:A8C4 00000000000000000000000001000000:1F90 01 00000000:00000000 00:00000000 00000000     0        0 48299 1 0000000000000000 20 4 30 10 -1";
    private const string Ipv4Mapped = "   2: 0000000000000000FFFF00000100007F:A8C6 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 48300 1 0000000000000000 20 4 30 10 -1";

    [Fact]
    public void TryParseLine_Ipv4_ReadsLittleEndianWordsAndHexPorts()
    {
        Assert.True(ProcSocketScanner.TryParseLine(Ipv4Established, ipv6: false, out IpAddress local, out ushort localPort, out IpAddress remote, out ushort remotePort, out long inode));

        Assert.Equal(IPAddress.Loopback, local.ToIPAddress());
        Assert.Equal(43202, localPort);
        Assert.Equal(IPAddress.Loopback, remote.ToIPAddress());
        Assert.Equal(8080, remotePort);
        Assert.Equal(48213, inode);
    }

    [Fact]
    public void TryParseLine_Ipv6_ReadsFourWords()
    {
        Assert.True(ProcSocketScanner.TryParseLine(Ipv6Loopback, ipv6: true, out IpAddress local, out ushort localPort, out _, out ushort remotePort, out long inode));

        Assert.Equal(IPAddress.IPv6Loopback, local.ToIPAddress());
        Assert.Equal(43204, localPort);
        Assert.Equal(8080, remotePort);
        Assert.Equal(48299, inode);
    }

    [Fact]
    public void TryParseLine_Ipv4MappedIpv6_IsReportedAsIpv4LikeTheWire()
    {
        Assert.True(ProcSocketScanner.TryParseLine(Ipv4Mapped, ipv6: true, out IpAddress local, out _, out IpAddress remote, out _, out _));

        Assert.Equal(4, local.Version);
        Assert.Equal(IPAddress.Loopback, remote.ToIPAddress());
    }

    [Theory]
    [InlineData(Header)]
    [InlineData("")]
    [InlineData("   3: 0100007F:A8C2")]
    [InlineData("   3: 0100007G:A8C2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 48213")]
    [InlineData("   3: 0100007F:A8C2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 x")]
    public void TryParseLine_HeaderOrGarbage_IsFalse(string line) =>
        Assert.False(ProcSocketScanner.TryParseLine(line, ipv6: false, out _, out _, out _, out _, out _));

    [Fact]
    public void TryParseLine_Ipv4LineReadAsIpv6_IsFalse() =>
        Assert.False(ProcSocketScanner.TryParseLine(Ipv4Established, ipv6: true, out _, out _, out _, out _, out _));

    [Theory]
    [InlineData("curl", new string[] { "curl", "-s", "http://x/" }, "curl")]
    [InlineData("wrk", new string[] { "wrk", "-c", "4" }, "wrk")]
    [InlineData("Python3", new string[] { "python3", "x.py" }, "python3")]
    [InlineData("wirelens", new string[] { "/opt/wirelens/wirelens", "load", "--target", "http://x/" }, "builtin")]
    [InlineData("dotnet", new string[] { "dotnet", "/opt/wirelens/wirelens.dll", "load", "--target", "http://x/" }, "builtin")]
    [InlineData("wirelens", new string[] { "/opt/wirelens/wirelens", "target" }, "wirelens")]
    [InlineData("nginx: worker", new string[] { "nginx: worker process" }, "nginxworker")]
    [InlineData("!!!", new string[0], null)]
    public void ToolName_IsCommLowercasedOrBuiltinForTheGenerator(string comm, string[] cmdline, string? expected) =>
        Assert.Equal(expected, ProcSocketScanner.ToolName(comm, cmdline));

    [Fact]
    public void Poll_FakeProc_RecordsOwnedSocketsWithFirstAndLastSeen()
    {
        // Arrange: a proc tree with one curl process holding socket inode 48213, and a listening socket nobody counts.
        string proc = TestPaths.NewTempDirectory("wirelens-proc");
        try
        {
            Directory.CreateDirectory(Path.Combine(proc, "net"));
            File.WriteAllLines(Path.Combine(proc, "net", "tcp"), [Header, Ipv4Listen, Ipv4Established]);
            File.WriteAllLines(Path.Combine(proc, "net", "tcp6"), [Header]);
            string fd = Path.Combine(proc, "4242", "fd");
            Directory.CreateDirectory(fd);
            File.CreateSymbolicLink(Path.Combine(fd, "3"), "socket:[48213]");
            File.CreateSymbolicLink(Path.Combine(fd, "4"), "/dev/null");
            File.WriteAllText(Path.Combine(proc, "4242", "comm"), "curl\n");
            File.WriteAllText(Path.Combine(proc, "4242", "cmdline"), "curl\0-s\0http://127.0.0.1:8080/\0");
            var scanner = new ProcSocketScanner(proc);

            // Act
            scanner.Poll(new Timestamp(1_000_000_000));
            scanner.Poll(new Timestamp(1_100_000_000));

            // Assert
            SocketOwner owner = Assert.Single(scanner.Owners());
            Assert.Equal("curl", owner.Tool);
            Assert.Equal(4242, owner.Pid);
            Assert.Equal(43202, owner.LocalPort);
            Assert.Equal(8080, owner.RemotePort);
            Assert.Equal(new Timestamp(1_000_000_000), owner.FirstSeen);
            Assert.Equal(new Timestamp(1_100_000_000), owner.LastSeen);
            Assert.Equal(2, scanner.Polls);
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }

    [Fact]
    public void Poll_PastTheLimit_CountsOverflowInsteadOfKeeping()
    {
        string proc = TestPaths.NewTempDirectory("wirelens-proc");
        try
        {
            Directory.CreateDirectory(Path.Combine(proc, "net"));
            File.WriteAllLines(Path.Combine(proc, "net", "tcp"), [Header, Ipv4Established, Ipv4Established.Replace("A8C2", "A8C3", StringComparison.Ordinal).Replace("48213", "48214", StringComparison.Ordinal)]);
            string fd = Path.Combine(proc, "7", "fd");
            Directory.CreateDirectory(fd);
            File.CreateSymbolicLink(Path.Combine(fd, "3"), "socket:[48213]");
            File.CreateSymbolicLink(Path.Combine(fd, "4"), "socket:[48214]");
            File.WriteAllText(Path.Combine(proc, "7", "comm"), "wrk\n");
            var scanner = new ProcSocketScanner(proc, limit: 1);

            scanner.Poll(new Timestamp(1));

            Assert.Single(scanner.Owners());
            Assert.Equal(1, scanner.Overflow);
        }
        finally
        {
            Directory.Delete(proc, recursive: true);
        }
    }
}
