using System.Globalization;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>Reads a capture with tshark and folds its D-SACK and retransmission fields into one <see cref="OracleDsack"/> per stream.</summary>
public static class TsharkDsackOracle
{
    // tcp.seq and the D-SACK edges are both relative to the data sender's initial sequence number (the pinned
    // tcp.relative_sequence_numbers), so they compare directly.
    private static readonly string[] s_fields =
    [
        "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "tcp.seq", "tcp.len", "tcp.analysis.retransmission",
        "tcp.options.sack.dsack_le", "tcp.options.sack.dsack_re",
    ];

    public static IReadOnlyDictionary<long, OracleDsack> Read(string capture)
    {
        var acks = new Dictionary<long, int>();
        var proven = new Dictionary<long, int>();
        var endpoints = new Dictionary<long, List<string>>();
        // (stream, sender) → the sender's retransmitted payload ranges: start, end, proven.
        var retransmitted = new Dictionary<(long, string), List<(long Start, long End, bool Proven)>>();
        foreach (string[] f in TShark.Fields(capture, s_fields, new TsharkOptions { DisplayFilter = "tcp" }))
        {
            long stream = Number(f[0]);
            string sender = $"{(f[1].Length > 0 ? First(f[1]) : First(f[2]))}:{First(f[3])}";
            acks.TryAdd(stream, 0);
            proven.TryAdd(stream, 0);
            List<string> both = endpoints.TryGetValue(stream, out List<string>? seen) ? seen : endpoints[stream] = [];
            if (!both.Contains(sender))
            {
                both.Add(sender);
            }

            long seq = Number(f[4]);
            long len = Number(f[5]);
            if (len > 0 && f[6].Length > 0)
            {
                Ranges(stream, sender).Add((seq, seq + len, false));
            }

            if (f[7].Length == 0)
            {
                continue;
            }

            acks[stream]++;
            long left = Number(f[7]);
            long right = Number(f[8]);
            string? peer = both.FirstOrDefault(e => e != sender);
            List<(long Start, long End, bool Proven)> theirs = peer is null ? [] : Ranges(stream, peer);
            bool any = false;
            for (int i = 0; i < theirs.Count; i++)
            {
                if (!theirs[i].Proven && theirs[i].Start < right && left < theirs[i].End)
                {
                    theirs[i] = theirs[i] with { Proven = true };
                    any = true;
                }
            }

            proven[stream] += any ? 1 : 0;
        }

        return acks.ToDictionary(kv => kv.Key, kv => new OracleDsack(kv.Value, proven[kv.Key]));

        List<(long Start, long End, bool Proven)> Ranges(long stream, string sender)
        {
            if (!retransmitted.TryGetValue((stream, sender), out List<(long Start, long End, bool Proven)>? list))
            {
                list = [];
                retransmitted[(stream, sender)] = list;
            }

            return list;
        }
    }

    private static long Number(string value) => long.Parse(First(value), CultureInfo.InvariantCulture);

    private static string First(string value)
    {
        int comma = value.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? value : value[..comma];
    }
}
