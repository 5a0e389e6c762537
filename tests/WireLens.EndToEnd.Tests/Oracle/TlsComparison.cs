using System.Globalization;
using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.Wire.Tls;

namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>Compares WireLens's <see cref="TlsFacts"/> with tshark's view of each TLS handshake, field by field.</summary>
public static class TlsComparison
{
    /// <summary>Every disagreement, one line each ("stream 3: version wirelens=0x0303 tshark=0x0304").</summary>
    public static List<string> Compare(IReadOnlyList<ConnectionRecord> records, IReadOnlyDictionary<long, OracleTlsConnection> oracle)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(oracle);
        var problems = new List<string>();
        var byStream = records.ToDictionary(r => r.Stream);

        // TLS is detected by content: exactly the streams whose client sent a ClientHello.
        foreach (ConnectionRecord r in records.Where(r => r.Tls is not null && !oracle.ContainsKey(r.Stream)).Take(20))
        {
            problems.Add($"stream {r.Stream}: wirelens has TLS, tshark saw no ClientHello");
        }

        foreach ((long stream, OracleTlsConnection o) in oracle.OrderBy(kv => kv.Key))
        {
            if (!byStream.TryGetValue(stream, out ConnectionRecord? r) || r.Tls is not { } t)
            {
                problems.Add($"stream {stream}: tshark saw a ClientHello, wirelens has {(r is null ? "no connection" : "no TLS")}");
                continue;
            }

            void Check<T>(string what, T mine, T theirs)
            {
                if (!EqualityComparer<T>.Default.Equals(mine, theirs))
                {
                    problems.Add($"stream {stream}: {what} wirelens={Show(mine)} tshark={Show(theirs)}");
                }
            }

            OracleClientHello ch = o.FirstClientHello!;
            OracleServerHello? sh = o.ServerHello;
            string client = $"{r.ClientIp}:{r.ClientPort.ToString(CultureInfo.InvariantCulture)}";
            Check("client (ClientHello sender)", client, o.Client);
            Check("client_hello_time", t.ClientHelloTime?.UnixNanoseconds, ch.TimeNs);
            Check("server_hello_time", t.ServerHelloTime?.UnixNanoseconds, sh?.TimeNs);
            Check("done_time", t.DoneTime?.UnixNanoseconds, o.DoneTimeNs);
            Check("version", Hex(t.Version), Hex(o.Version));
            Check("cipher_suite", Hex(t.CipherSuite), Hex(sh?.CipherSuite));
            Check("server_name", t.ServerName, ch.ServerName);
            Check("alpn_offered", string.Join(',', t.AlpnOffered), string.Join(',', ch.AlpnOffered));
            Check("hello_retry_request", t.HelloRetryRequest, o.HelloRetryRequest);
            Check("resumed", t.Resumed, o.Resumed);

            Check("client_hello_count", t.ClientHelloCount, o.ClientHellos.Count);
            Check("client_session_id_length", t.ClientSessionIdLength, ch.SessionIdLength);
            Check("server_session_id_length", t.ServerSessionIdLength, sh?.SessionIdLength ?? 0);
            Check("server_certificate_seen", t.ServerCertificateSeen, o.ServerCertificateSeen);
            Check("selected_psk_identity", t.SelectedPskIdentity, sh?.SelectedPskIdentity);
            Check("key_share_group", Hex(t.KeyShareGroup), Hex(sh?.KeyShareGroup));
            Check("alpn_selected", t.AlpnSelected, sh?.AlpnSelected);
            Check("alpn_selected_encrypted", t.AlpnSelectedEncrypted, o.Version >= OracleTlsConnection.Tls13 && ch.AlpnOffered.Count > 0);
            Check("resumption_offered ticket", t.ResumptionOffered.HasFlag(TlsResumptionOffer.Ticket), ch.TicketLength > 0);
            Check("resumption_offered psk", t.ResumptionOffered.HasFlag(TlsResumptionOffer.Psk), ch.PskIdentities > 0);
            Check("ja3", t.Ja3, ch.Ja3);
            Check("alerts", string.Join(',', t.Alerts), string.Join(',', o.Alerts.Take(TlsConnectionAnalyzer.MaxAlerts).Select(AlertName)));
            Check("error", t.Error, null);
        }

        return problems;
    }

    /// <summary>Fails with every disagreement listed (at most 60 lines).</summary>
    public static void AssertAgree(IReadOnlyList<ConnectionRecord> records, IReadOnlyDictionary<long, OracleTlsConnection> oracle)
    {
        List<string> problems = Compare(records, oracle);
        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} TLS disagreements with tshark over {oracle.Count} TLS streams:\n" + string.Join('\n', problems.Take(60)));
        }
    }

    /// <summary>
    /// The handshake's times in order on every TLS connection: SYN ≤ ClientHello ≤ ServerHello ≤ done ≤ last packet,
    /// and <see cref="ConnectionRecord.SecureConnectionMs"/> there exactly when SYN and done are. (Whether the
    /// handshake is done at all is compared with tshark by <see cref="Compare"/>: a client may send its ClientHello
    /// and reset the connection after the ServerHello, as Go's HTTP/2 transport does with a dial it no longer needs.)
    /// </summary>
    public static List<string> CompareTimeline(IReadOnlyList<ConnectionRecord> records, IReadOnlyDictionary<long, OracleTlsConnection> oracle)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(oracle);
        var problems = new List<string>();
        foreach (ConnectionRecord r in records.Where(r => r.Tls is not null))
        {
            TlsFacts t = r.Tls!;
            void Order(string what, long? earlier, long? later)
            {
                if (earlier is { } a && later is { } b && a > b)
                {
                    problems.Add($"stream {r.Stream}: not {what}: {a} > {b}");
                }
            }

            Order("syn_time <= client_hello_time", r.SynTime?.UnixNanoseconds, t.ClientHelloTime?.UnixNanoseconds);
            Order("client_hello_time <= server_hello_time", t.ClientHelloTime?.UnixNanoseconds, t.ServerHelloTime?.UnixNanoseconds);
            Order("server_hello_time <= done_time", t.ServerHelloTime?.UnixNanoseconds, t.DoneTime?.UnixNanoseconds);
            Order("done_time <= last_time", t.DoneTime?.UnixNanoseconds, r.LastTime.UnixNanoseconds);
            if ((r.SecureConnectionMs is null) != (t.DoneTime is null || r.SynTime is null))
            {
                problems.Add($"stream {r.Stream}: secure_connection_ms={Show(r.SecureConnectionMs)} with done_time={Show(t.DoneTime)} syn_time={Show(r.SynTime)}");
            }

            if (r.SecureConnectionMs is < 0 || t.HandshakeMs is < 0 || t.ClientHelloToServerHelloMs is < 0)
            {
                problems.Add($"stream {r.Stream}: negative duration: secure_connection_ms={Show(r.SecureConnectionMs)} handshake_ms={Show(t.HandshakeMs)} ch_to_sh_ms={Show(t.ClientHelloToServerHelloMs)}");
            }
        }

        return problems;
    }

    /// <summary>tshark's numeric "2:40" in WireLens's IANA names ("fatal:handshake_failure"); "encrypted" as is.</summary>
    private static string AlertName(string alert)
    {
        int colon = alert.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? alert
            : TlsNames.Alert(byte.Parse(alert[..colon], CultureInfo.InvariantCulture), byte.Parse(alert[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    private static string? Hex(ushort? value) => value is { } v ? "0x" + v.ToString("x4", CultureInfo.InvariantCulture) : null;

    private static string Show<T>(T value) => value?.ToString() ?? "null";
}
