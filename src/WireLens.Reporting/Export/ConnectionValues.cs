using System.Globalization;
using WireLens.Analysis.Connections;

namespace WireLens.Reporting.Export;

/// <summary>
/// The spelling of connection values in every output (CSV, JSON, summary text, views), so they agree.
/// </summary>
public static class ConnectionValues
{
    /// <summary><c>none</c>, <c>client</c>, <c>server</c> or <c>both</c>.</summary>
    public static string Side(Side side) => side switch
    {
        Analysis.Connections.Side.None => "none",
        Analysis.Connections.Side.Client => "client",
        Analysis.Connections.Side.Server => "server",
        Analysis.Connections.Side.Both => "both",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, null),
    };

    /// <summary><c>refused</c>, <c>simultaneous</c>, <c>client_fin</c>, <c>server_fin</c>, <c>client_rst</c>, <c>server_rst</c> or <c>open</c>.</summary>
    public static string CloseKind(CloseKind kind) => kind switch
    {
        Analysis.Connections.CloseKind.Refused => "refused",
        Analysis.Connections.CloseKind.Simultaneous => "simultaneous",
        Analysis.Connections.CloseKind.ClientFin => "client_fin",
        Analysis.Connections.CloseKind.ServerFin => "server_fin",
        Analysis.Connections.CloseKind.ClientRst => "client_rst",
        Analysis.Connections.CloseKind.ServerRst => "server_rst",
        Analysis.Connections.CloseKind.Open => "open",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary><c>http/1.0</c>, <c>http/1.1</c>, <c>h2c</c>, or null for <see cref="HttpProtocolKind.None"/>.</summary>
    public static string? HttpProtocol(HttpProtocolKind kind) => kind switch
    {
        HttpProtocolKind.None => null,
        HttpProtocolKind.Http10 => "http/1.0",
        HttpProtocolKind.Http11 => "http/1.1",
        HttpProtocolKind.H2c => "h2c",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary><c>closed</c>, <c>replaced</c>, <c>idle</c>, <c>end_of_capture</c> or <c>evicted</c>.</summary>
    public static string FlushReason(FlushReason reason) => reason switch
    {
        Analysis.Connections.FlushReason.Closed => "closed",
        Analysis.Connections.FlushReason.Replaced => "replaced",
        Analysis.Connections.FlushReason.Idle => "idle",
        Analysis.Connections.FlushReason.EndOfCapture => "end_of_capture",
        Analysis.Connections.FlushReason.Evicted => "evicted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>Zeek's name of the state (S0, SF, REJ, ...).</summary>
    public static string ConnState(ZeekConnState state) => state.ToString();

    /// <summary>Milliseconds with exactly three decimals (microsecond precision), invariant culture: <c>0.051</c>.</summary>
    public static string Milliseconds(double milliseconds) =>
        milliseconds.ToString(MillisecondsFormat, CultureInfo.InvariantCulture);

    /// <summary>The numeric format of millisecond cells.</summary>
    public const string MillisecondsFormat = "F3";
}
