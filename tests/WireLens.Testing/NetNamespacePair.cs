using System.Globalization;
using System.Security.Cryptography;

namespace WireLens.Testing;

/// <summary>
/// Two network namespaces, client `wl-c-XXXXXX` (10.231.K.1/30) and server `wl-s-XXXXXX` (10.231.K.2/30), joined by a
/// veth pair, with `lo` up in both. The addresses exist only inside these namespaces, never on the host. Unlike
/// loopback, the link can lose packets (<see cref="DropInbound"/>) and has a real MTU. Disposing deletes both
/// namespaces, which also removes the veth pair.
/// </summary>
public sealed class NetNamespacePair : IAsyncDisposable
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(30);

    private readonly string _ip;
    private bool _disposed;

    private NetNamespacePair(string ip, string suffix, int subnet)
    {
        _ip = ip;
        ClientNamespace = "wl-c-" + suffix;
        ServerNamespace = "wl-s-" + suffix;
        ClientInterface = "wlc-" + suffix;
        ServerInterface = "wls-" + suffix;
        ClientAddress = string.Create(CultureInfo.InvariantCulture, $"10.231.{subnet}.1");
        ServerAddress = string.Create(CultureInfo.InvariantCulture, $"10.231.{subnet}.2");
    }

    public string ClientNamespace { get; }

    public string ServerNamespace { get; }

    /// <summary>The veth end inside the client namespace (capture there with <see cref="LoopbackCapture"/>).</summary>
    public string ClientInterface { get; }

    /// <summary>The veth end inside the server namespace.</summary>
    public string ServerInterface { get; }

    public string ClientAddress { get; }

    public string ServerAddress { get; }

    /// <summary>Creates the namespaces and the link; <paramref name="mtu"/> sets the veth MTU on both ends.</summary>
    /// <param name="mtu">The veth MTU (default 1500).</param>
    /// <param name="segmentOffload">
    /// False (default) sets gso_max_segs 1, so the stack hands the veth one MSS per segment, as on a wire: a capture
    /// shows real segment sizes and a dropped segment costs one MSS, not a 64 KB super-segment.
    /// </param>
    public static Task<NetNamespacePair> CreateAsync(int? mtu = null, bool segmentOffload = false)
    {
        Require.Root();
        string ip = Require.Tool("ip", "iproute2");
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var pair = new NetNamespacePair(ip, suffix, RandomNumberGenerator.GetInt32(256));
        try
        {
            pair.Ip("netns", "add", pair.ClientNamespace);
            pair.Ip("netns", "add", pair.ServerNamespace);

            // Create both ends directly inside their namespaces, so nothing is ever left on the host.
            pair.Ip(
                "link", "add", pair.ClientInterface, "netns", pair.ClientNamespace, "type", "veth",
                "peer", "name", pair.ServerInterface, "netns", pair.ServerNamespace);
            pair.Configure(pair.ClientNamespace, pair.ClientInterface, pair.ClientAddress, mtu, segmentOffload);
            pair.Configure(pair.ServerNamespace, pair.ServerInterface, pair.ServerAddress, mtu, segmentOffload);
        }
        catch
        {
            pair.DeleteNamespaces();
            throw;
        }

        return Task.FromResult(pair);
    }

    /// <summary>
    /// Drops <paramref name="percent"/> % of the TCP segments arriving at the server for <paramref name="tcpPort"/>
    /// (nftables `numgen random`), so uploads see real retransmissions and downloads lose ACKs.
    /// </summary>
    public void DropInbound(int percent, int tcpPort) => Drop(ServerNamespace, "dport", percent, tcpPort);

    /// <summary>Drops <paramref name="percent"/> % of the segments from server port <paramref name="tcpPort"/> arriving at the client (lossy downloads).</summary>
    public void DropInboundAtClient(int percent, int tcpPort) => Drop(ClientNamespace, "sport", percent, tcpPort);

    /// <summary>Runs <paramref name="file"/> inside namespace <paramref name="netns"/> to completion.</summary>
    public static ProcessResult Exec(string netns, string file, params string[] args) =>
        Exec(netns, file, args, TimeSpan.FromSeconds(60));

    /// <summary>Runs <paramref name="file"/> inside namespace <paramref name="netns"/>, at most <paramref name="timeout"/>.</summary>
    public static ProcessResult Exec(string netns, string file, IEnumerable<string> args, TimeSpan timeout, string? stdin = null) =>
        ProcessRunner.Run(Require.Tool("ip", "iproute2"), ["netns", "exec", netns, file, .. args], timeout, stdin);

    /// <summary>Starts <paramref name="file"/> inside namespace <paramref name="netns"/> and returns at once.</summary>
    public static RunningProcess Start(string netns, string file, IEnumerable<string> args) =>
        ProcessRunner.Start(Require.Tool("ip", "iproute2"), ["netns", "exec", netns, file, .. args]);

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            DeleteNamespaces();
        }

        return ValueTask.CompletedTask;
    }

    private static void Drop(string netns, string portMatch, int percent, int tcpPort)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        string nft = Require.Tool("nft", "nftables");

        // A script is additive like `nft add`: a second call adds a rule to the same chain.
        string script = string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            table inet wl {
                chain input {
                    type filter hook input priority 0; policy accept;
                    tcp {{portMatch}} {{tcpPort}} numgen random mod 100 < {{percent}} drop
                }
            }
            """);
        ProcessResult result = Exec(netns, nft, ["-f", "-"], s_commandTimeout, script + "\n");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe("nft in " + netns));
        }
    }

    private void Configure(string netns, string iface, string address, int? mtu, bool segmentOffload)
    {
        Ip("-n", netns, "link", "set", "lo", "up");
        Ip("-n", netns, "addr", "add", address + "/30", "dev", iface);
        if (mtu is int value)
        {
            Ip("-n", netns, "link", "set", iface, "mtu", value.ToString(CultureInfo.InvariantCulture));
        }

        if (!segmentOffload)
        {
            Ip("-n", netns, "link", "set", iface, "gso_max_segs", "1");
        }

        Ip("-n", netns, "link", "set", iface, "up");
    }

    private void Ip(params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(_ip, args, s_commandTimeout);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Describe("ip " + string.Join(' ', args)));
        }
    }

    private void DeleteNamespaces()
    {
        foreach (string netns in new[] { ClientNamespace, ServerNamespace })
        {
            // Errors are ignored: a namespace that was never created is fine.
            ProcessRunner.Run(_ip, ["netns", "delete", netns], s_commandTimeout);
        }
    }
}
