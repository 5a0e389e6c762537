using WireLens.Analysis.Connections;
using WireLens.Analysis.Tls;
using WireLens.EndToEnd.Tests.Oracle;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Tls;

/// <summary>
/// Session resumption by each mechanism, driven by `openssl s_client -sess_out` once and `-sess_in` twice: the
/// first handshake is full, the next two resume. tshark's fields give Zeek's verdict, which WireLens must match.
/// </summary>
public sealed class TlsResumptionScenarioTests
{
    [Fact]
    public async Task SessionIdResumption_Tls12WithoutTickets_AgreesWithTshark()
    {
        // Arrange: no tickets anywhere, nginx keeps a session cache: resumption can only be by session id.
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsProtocols = "TLSv1.2", TlsSessionTickets = false, TlsSessionCache = true },
            server => RunResumingClientAsync(server, "-tls1_2", "-no_ticket"));
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows a full handshake, then two where the server echoed the client's session id.
        OracleTlsConnection[] handshakes = [.. oracle.Values.OrderBy(o => o.Stream)];
        Assert.Equal([false, true, true], handshakes.Select(o => o.Resumed));
        Assert.All(handshakes, o => Assert.NotNull(o.DoneTimeNs));
        Assert.All(handshakes.Skip(1), o =>
        {
            Assert.True(o.SessionIdEchoed);
            Assert.False(o.FirstClientHello!.TicketLength > 0);
            Assert.False(o.ServerCertificateSeen);
        });
        Assert.True(handshakes[0].ServerCertificateSeen);

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert: the client offered only TLS 1.2, so its non-empty session id is an offer to resume.
        TlsFacts[] tls = [.. records.Where(r => r.Tls is not null).OrderBy(r => r.Stream).Select(r => r.Tls!)];
        Assert.Equal([TlsResumptionOffer.None, TlsResumptionOffer.SessionId, TlsResumptionOffer.SessionId], tls.Select(t => t.ResumptionOffered));
    }

    [Fact]
    public async Task TicketResumption_Tls12_AgreesWithTshark()
    {
        // Arrange: tickets on, no server-side cache: resumption can only be by ticket (RFC 5077).
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsProtocols = "TLSv1.2", TlsSessionTickets = true, TlsSessionCache = false },
            server => RunResumingClientAsync(server, "-tls1_2"));
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows a full handshake with an empty ticket extension, then two that offered a ticket and got
        // no Certificate back.
        OracleTlsConnection[] handshakes = [.. oracle.Values.OrderBy(o => o.Stream)];
        Assert.Equal([false, true, true], handshakes.Select(o => o.Resumed));
        Assert.All(handshakes, o => Assert.NotNull(o.DoneTimeNs));
        Assert.Equal(0, handshakes[0].FirstClientHello!.TicketLength);
        Assert.All(handshakes.Skip(1), o => Assert.True(o.TicketAccepted));

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        TlsFacts[] tls = [.. records.Where(r => r.Tls is not null).OrderBy(r => r.Stream).Select(r => r.Tls!)];
        Assert.False(tls[0].ResumptionOffered.HasFlag(TlsResumptionOffer.Ticket));
        Assert.All(tls.Skip(1), t => Assert.True(t.ResumptionOffered.HasFlag(TlsResumptionOffer.Ticket)));
    }

    [Fact]
    public async Task PskResumption_Tls13_AgreesWithTshark()
    {
        // Arrange: TLS 1.3 only; the session saved by -sess_out holds the NewSessionTicket sent after the handshake.
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsProtocols = "TLSv1.3", TlsSessionTickets = true },
            server => RunResumingClientAsync(server));
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows a full handshake, then two that offered a PSK which the server selected. Each also
        // carries the 32-byte compatibility session id, echoed by the server, which is no resumption in TLS 1.3.
        OracleTlsConnection[] handshakes = [.. oracle.Values.OrderBy(o => o.Stream)];
        Assert.Equal([false, true, true], handshakes.Select(o => o.Resumed));
        Assert.All(handshakes, o => Assert.NotNull(o.DoneTimeNs));
        Assert.Equal(0, handshakes[0].FirstClientHello!.PskIdentities);
        Assert.All(handshakes.Skip(1), o =>
        {
            Assert.True(o.PskAccepted);
            Assert.Equal((ushort)0, o.ServerHello!.SelectedPskIdentity);
        });
        Assert.All(handshakes, o => Assert.Equal(32, o.ServerHello!.SessionIdLength));

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert
        TlsFacts[] tls = [.. records.Where(r => r.Tls is not null).OrderBy(r => r.Stream).Select(r => r.Tls!)];
        Assert.All(tls.Skip(1), t => Assert.True(t.ResumptionOffered.HasFlag(TlsResumptionOffer.Psk)));
        Assert.All(tls, t => Assert.False(t.ResumptionOffered.HasFlag(TlsResumptionOffer.SessionId)));
    }

    [Theory]
    [InlineData("TLSv1.2")]
    [InlineData("TLSv1.3")]
    public async Task CurlSessionCache_ServerClosesAfterEachUrl_LaterConnectionsResume(string protocol)
    {
        // Arrange: `Connection: close` makes nginx close after each response, so each URL gets its own connection,
        // and curl resumes the session it cached from the first one (a ticket in TLS 1.2, a PSK in TLS 1.3).
        (string capture, int port) = await TlsScenario.CaptureNginxAsync(
            new NginxOptions { TlsProtocols = protocol, TlsSessionTickets = true },
            server =>
            {
                for (int i = 0; i < 2; i++)
                {
                    TlsClients.Curl(server, ["/1", "/2", "/3"], sni: true, "-H", "Connection: close");
                }

                return Task.CompletedTask;
            });
        IReadOnlyDictionary<long, OracleTlsConnection> oracle = TlsScenario.ReadOracle(capture, port);

        // The capture shows per invocation one full handshake, then two resumed ones (the cache lives in curl's process).
        OracleTlsConnection[] handshakes = [.. oracle.Values.OrderBy(o => o.Stream)];
        Assert.Equal([false, true, true, false, true, true], handshakes.Select(o => o.Resumed));
        Assert.All(handshakes, o => Assert.NotNull(o.DoneTimeNs));

        // Act
        List<ConnectionRecord> records = TlsScenario.AnalyzeAndAssertAgree(capture, port, oracle);

        // Assert: one request per connection.
        Assert.All(records.Where(r => r.Tls is not null), r => Assert.Equal(1, r.Tls!.RequestsEstimated));
    }

    /// <summary>One full handshake saving its session, then two resuming it; s_client must say so itself.</summary>
    private static Task RunResumingClientAsync(NginxServer server, params string[] options)
    {
        string session = Path.Combine(TestPaths.NewTempDirectory("wl-tls-session"), "session.pem");
        Assert.Contains("New, ", TlsClients.OpenSsl(server, session, null, options), StringComparison.Ordinal);
        for (int i = 0; i < 2; i++)
        {
            Assert.Contains("Reused, ", TlsClients.OpenSsl(server, null, session, options), StringComparison.Ordinal);
        }

        return Task.CompletedTask;
    }
}
