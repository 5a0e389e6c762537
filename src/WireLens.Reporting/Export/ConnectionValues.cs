using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;

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

    /// <summary>tls_alpn_selected when the server's choice travels encrypted (TLS 1.3 EncryptedExtensions).</summary>
    public const string AlpnEncrypted = "encrypted";

    // Declared before s_resumptionOffered, whose initializer reads it (static initializers run in text order).
    /// <summary>The resumption mechanisms, in the order they are listed: session_id, ticket, psk.</summary>
    public static IReadOnlyList<TlsResumptionOffer> ResumptionMechanisms { get; } =
        [TlsResumptionOffer.SessionId, TlsResumptionOffer.Ticket, TlsResumptionOffer.Psk];

    // Index = the TlsResumptionOffer flag combination (0-7); built once so a row allocates nothing for it.
    private static readonly string[][] s_resumptionOffered =
    [
        .. Enumerable.Range(0, 8).Select(bits => ResumptionMechanisms
            .Where(m => ((TlsResumptionOffer)bits).HasFlag(m))
            .Select(ResumptionMechanism)
            .ToArray()),
    ];

    /// <summary><c>none</c>, <c>session_id</c>, <c>ticket</c> or <c>psk</c>: the name of one mechanism (a single flag).</summary>
    public static string ResumptionMechanism(TlsResumptionOffer mechanism) => mechanism switch
    {
        TlsResumptionOffer.None => "none",
        TlsResumptionOffer.SessionId => "session_id",
        TlsResumptionOffer.Ticket => "ticket",
        TlsResumptionOffer.Psk => "psk",
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "Exactly one mechanism (or none)."),
    };

    /// <summary>The mechanisms offered, in <see cref="ResumptionMechanisms"/> order; empty for none.</summary>
    public static IReadOnlyList<string> ResumptionOffered(TlsResumptionOffer offered) =>
        (uint)offered < (uint)s_resumptionOffered.Length
            ? s_resumptionOffered[(int)offered]
            : throw new ArgumentOutOfRangeException(nameof(offered), offered, null);

    /// <summary>Zeek's name of the state (S0, SF, REJ, ...).</summary>
    public static string ConnState(ZeekConnState state) => state.ToString();

    /// <summary>Milliseconds with exactly three decimals (microsecond precision), invariant culture: <c>0.051</c>.</summary>
    public static string Milliseconds(double milliseconds) =>
        milliseconds.ToString(MillisecondsFormat, CultureInfo.InvariantCulture);

    /// <summary>The numeric format of millisecond cells.</summary>
    public const string MillisecondsFormat = "F3";
}
