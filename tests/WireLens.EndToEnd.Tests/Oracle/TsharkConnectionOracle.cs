using System.Globalization;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>
/// Reads a capture with tshark (pinned preferences) and folds its per-frame fields into one
/// <see cref="OracleConnection"/> per tcp.stream. Endpoints are written "address:port".
/// </summary>
public static class TsharkConnectionOracle
{
    private static readonly string[] s_fields =
    [
        "frame.time_epoch", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "tcp.flags", "tcp.len",
        "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
        "tcp.analysis.out_of_order", "tcp.analysis.duplicate_ack", "tcp.analysis.zero_window", "tcp.analysis.keep_alive",
        "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment", "tcp.analysis.initial_rtt", "http.request",
        "http2.type", "http2.streamid", "tcp.options.sack.dsack_le",
    ];

    public static IReadOnlyDictionary<long, OracleConnection> Read(string capture, TsharkOptions options)
    {
        var result = new Dictionary<long, OracleConnection>();
        foreach (string[] f in TShark.Fields(capture, s_fields, options with { DisplayFilter = "tcp" }))
        {
            if (f[1].Length == 0)
            {
                continue;
            }

            long stream = long.Parse(First(f[1]), CultureInfo.InvariantCulture);
            if (!result.TryGetValue(stream, out OracleConnection? c))
            {
                c = new OracleConnection { Stream = stream };
                result[stream] = c;
            }

            long t = ParseEpochNs(f[0]);
            c.FirstTimeNs = Math.Min(c.FirstTimeNs, t);
            c.LastTimeNs = Math.Max(c.LastTimeNs, t);
            string addr = f[2].Length > 0 ? First(f[2]) : First(f[3]);
            string sender = $"{addr}:{First(f[4])}";
            int flags = Convert.ToInt32(First(f[5]), 16);
            bool syn = (flags & 0x02) != 0, ack = (flags & 0x10) != 0, fin = (flags & 0x01) != 0, rst = (flags & 0x04) != 0;
            int len = int.Parse(First(f[6]), CultureInfo.InvariantCulture);

            c.PacketsBySender[sender] = c.PacketsBySender.GetValueOrDefault(sender) + 1;
            c.BytesBySender[sender] = c.BytesBySender.GetValueOrDefault(sender) + len;
            if (syn && !ack)
            {
                c.SynSender ??= sender;
                c.FirstSynNs ??= t;
            }

            if (syn && ack)
            {
                c.SynAckSender ??= sender;
                c.FirstSynAckNs ??= t;
            }

            if (fin && c.FirstFinNs is null)
            {
                c.FirstFinNs = t;
                c.FirstFinSender = sender;
            }

            if (rst && c.FirstRstNs is null)
            {
                c.FirstRstNs = t;
                c.FirstRstSender = sender;
            }

            c.Retransmissions += Has(f[7]);
            c.FastRetransmissions += Has(f[8]);
            c.SpuriousRetransmissions += Has(f[9]);
            c.OutOfOrder += Has(f[10]);
            c.DuplicateAcks += Has(f[11]);
            c.ZeroWindows += Has(f[12]);
            c.KeepAlives += Has(f[13]);
            c.LostSegments += Has(f[14]);
            c.AckedUnseen += Has(f[15]);
            c.DsackAcks += Has(f[20]);
            if (f[16].Length > 0)
            {
                c.InitialRtt = First(f[16]);
            }

            if (f[17].Length > 0)
            {
                c.HttpRequests += f[17].Split(',').Length;
            }

            if (f[18].Length > 0 && sender == c.SynSender)
            {
                string[] types = f[18].Split(',');
                string[] ids = f[19].Split(',');
                for (int i = 0; i < types.Length && i < ids.Length; i++)
                {
                    if (types[i] == "1")
                    {
                        c.H2ClientStreams.Add(long.Parse(ids[i], CultureInfo.InvariantCulture));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>"1764353479.123456000" → nanoseconds since the epoch, exactly.</summary>
    public static long ParseEpochNs(string text)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        long seconds = long.Parse(dot < 0 ? text : text[..dot], CultureInfo.InvariantCulture);
        string frac = dot < 0 ? "0" : text[(dot + 1)..];
        frac = frac.Length >= 9 ? frac[..9] : frac.PadRight(9, '0');
        return (seconds * 1_000_000_000) + long.Parse(frac, CultureInfo.InvariantCulture);
    }

    private static string First(string value)
    {
        int comma = value.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? value : value[..comma];
    }

    private static int Has(string value) => value.Length > 0 ? 1 : 0;
}
