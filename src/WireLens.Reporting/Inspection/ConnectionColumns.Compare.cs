using WireLens.Analysis.Connections;
using WireLens.Reporting.Export;
using WireLens.Wire.Ip;

namespace WireLens.Reporting.Inspection;

/// <summary>The order of rows per column; <see cref="ConnectionQuery"/> sorts by the same keys.</summary>
public static partial class ConnectionColumns
{
    // Rank of each enum value by its spelling, so close, tw and proto sort the way they read.
    private static readonly long[] s_closeRank = RankBySpelling(Enum.GetValues<CloseKind>(), ConnectionValues.CloseKind);
    private static readonly long[] s_sideRank = RankBySpelling(Enum.GetValues<Side>(), ConnectionValues.Side);
    private static readonly long[] s_httpRank = RankBySpelling(
        Enum.GetValues<HttpProtocolKind>(), k => ConnectionValues.HttpProtocol(k) ?? string.Empty);

    // "tls" sorts after every http/... and h2c spelling.
    private static readonly long s_tlsRank = s_httpRank.Length;

    /// <summary>
    /// A total order of two rows on <paramref name="column"/>'s value (see the class remarks): negative when
    /// <paramref name="a"/> comes first. Unknown values compare equal to each other and after every known value.
    /// </summary>
    public static int Compare(in ConnectionSummary a, in ConnectionSummary b, ConnectionColumn column)
    {
        switch (KindOf(column))
        {
            case KeyKind.Text:
                return CompareUnknownLast(TextKey(a, column), TextKey(b, column));
            case KeyKind.Endpoint:
                return EndpointKey(a, column).CompareTo(EndpointKey(b, column));
            default:
                bool knownA = TryGetNumericKey(a, column, out long keyA);
                bool knownB = TryGetNumericKey(b, column, out long keyB);
                return knownA == knownB ? (knownA ? keyA.CompareTo(keyB) : 0) : (knownA ? -1 : 1);
        }
    }

    /// <summary>How a column's values are compared.</summary>
    internal enum KeyKind
    {
        /// <summary>A 64-bit key (<see cref="TryGetNumericKey"/>).</summary>
        Numeric,

        /// <summary>A string, ordinal (<see cref="TextKey"/>).</summary>
        Text,

        /// <summary>Address then port (<see cref="EndpointKey"/>).</summary>
        Endpoint,
    }

    internal static KeyKind KindOf(ConnectionColumn column) => column switch
    {
        ConnectionColumn.Group or ConnectionColumn.Tool or ConnectionColumn.Sni or ConnectionColumn.Alpn => KeyKind.Text,
        ConnectionColumn.Client or ConnectionColumn.Server => KeyKind.Endpoint,
        _ => KeyKind.Numeric,
    };

    /// <summary>The raw string of a text column; null when unknown.</summary>
    internal static string? TextKey(in ConnectionSummary row, ConnectionColumn column) => column switch
    {
        ConnectionColumn.Group => row.Group,
        ConnectionColumn.Tool => row.Tool,
        ConnectionColumn.Sni => row.Sni,
        ConnectionColumn.Alpn => row.Alpn,
        _ => throw Unknown(column),
    };

    /// <summary>The client or server endpoint.</summary>
    internal static Endpoint EndpointKey(in ConnectionSummary row, ConnectionColumn column) => column switch
    {
        ConnectionColumn.Client => new Endpoint(row.ClientIp, row.ClientPort),
        ConnectionColumn.Server => new Endpoint(row.ServerIp, row.ServerPort),
        _ => throw Unknown(column),
    };

    /// <summary>
    /// A 64-bit key whose order is the column's order; false when the value is unknown (NaN, -1, null, no version).
    /// </summary>
    internal static bool TryGetNumericKey(in ConnectionSummary row, ConnectionColumn column, out long key)
    {
        key = column switch
        {
            ConnectionColumn.Stream => row.Stream,
            ConnectionColumn.Start => row.FirstTime.UnixNanoseconds,
            ConnectionColumn.DurationMs => DurationNanoseconds(row),
            ConnectionColumn.HandshakeRttMs => FloatKey(row.HandshakeRttMs),
            ConnectionColumn.Requests => row.Requests,
            ConnectionColumn.Close => s_closeRank[(int)row.Close],
            ConnectionColumn.TimeWait => s_sideRank[(int)row.TimeWaitSide],
            ConnectionColumn.SynRetransmits => row.SynRetransmits,
            ConnectionColumn.Retransmissions => row.Retransmissions,
            ConnectionColumn.Protocol => row.IsTls ? s_tlsRank : row.Http == HttpProtocolKind.None ? -1 : s_httpRank[(int)row.Http],
            ConnectionColumn.Tls => row.TlsVersion,
            ConnectionColumn.Resumed => row.TlsResumed switch { false => 0, true => 1, null => -1 },
            ConnectionColumn.ClientHelloToServerHelloMs => FloatKey(row.ClientHelloToServerHelloMs),
            _ => throw Unknown(column),
        };

        return column switch
        {
            ConnectionColumn.HandshakeRttMs => float.IsFinite(row.HandshakeRttMs),
            ConnectionColumn.ClientHelloToServerHelloMs => float.IsFinite(row.ClientHelloToServerHelloMs),
            ConnectionColumn.Requests or ConnectionColumn.Protocol or ConnectionColumn.Resumed => key >= 0,
            ConnectionColumn.Tls => key != 0,
            _ => true,
        };
    }

    // Ordinal, null after every string.
    private static int CompareUnknownLast(string? a, string? b) =>
        a is null ? (b is null ? 0 : 1) : b is null ? -1 : string.CompareOrdinal(a, b);

    // IEEE 754 bits made to sort as signed integers: negative values have their magnitude bits flipped; -0 is 0.
    private static long FloatKey(float value)
    {
        if (value == 0)
        {
            return 0;
        }

        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? bits ^ 0x7FFF_FFFF : bits;
    }

    private static long[] RankBySpelling<T>(T[] values, Func<T, string> spell)
        where T : struct, Enum
    {
        var ranks = new long[values.Length];
        T[] sorted = [.. values.OrderBy(spell, StringComparer.Ordinal)];
        for (int i = 0; i < sorted.Length; i++)
        {
            ranks[Convert.ToInt32(sorted[i], System.Globalization.CultureInfo.InvariantCulture)] = i;
        }

        return ranks;
    }

    /// <summary>An address and port, ordered by <see cref="IpAddress"/> (version, then value) and then port.</summary>
    internal readonly record struct Endpoint(IpAddress Address, ushort Port) : IComparable<Endpoint>
    {
        public int CompareTo(Endpoint other)
        {
            int c = Address.CompareTo(other.Address);
            return c != 0 ? c : Port.CompareTo(other.Port);
        }
    }
}
