using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.Reporting.Attribution;
using WireLens.Reporting.Export;
using WireLens.Reporting.Text;
using WireLens.Wire;

namespace WireLens.Reporting.Inspection;

/// <summary>
/// What each <see cref="ConnectionColumn"/> looks like: header, CSV name, default width, the text of a row's cell, and
/// the order of two rows (docs/connection-list.md).
/// </summary>
/// <remarks>
/// <para>Text: an unknown value (NaN, -1, null, no TLS version) is the empty string, as in connections.csv; numbers
/// are invariant culture; milliseconds and seconds have three decimals; wire strings (group, tool, SNI, ALPN) go
/// through <see cref="WireText.EscapeControl"/>, so a cell never carries a control or bidi character to the terminal.
/// Close and TIME_WAIT use the report's spelling (<see cref="ConnectionValues"/>).</para>
/// <para>Order: numbers numerically, addresses by <see cref="Wire.Ip.IpAddress"/> then port, strings ordinal on the
/// raw value, and columns spelled from an enumeration (close, tw, proto) by their text, so the list reads
/// alphabetically. An unknown value sorts after every known one.</para>
/// </remarks>
public static partial class ConnectionColumns
{
    private static readonly ConnectionColumn[] s_all = Enum.GetValues<ConnectionColumn>();

    /// <summary>Every column, in enumeration (display) order.</summary>
    public static IReadOnlyList<ConnectionColumn> All => s_all;

    /// <summary>The short display header: <c>stream</c>, <c>start s</c>, <c>rtt ms</c>, ...</summary>
    public static string Header(ConnectionColumn column) => column switch
    {
        ConnectionColumn.Stream => "stream",
        ConnectionColumn.Group => "group",
        ConnectionColumn.Tool => "tool",
        ConnectionColumn.Client => "client",
        ConnectionColumn.Server => "server",
        ConnectionColumn.Start => "start s",
        ConnectionColumn.DurationMs => "dur ms",
        ConnectionColumn.HandshakeRttMs => "rtt ms",
        ConnectionColumn.Requests => "req",
        ConnectionColumn.Close => "close",
        ConnectionColumn.TimeWait => "tw",
        ConnectionColumn.SynRetransmits => "syn rtx",
        ConnectionColumn.Retransmissions => "rtx",
        ConnectionColumn.Protocol => "proto",
        ConnectionColumn.Tls => "tls",
        ConnectionColumn.Resumed => "resumed",
        ConnectionColumn.ClientHelloToServerHelloMs => "ch-sh ms",
        ConnectionColumn.Sni => "sni",
        ConnectionColumn.Alpn => "alpn",
        _ => throw Unknown(column),
    };

    /// <summary>The snake_case CSV header: <c>stream</c>, <c>start_s</c>, <c>handshake_rtt_ms</c>, ...</summary>
    public static string CsvName(ConnectionColumn column) => column switch
    {
        ConnectionColumn.Stream => "stream",
        ConnectionColumn.Group => "group",
        ConnectionColumn.Tool => "tool",
        ConnectionColumn.Client => "client",
        ConnectionColumn.Server => "server",
        ConnectionColumn.Start => "start_s",
        ConnectionColumn.DurationMs => "duration_ms",
        ConnectionColumn.HandshakeRttMs => "handshake_rtt_ms",
        ConnectionColumn.Requests => "requests",
        ConnectionColumn.Close => "close",
        ConnectionColumn.TimeWait => "time_wait",
        ConnectionColumn.SynRetransmits => "syn_retransmits",
        ConnectionColumn.Retransmissions => "retransmissions",
        ConnectionColumn.Protocol => "protocol",
        ConnectionColumn.Tls => "tls",
        ConnectionColumn.Resumed => "resumed",
        ConnectionColumn.ClientHelloToServerHelloMs => "ch_to_sh_ms",
        ConnectionColumn.Sni => "sni",
        ConnectionColumn.Alpn => "alpn",
        _ => throw Unknown(column),
    };

    /// <summary>The width in terminal cells the list gives the column by default (never less than its header).</summary>
    public static int PreferredWidth(ConnectionColumn column) => column switch
    {
        ConnectionColumn.Stream => 7,
        ConnectionColumn.Group => 16,
        ConnectionColumn.Tool => 10,

        // 255.255.255.255:65535; an IPv6 endpoint is wider and is cut by the view.
        ConnectionColumn.Client => 21,
        ConnectionColumn.Server => 21,
        ConnectionColumn.Start => 10,
        ConnectionColumn.DurationMs => 10,
        ConnectionColumn.HandshakeRttMs => 8,
        ConnectionColumn.Requests => 5,
        ConnectionColumn.Close => 12,
        ConnectionColumn.TimeWait => 6,
        ConnectionColumn.SynRetransmits => 7,
        ConnectionColumn.Retransmissions => 5,
        ConnectionColumn.Protocol => 8,
        ConnectionColumn.Tls => 4,
        ConnectionColumn.Resumed => 7,
        ConnectionColumn.ClientHelloToServerHelloMs => 8,
        ConnectionColumn.Sni => 24,
        ConnectionColumn.Alpn => 10,
        _ => throw Unknown(column),
    };

