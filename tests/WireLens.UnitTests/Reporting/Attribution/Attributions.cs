using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Runs;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Reporting.Attribution;

/// <summary>Runs, manifests and connections for the attribution tests; times in seconds after <see cref="ConnectionRecords.Base"/>.</summary>
internal static class Attributions
{
    public static Timestamp At(double seconds) => ConnectionRecords.At((long)Math.Round(seconds * 1_000_000_000));

    public static RunEntry Run(string label, string tool, double start, double stop, string? target = null) =>
        new(label, tool, null, [], target, null, At(start), At(stop), null);

    public static RunManifest Manifest(params RunEntry[] runs) => new(RunManifest.CurrentVersion, null, runs);

    /// <summary>A cleartext connection to 10.0.0.2:80 opened (first SYN) at <paramref name="openAt"/>.</summary>
    public static ConnectionRecord Connection(double openAt, string? userAgent = null, string? ja4 = null, ushort port = 80,
        string server = "10.0.0.2", ushort clientPort = 50000) =>
        Opened(ConnectionRecords.Full() with
        {
            ServerIp = IpAddress.FromIPAddress(IPAddress.Parse(server)),
            ServerPort = port,
            ClientPort = clientPort,
            UserAgent = userAgent,
            Tls = ja4 is null ? null : ConnectionRecords.TlsFull() with { Ja4 = ja4 },
        }, At(openAt));

    public static ConnectionRecord Opened(ConnectionRecord record, Timestamp open) =>
        record with { SynTime = open, FirstTime = open, LastTime = new Timestamp(open.UnixNanoseconds + 5_000_000_000) };

    /// <summary>A process lookup that answers by client port.</summary>
    public sealed class ProcessesByPort(Dictionary<ushort, string> tools) : IProcessLookup
    {
        public int Calls { get; private set; }

        public string? ToolOf(ConnectionRecord record)
        {
            Calls++;
            return tools.GetValueOrDefault(record.ClientPort);
        }
    }
}
