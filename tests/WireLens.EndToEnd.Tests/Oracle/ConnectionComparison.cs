using System.Globalization;
using WireLens.Analysis.Connections;

namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>Compares WireLens's connection records with tshark's view of each stream, field by field.</summary>
public static class ConnectionComparison
{
    /// <summary>Every disagreement, one line each ("stream 3: retransmissions wirelens=2 tshark=1").</summary>
    public static List<string> Compare(IReadOnlyList<ConnectionRecord> records, IReadOnlyDictionary<long, OracleConnection> oracle, bool compareHttp = true)
    {
        var problems = new List<string>();
        var byStream = records.ToDictionary(r => r.Stream);
        foreach (long s in oracle.Keys.Except(byStream.Keys).Order().Take(20))
        {
            problems.Add($"stream {s}: tshark has it, wirelens does not");
        }

        foreach (long s in byStream.Keys.Except(oracle.Keys).Order().Take(20))
        {
            problems.Add($"stream {s}: wirelens has it, tshark does not");
        }

        foreach ((long stream, OracleConnection o) in oracle.OrderBy(kv => kv.Key))
        {
            if (!byStream.TryGetValue(stream, out ConnectionRecord? r))
            {
                continue;
            }

            string client = $"{r.ClientIp}:{r.ClientPort.ToString(CultureInfo.InvariantCulture)}";
            string server = $"{r.ServerIp}:{r.ServerPort.ToString(CultureInfo.InvariantCulture)}";
            void Check<T>(string what, T mine, T theirs)
            {
                if (!EqualityComparer<T>.Default.Equals(mine, theirs))
                {
                    problems.Add($"stream {stream}: {what} wirelens={mine} tshark={theirs}");
                }
            }

            if (o.SynSender is not null)
            {
                Check("client (SYN sender)", client, o.SynSender);
            }
            else if (o.SynAckSender is not null)
            {
                Check("server (SYN/ACK sender)", server, o.SynAckSender);
            }

            Check("first_time", r.FirstTime.UnixNanoseconds, o.FirstTimeNs);
            Check("last_time", r.LastTime.UnixNanoseconds, o.LastTimeNs);
            if (o.SynSender == client)
            {
                Check("syn_time", r.SynTime?.UnixNanoseconds, o.FirstSynNs);
            }

            if (o.SynAckSender == server)
            {
                Check("synack_time", r.SynAckTime?.UnixNanoseconds, o.FirstSynAckNs);
            }

            long? rttNs = r.InitialRttMs is { } ms ? (long)Math.Round(ms * 1_000_000) : null;
            long? oracleRttNs = o.InitialRtt is null ? null : TsharkConnectionOracle.ParseEpochNs(o.InitialRtt);
            Check("initial_rtt_ns", rttNs, oracleRttNs);

            Check("first_fin_sender", Sender(r.FirstFinSender, client, server), o.FirstFinSender);
            Check("first_fin_time", r.FirstFinTime?.UnixNanoseconds, o.FirstFinNs);
            Check("first_rst_sender", Sender(r.FirstRstSender, client, server), o.FirstRstSender);
            Check("first_rst_time", r.FirstRstTime?.UnixNanoseconds, o.FirstRstNs);

            Check("client_packets", r.ClientPackets, o.PacketsBySender.GetValueOrDefault(client));
            Check("server_packets", r.ServerPackets, o.PacketsBySender.GetValueOrDefault(server));
            Check("client_bytes", r.ClientBytes, o.BytesBySender.GetValueOrDefault(client));
            Check("server_bytes", r.ServerBytes, o.BytesBySender.GetValueOrDefault(server));

            Check("retransmissions", r.Retransmissions, o.Retransmissions);
            Check("fast_retransmissions", r.FastRetransmissions, o.FastRetransmissions);
            Check("spurious_retransmissions", r.SpuriousRetransmissions, o.SpuriousRetransmissions);
            Check("out_of_order", r.OutOfOrder, o.OutOfOrder);
            Check("duplicate_acks", r.DuplicateAcks, o.DuplicateAcks);
            Check("zero_windows", r.ZeroWindows, o.ZeroWindows);
            Check("keep_alives", r.KeepAlives, o.KeepAlives);
            Check("lost_segments", r.LostSegments, o.LostSegments);
            Check("acked_unseen", r.AckedUnseen, o.AckedUnseen);
            Check("dsack_acks", r.DsackAcks, o.DsackAcks);

            if (compareHttp)
            {
                int oracleRequests = o.H2ClientStreams.Count > 0 ? o.H2ClientStreams.Count : o.HttpRequests;
                Check("http_requests", r.HttpRequests ?? 0, oracleRequests);
            }
        }

        return problems;
    }

    /// <summary>Fails with every disagreement listed (at most 60 lines).</summary>
    public static void AssertAgree(IReadOnlyList<ConnectionRecord> records, IReadOnlyDictionary<long, OracleConnection> oracle, bool compareHttp = true)
    {
        List<string> problems = Compare(records, oracle, compareHttp);
        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} disagreements with tshark over {oracle.Count} streams:\n" + string.Join('\n', problems.Take(60)));
        }
    }

    private static string? Sender(Side side, string client, string server) => side switch
    {
        Side.Client => client,
        Side.Server => server,
        _ => null,
    };
}
