using WireLens.Analysis.Connections;

namespace WireLens.Reporting.Inspection;

/// <summary>Makes <see cref="ConnectionSummary"/> rows from connection records.</summary>
public static class ConnectionSummaries
{
    /// <summary>The row of <paramref name="r"/>; <paramref name="pool"/> shares the wire strings (identity when null).</summary>
    public static ConnectionSummary From(ConnectionRecord r, string group, string tool, int capture, Func<string?, string?>? pool = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        pool ??= static s => s;
        return new ConnectionSummary
        {
            Stream = r.Stream,
            Capture = capture,
            Group = group,
            Tool = tool,
            ClientIp = r.ClientIp,
            ClientPort = r.ClientPort,
            ServerIp = r.ServerIp,
            ServerPort = r.ServerPort,
            FirstTime = r.FirstTime,
            LastTime = r.LastTime,
            FirstFrame = r.FirstFrame,
            LastFrame = r.LastFrame,
            HandshakeRttMs = r.InitialRttMs is { } rtt ? (float)rtt : float.NaN,
            Requests = r.HttpRequests ?? r.Tls?.RequestsEstimated ?? -1,
            RequestsEstimated = r.HttpRequests is null && r.Tls?.RequestsEstimated is not null,
            Close = r.CloseKind,
            CloseInitiator = r.CloseInitiator,
            TimeWaitSide = r.TimeWaitSide,
            SynRetransmits = r.SynRetransmits + r.SynAckRetransmits,
            Retransmissions = r.Retransmissions,
            Http = r.HttpProtocol,
            IsTls = r.Tls is not null,
            TlsVersion = r.Tls?.Version ?? 0,
            TlsResumed = r.Tls?.Resumed,
            ClientHelloToServerHelloMs = r.Tls?.ClientHelloToServerHelloMs is { } ms ? (float)ms : float.NaN,
            Sni = pool(r.Tls?.ServerName),
            Alpn = pool(r.Tls is { AlpnSelectedEncrypted: true } ? "encrypted" : r.Tls?.AlpnSelected),
        };
    }
}
