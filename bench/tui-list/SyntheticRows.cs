using WireLens.Analysis.Connections;
using WireLens.Reporting.Inspection;
using WireLens.Wire;
using WireLens.Wire.Ip;

namespace WireLens.Bench.TuiList;

/// <summary>
/// Many connection rows made from a real capture's rows: each synthetic row copies a seed row (group, tool, server,
/// protocol) and gets a new stream number, a client address and ephemeral port, a start time on a load test's
/// arrival curve, and a spread of durations, RTTs, request counts, close kinds and TLS facts, so that every sort and
/// filter has real work to do. Deterministic for a given seed value.
/// </summary>
internal static class SyntheticRows
{
    private const int FirstEphemeralPort = 32768;
    private const int EphemeralPorts = 60999 - FirstEphemeralPort + 1;

    private static readonly string[] s_sniNames =
    [
        "api.example.test", "www.example.test", "cdn-1.example.test", "cdn-2.example.test", "cdn-3.example.test",
        "auth.example.test", "img.example.test", "static.example.test", "search.example.test", "ws.example.test",
        "billing.example.test", "metrics.example.test",
    ];

    /// <summary>
    /// <paramref name="count"/> rows in release order (by last packet, as the analysis releases them), streams numbered
    /// in start order as tshark numbers them.
    /// </summary>
    public static ConnectionSummary[] Make(ConnectionRows seed, Timestamp origin, int count, int randomSeed)
    {
        if (seed.Count == 0)
        {
            throw new InvalidOperationException("the seed capture has no connections");
        }

        var random = new Random(randomSeed);
        var rows = new ConnectionSummary[count];
        var lastTimes = new long[count];
        var nextPort = new int[51];
        IpAddress local = seed[0].ClientIp;
        double startMs = 0;
        long frame = 1;
        for (int i = 0; i < count; i++)
        {
            ref readonly ConnectionSummary s = ref seed[i % seed.Count];

            // Arrivals: about 2,000 new connections a second (exponential gaps), as ab or wrk without keep-alive make.
            startMs += -Math.Log(1 - random.NextDouble()) * 0.5;

            // 70% from the seed's client (loopback), 30% from 50 other load generators.
            int client = random.NextDouble() < 0.7 ? 0 : 1 + random.Next(50);
            IpAddress clientIp = client == 0 ? local : IpAddress.FromIPv4([10, 0, (byte)(client / 8), (byte)(10 + (client % 8))]);
            ushort clientPort = (ushort)(FirstEphemeralPort + (nextPort[client]++ % EphemeralPorts));

            CloseKind close = PickClose(random, s.Close);
            bool refused = close == CloseKind.Refused;
            bool tls = !refused && random.NextDouble() < 0.25;
            bool keepAlive = !refused && random.NextDouble() < 0.05;

            // RTT: the seed's loopback RTT times a log-normal factor; 10% of rows far away (1-80 ms).
            float baseRtt = float.IsNaN(s.HandshakeRttMs) ? 0.05f : s.HandshakeRttMs;
            float rtt = refused ? float.NaN
                : random.NextDouble() < 0.1 ? (float)(1 + (random.NextDouble() * 79))
                : (float)(baseRtt * LogNormal(random, 0.6));

            int requests = refused ? 0
                : keepAlive ? 2 + random.Next(199)
                : random.NextDouble() < 0.03 ? -1
                : Math.Max(0, s.Requests);
            double baseDuration = Math.Max(0.05, s.DurationMs);
            double durationMs = refused ? baseDuration * 0.01 * LogNormal(random, 0.3)
                : keepAlive ? requests * (0.2 + (random.NextDouble() * 5))
                : baseDuration * LogNormal(random, 0.8) * (random.NextDouble() < 0.02 ? 10 + random.Next(990) : 1);
            if (!float.IsNaN(rtt))
            {
                durationMs += rtt * 2;
            }

            long firstNs = origin.UnixNanoseconds + (long)(startMs * 1_000_000);
            long lastNs = firstNs + (long)(durationMs * 1_000_000);
            long frames = refused ? 2 : Math.Max(4, s.LastFrame - s.FirstFrame + 1) + (keepAlive ? requests * 4L : 0);
            int synRetransmits = random.NextDouble() < 0.01 ? 1 + random.Next(3) : 0;
            int retransmissions = synRetransmits + (random.NextDouble() < 0.03 ? 1 + random.Next(20) : 0);

            rows[i] = s with
            {
                Stream = i,
                Capture = 0,
                ClientIp = clientIp,
                ClientPort = clientPort,
                FirstTime = new Timestamp(firstNs),
                LastTime = new Timestamp(lastNs),
                FirstFrame = frame,
                LastFrame = frame + frames - 1,
                HandshakeRttMs = rtt,
                Requests = requests,
                RequestsEstimated = tls,
                Close = close,
                CloseInitiator = close switch
                {
                    CloseKind.ClientFin or CloseKind.ClientRst => Side.Client,
                    CloseKind.ServerFin or CloseKind.ServerRst => Side.Server,
                    CloseKind.Simultaneous => Side.Both,
                    _ => Side.None,
                },
                TimeWaitSide = close switch
                {
                    CloseKind.ClientFin => Side.Client,
                    CloseKind.ServerFin => Side.Server,
                    CloseKind.Simultaneous => Side.Both,
                    _ => Side.None,
                },
                SynRetransmits = synRetransmits,
                Retransmissions = retransmissions,
                Http = refused || tls ? HttpProtocolKind.None : s.Http,
                IsTls = tls,
                TlsVersion = tls ? (random.NextDouble() < 0.8 ? (ushort)0x0304 : (ushort)0x0303) : (ushort)0,
                TlsResumed = tls ? random.NextDouble() < 0.4 : null,
                ClientHelloToServerHelloMs = tls ? (float)((float.IsNaN(rtt) ? 0.1 : rtt) + (random.NextDouble() * 3)) : float.NaN,
                Sni = tls ? s_sniNames[random.Next(s_sniNames.Length)] : null,
                Alpn = tls ? (random.NextDouble() < 0.6 ? "h2" : "http/1.1") : null,
            };
            lastTimes[i] = lastNs;
            frame += Math.Max(1, frames / 4); // connections overlap, so their frames interleave
        }

        // The analysis releases a connection when it ends: rows arrive ordered by last packet, not by stream.
        Array.Sort(lastTimes, rows);
        return rows;
    }

    private static CloseKind PickClose(Random random, CloseKind seed)
    {
        double p = random.NextDouble();
        return p switch
        {
            < 0.80 => seed,
            < 0.88 => seed == CloseKind.ClientFin ? CloseKind.ServerFin : CloseKind.ClientFin,
            < 0.93 => CloseKind.ServerRst,
            < 0.96 => CloseKind.ClientRst,
            < 0.98 => CloseKind.Refused,
            < 0.99 => CloseKind.Open,
            _ => CloseKind.Simultaneous,
        };
    }

    /// <summary>exp(N(0, sigma²)): a factor around 1 with a long upper tail.</summary>
    private static double LogNormal(Random random, double sigma)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(sigma * normal);
    }
}