    /// <summary>
    /// The cell text of <paramref name="row"/> (see the class remarks): empty when unknown, wire strings escaped,
    /// <see cref="ConnectionColumn.Start"/> in seconds since <paramref name="origin"/>.
    /// </summary>
    public static string Text(in ConnectionSummary row, ConnectionColumn column, Timestamp origin) => column switch
    {
        ConnectionColumn.Stream => row.Stream.ToString(CultureInfo.InvariantCulture),
        ConnectionColumn.Group => WireText.EscapeControl(row.Group),
        ConnectionColumn.Tool => WireText.EscapeControl(row.Tool),
        ConnectionColumn.Client => ConnectionGrouping.Endpoint(row.ClientIp, row.ClientPort),
        ConnectionColumn.Server => ConnectionGrouping.Endpoint(row.ServerIp, row.ServerPort),
        ConnectionColumn.Start => StartSeconds(row.FirstTime, origin).ToString("F3", CultureInfo.InvariantCulture),
        ConnectionColumn.DurationMs => ConnectionValues.Milliseconds(DurationNanoseconds(row) / 1_000_000.0),
        ConnectionColumn.HandshakeRttMs => MillisecondsText(row.HandshakeRttMs),
        ConnectionColumn.Requests => RequestsText(row),
        ConnectionColumn.Close => ConnectionValues.CloseKind(row.Close),
        ConnectionColumn.TimeWait => ConnectionValues.Side(row.TimeWaitSide),
        ConnectionColumn.SynRetransmits => row.SynRetransmits.ToString(CultureInfo.InvariantCulture),
        ConnectionColumn.Retransmissions => row.Retransmissions.ToString(CultureInfo.InvariantCulture),
        ConnectionColumn.Protocol => ProtocolText(row),
        ConnectionColumn.Tls => TlsVersionText(row.TlsVersion),
        ConnectionColumn.Resumed => row.TlsResumed switch { true => "yes", false => "no", null => string.Empty },
        ConnectionColumn.ClientHelloToServerHelloMs => MillisecondsText(row.ClientHelloToServerHelloMs),
        ConnectionColumn.Sni => row.Sni is null ? string.Empty : WireText.EscapeControl(row.Sni),
        ConnectionColumn.Alpn => row.Alpn is null ? string.Empty : WireText.EscapeControl(row.Alpn),
        _ => throw Unknown(column),
    };

    /// <summary>The columns whose values are strings from the wire (escaped in <see cref="Text"/>, CSV-safe in an export).</summary>
    internal static bool IsWireString(ConnectionColumn column) =>
        column is ConnectionColumn.Group or ConnectionColumn.Tool or ConnectionColumn.Sni or ConnectionColumn.Alpn;

    /// <summary>Last packet minus first packet, in nanoseconds (exact, unlike <see cref="ConnectionSummary.DurationMs"/>).</summary>
    internal static long DurationNanoseconds(in ConnectionSummary row) =>
        row.LastTime.UnixNanoseconds - row.FirstTime.UnixNanoseconds;

    /// <summary><c>http/1.0</c>, <c>http/1.1</c>, <c>h2c</c>, <c>tls</c>, or empty.</summary>
    internal static string ProtocolText(in ConnectionSummary row) =>
        row.IsTls ? "tls" : ConnectionValues.HttpProtocol(row.Http) ?? string.Empty;

    /// <summary><c>1.0</c> … <c>1.3</c>, <c>ssl3</c>, another version as <c>0x7f13</c>; empty for 0 (unknown).</summary>
    internal static string TlsVersionText(ushort version) => version switch
    {
        0 => string.Empty,
        0x0300 => "ssl3",
        0x0301 => "1.0",
        0x0302 => "1.1",
        0x0303 => "1.2",
        0x0304 => "1.3",
        _ => Wire.Tls.TlsNames.Version(version),
    };

    private static string RequestsText(in ConnectionSummary row)
    {
        if (row.Requests < 0)
        {
            return string.Empty;
        }

        string count = row.Requests.ToString(CultureInfo.InvariantCulture);
        return row.RequestsEstimated ? "~" + count : count;
    }

    private static string MillisecondsText(float milliseconds) =>
        float.IsFinite(milliseconds) ? ConnectionValues.Milliseconds(milliseconds) : string.Empty;

    /// <summary>
    /// Seconds from <paramref name="origin"/> to <paramref name="time"/>, rounded to whole milliseconds first, so a start
    /// a few microseconds before the origin reads 0.000, not -0.000.
    /// </summary>
    internal static double StartSeconds(Timestamp time, Timestamp origin)
    {
        long milliseconds = (long)Math.Round((time.UnixNanoseconds - origin.UnixNanoseconds) / 1_000_000.0, MidpointRounding.AwayFromZero);
        return milliseconds / 1000.0;
    }

    private static ArgumentOutOfRangeException Unknown(ConnectionColumn column) =>
        new(nameof(column), column, "Not a connection column.");
}
