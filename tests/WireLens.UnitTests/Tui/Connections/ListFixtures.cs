using System.Net;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Inspection;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.UnitTests.Tui.Connections;

/// <summary>Synthetic snapshots with a realistic spread of values, for the large-list tests.</summary>
internal static class ListFixtures
{
    public static InspectionSnapshot Synthetic(int count)
    {
        var random = new Random(42);
        var origin = new Timestamp(1_700_000_000_000_000_000);
        string[] groups = ["wrk", "hey", "ab", "curl"];
        var table = new ConnectionTable();
        for (int i = 0; i < count; i++)
        {
            Timestamp start = origin.AddSeconds(i * 0.0005 + random.NextDouble() * 0.01);
            bool tls = i % 3 == 0;
            table.Append(new ConnectionSummary
            {
                Stream = i,
                Capture = 0,
                Group = groups[i % groups.Length],
                Tool = groups[i % groups.Length],
                ClientIp = IpAddress.FromIPAddress(new IPAddress([10, 0, (byte)(i >> 16), (byte)(i >> 8)])),
                ClientPort = (ushort)(1024 + (i % 60000)),
                ServerIp = IpAddress.FromIPAddress(IPAddress.Parse("10.1.0.1")),
                ServerPort = 8080,
                FirstTime = start,
                LastTime = start.AddSeconds(random.NextDouble() * 2),
                FirstFrame = i * 10L + 1,
                LastFrame = i * 10L + 10,
                HandshakeRttMs = (float)(random.NextDouble() * 3),
                Requests = random.Next(1, 100),
                RequestsEstimated = tls,
                Close = (CloseKind)(i % 7),
                CloseInitiator = Side.Client,
                TimeWaitSide = (Side)(i % 4),
                SynRetransmits = i % 97 == 0 ? 1 : 0,
                Retransmissions = i % 13 == 0 ? random.Next(1, 5) : 0,
                Http = tls ? HttpProtocolKind.None : HttpProtocolKind.Http11,
                TlsVersion = tls ? (ushort)0x0304 : (ushort)0,
                IsTls = tls,
                TlsResumed = tls ? i % 2 == 0 : null,
                ClientHelloToServerHelloMs = tls ? (float)(random.NextDouble() * 5) : float.NaN,
                Sni = tls ? "example.test" : null,
                Alpn = tls ? "encrypted" : null,
            });
        }

        return InspectionSnapshot.Starting("synthetic", live: false) with { Connections = table.Snapshot(), Origin = origin, Captures = ["synthetic.pcap"] };
    }
}
