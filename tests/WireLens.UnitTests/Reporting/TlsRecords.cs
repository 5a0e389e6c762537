using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;

namespace WireLens.UnitTests.Reporting;

/// <summary>TLS connections for the summary tests, chosen so that a wrong full/resumed split changes the percentiles.</summary>
internal static class TlsRecords
{
    /// <summary>
    /// A TLS connection whose ServerHello came <paramref name="chToShMs"/> and whose handshake was done
    /// <paramref name="handshakeMs"/> after the ClientHello; no ServerHello when <paramref name="resumed"/> is null.
    /// </summary>
    public static ConnectionRecord Handshake(
        long stream,
        bool? resumed,
        ushort? version,
        double chToShMs,
        double handshakeMs,
        TlsResumptionOffer offered,
        string[] alpnOffered,
        string? alpnSelected,
        string[] alerts,
        bool hrr = false,
        string? error = null)
    {
        TlsFacts full = ConnectionRecords.TlsFull();
        const long ch = 100_200_000; // full.ClientHelloTime, in nanoseconds after ConnectionRecords.Base
        return ConnectionRecords.Tls(stream, full with
        {
            Version = version,
            Resumed = resumed,
            ServerHelloTime = resumed is null ? null : ConnectionRecords.At(ch + (long)Math.Round(chToShMs * 1_000_000)),
            DoneTime = resumed is null ? null : ConnectionRecords.At(ch + (long)Math.Round(handshakeMs * 1_000_000)),
            ResumptionOffered = offered,
            AlpnOffered = alpnOffered,
            AlpnSelected = alpnSelected == "encrypted" ? null : alpnSelected,
            AlpnSelectedEncrypted = alpnSelected == "encrypted",
            Alerts = alerts,
            HelloRetryRequest = hrr,
            Error = error,
            ClientHelloCount = hrr ? 2 : 1,
        });
    }

    /// <summary>
    /// Seven TLS connections and one cleartext one. Full handshakes: CH→SH 10, 20, 30 ms; resumed: 1, 2 ms;
    /// handshakes 15, 25, 35, 3, 4 ms. One ClientHello without an answer (tls_error), one TLS connection without a
    /// ClientHello.
    /// </summary>
    public static ConnectionRecord[] Mix() =>
    [
        Handshake(0, false, 0x0304, 10, 15, TlsResumptionOffer.None, ["h2", "http/1.1"], "encrypted", []),
        Handshake(1, false, 0x0304, 20, 25, TlsResumptionOffer.SessionId, ["h2", "h2"], "encrypted", []),
        Handshake(
            2, false, 0x0303, 30, 35, TlsResumptionOffer.SessionId | TlsResumptionOffer.Ticket, ["http/1.1"], "http/1.1",
            ["warning:close_notify", "encrypted"]),
        Handshake(
            3, true, 0x0304, 1, 3, TlsResumptionOffer.Ticket | TlsResumptionOffer.Psk, ["h2", "http/1.1"], "encrypted",
            ["warning:close_notify"], hrr: true),
        Handshake(4, true, 0x0303, 2, 4, TlsResumptionOffer.SessionId, [], "h2", []),
        Handshake(
            5, null, null, 0, 0, TlsResumptionOffer.None, ["h2"], null, ["fatal:handshake_failure"],
            error: "unexpected_message at client stream offset 0"),
        ConnectionRecords.Tls(6, new TlsFacts()),
        ConnectionRecords.Full(7),
    ];
}
