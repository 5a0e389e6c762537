using System.Globalization;
using WireLens.Wire;
using WireLens.Wire.Tls;
using WireLens.Wire.Tls.Fingerprints;

namespace WireLens.Analysis.Tls;

/// <summary>
/// Follows the TLS handshake of one TCP connection from its two reassembled byte streams, fed in packet order in
/// chunks of any size with the timestamp of the segment that carried them (docs/analysis.md, "TLS"). It reads
/// records and, while they are in clear, handshake messages; it decodes the hellos, tells full from resumed
/// handshakes by Zeek's rules, times the handshake, collects alerts, and afterwards only looks at record headers
/// to estimate requests. Malformed or truncated TLS never throws: it ends decoding with <see cref="TlsFacts.Error"/>.
/// </summary>
public sealed class TlsConnectionAnalyzer
{
    /// <summary>The first byte of a stream that starts with a TLS handshake record (content type 22).</summary>
    public const byte HandshakeRecordByte = (byte)TlsContentType.Handshake;

    /// <summary>Alerts kept per connection; a hostile stream of alerts must not grow memory.</summary>
    public const int MaxAlerts = 16;

    /// <summary>
    /// Client records this short are not counted as requests: an encrypted alert is 19 bytes in TLS 1.3 (2 bytes,
    /// the inner type and a 16-byte tag) and 26 in TLS 1.2 with AES-GCM (plus an 8-byte explicit nonce), while the
    /// smallest HTTP/1 request (18 bytes) or HTTP/2 HEADERS frame (about 13) encrypted is at least 30.
    /// </summary>
    public const int MaxNonRequestRecordLength = 26;

    private readonly Direction _client;
    private readonly Direction _server;

    private bool _isTls;
    private bool _notTls;

    private ClientHelloInfo? _clientHello;
    private Timestamp? _clientHelloTime;
    private int _clientHelloCount;
    private string? _ja4;
    private string? _ja3;

    private bool _helloRetryRequest;
    private ServerHelloInfo? _serverHello;
    private Timestamp? _serverHelloTime;
    private bool _serverCertificateSeen;

    /// <summary>TLS 1.2 and older: the server's ChangeCipherSpec came without a Certificate before it (abbreviated handshake).</summary>
    private bool _serverSkippedCertificate;

    private Timestamp? _doneTime;
    private List<string>? _alerts;
    private string? _error;
    private int _bursts;
    private bool _burstOpen;

    public TlsConnectionAnalyzer()
    {
        _client = new Direction(this, fromClient: true);
        _server = new Direction(this, fromClient: false);
    }

    /// <summary>The client's stream began with a TLS handshake record.</summary>
    public bool IsTls => _isTls && !_notTls;

    /// <summary>In-order client-to-server bytes, carried by a segment captured at <paramref name="time"/>.</summary>
    public void OnClientData(ReadOnlySpan<byte> data, Timestamp time)
    {
        if (!_notTls)
        {
            _client.Framer.Feed(data, time, _client);
        }
    }

    /// <summary>In-order server-to-client bytes.</summary>
    public void OnServerData(ReadOnlySpan<byte> data, Timestamp time)
    {
        if (_isTls && !_notTls)
        {
            _server.Framer.Feed(data, time, _server);
        }
    }

    /// <summary>Client bytes are missing for good: the client direction stops here.</summary>
    public void OnClientGap() => OnGap(_client);

    /// <summary>Server bytes are missing for good: the server direction stops here.</summary>
    public void OnServerGap() => OnGap(_server);

    /// <summary>Client bursts of application data counted so far (<see cref="TlsFacts.RequestsEstimated"/>).</summary>
    public int Bursts => _bursts;

    /// <summary>The facts of the connection so far; null when it is not TLS.</summary>
    public TlsFacts? ToFacts()
    {
        if (!IsTls)
        {
            return null;
        }

        ClientHelloInfo? ch = _clientHello;
        ServerHelloInfo? sh = _serverHello;
        ushort? version = sh?.NegotiatedVersion;
        bool tls13 = version is { } v && IsTls13(v);
        return new TlsFacts
        {
            Version = version,
            CipherSuite = sh?.CipherSuite,
            ServerName = ch?.ServerName,
            AlpnOffered = ch?.AlpnProtocols ?? [],
            AlpnSelected = sh?.AlpnProtocol,
            AlpnSelectedEncrypted = tls13 && sh!.AlpnProtocol is null && ch is not null && ch.AlpnProtocols.Count > 0,
            ResumptionOffered = ch is null ? TlsResumptionOffer.None : Offered(ch, sh),
            Resumed = sh is null ? null : Resumed(ch, sh),
            HelloRetryRequest = _helloRetryRequest,
            KeyShareGroup = sh?.KeyShareGroup,
            ClientHelloTime = _clientHelloTime,
            ServerHelloTime = _serverHelloTime,
            DoneTime = _doneTime,
            Alerts = _alerts ?? (IReadOnlyList<string>)[],
            Ja4 = _ja4,
            Ja3 = _ja3,
            Error = _error,
            RequestsEstimated = _doneTime is null ? null : _bursts,
            ClientHelloCount = _clientHelloCount,
            ClientSessionIdLength = ch?.SessionIdLength ?? 0,
            ServerSessionIdLength = sh?.SessionIdLength ?? 0,
            ServerCertificateSeen = _serverCertificateSeen,
            SelectedPskIdentity = sh?.SelectedPskIdentity,
        };
    }

    private const ushort TlsVersion12 = 0x0303;
    private const ushort TlsVersion13 = 0x0304;

    private bool Tls13 => _serverHello is not null && IsTls13(_serverHello.NegotiatedVersion);

    private bool Tls12OrOlder => _serverHello is not null && !IsTls13(_serverHello.NegotiatedVersion);

    /// <summary>TLS 1.3 or one of its drafts (0x7fNN).</summary>
    private static bool IsTls13(ushort version) => version == TlsVersion13 || (version >> 8) == 0x7f;

    /// <summary>
    /// What the client offered. A 32-byte session id from a client that offers TLS 1.3 is its middlebox-compatibility
    /// id (RFC 8446 appendix D.4), not an offer, unless a TLS 1.2 server echoed it (then it was a real session). A
    /// session id sent beside a non-empty ticket is the ticket's marker (RFC 5077 section 3.4), part of that offer.
    /// </summary>
    private static TlsResumptionOffer Offered(ClientHelloInfo ch, ServerHelloInfo? sh)
    {
        var offer = TlsResumptionOffer.None;
        if (ch.SessionIdLength > 0 && !ch.HasNonEmptySessionTicket)
        {
            bool offers13 = ch.SupportedVersions.Contains(TlsVersion13);
            bool echoedBy12 = sh is not null && !IsTls13(sh.NegotiatedVersion) && EchoesSessionId(ch, sh);
            bool compatibilityId = offers13 && ch.SessionIdLength == 32 && !echoedBy12;
            if (!compatibilityId)
            {
                offer |= TlsResumptionOffer.SessionId;
            }
        }

        if (ch.HasNonEmptySessionTicket)
        {
            offer |= TlsResumptionOffer.Ticket;
        }

        if (ch.PreSharedKeyIdentityCount > 0)
        {
            offer |= TlsResumptionOffer.Psk;
        }

        return offer;
    }

    private static bool EchoesSessionId(ClientHelloInfo ch, ServerHelloInfo sh) =>
        ch.SessionIdLength > 0 && ch.SessionId.Span.SequenceEqual(sh.SessionId.Span);

    /// <summary>
    /// Zeek's rules: up to TLS 1.2 the server echoes the client's non-empty session id, or the client sent a ticket
    /// and the server skipped Certificate; in TLS 1.3 the server returned pre_shared_key.
    /// </summary>
    private bool Resumed(ClientHelloInfo? ch, ServerHelloInfo sh)
    {
        if (IsTls13(sh.NegotiatedVersion))
        {
            return sh.SelectedPskIdentity is not null;
        }

        if (ch is null)
        {
            return false;
        }

        return EchoesSessionId(ch, sh) || (ch.HasNonEmptySessionTicket && _serverSkippedCertificate);
    }

    private void OnGap(Direction d)
    {
        if (d.Framer.Stopped)
        {
            return;
        }

        d.Framer.Stop();
        if (IsTls && _doneTime is null)
        {
            Fail(d, "bytes missing from the capture", d.Framer.Offset);
        }
    }

    private void Fail(Direction d, string what, long offset)
    {
        d.Framer.Stop();
        d.Assembler = null;
        _error ??= string.Create(
            CultureInfo.InvariantCulture, $"{what} at {(d.FromClient ? "client" : "server")} stream offset {offset}");
    }

    private void OnRecordStart(Direction d, TlsRecordFramer f)
    {
        TlsContentType type = f.Current.ContentType;
        if (d.FromClient)
        {
            if (f.Records == 1)
            {
                if (type != TlsContentType.Handshake)
                {
                    NotTls();
                    return;
                }

                _isTls = true;
            }

            OnClientRecord(d, f, type);
        }
        else
        {
            OnServerRecord(d, type);
        }

        if (type == TlsContentType.Alert && !AlertInClear(d))
        {
            AddAlert("encrypted");
        }
    }

    private void OnClientRecord(Direction d, TlsRecordFramer f, TlsContentType type)
    {
        // Done: TLS 1.3, the client's first record after the server's first flight that is not ChangeCipherSpec
        // (its Finished; a plaintext alert is not one); TLS 1.2 and older, the client's first record after its
        // ChangeCipherSpec (its Finished, which in an abbreviated handshake follows the server's).
        bool tls13Protected = Tls13 && type is not (TlsContentType.ChangeCipherSpec or TlsContentType.Alert);
        bool doneRecord = false;
        if (_doneTime is null && (tls13Protected || (Tls12OrOlder && d.SawChangeCipherSpec && type != TlsContentType.ChangeCipherSpec)))
        {
            _doneTime = f.RecordTime;
            doneRecord = true;
        }

        if (tls13Protected)
        {
            d.TurnEncrypted();
        }

        switch (type)
        {
            case TlsContentType.ChangeCipherSpec:
                d.SawChangeCipherSpec = true;
                if (Tls12OrOlder)
                {
                    d.TurnEncrypted();
                }

                break;
            case TlsContentType.ApplicationData when _doneTime is not null && !doneRecord:
                if (!_burstOpen && f.Current.Length > MaxNonRequestRecordLength)
                {
                    _bursts++;
                    _burstOpen = true;
                }

                break;
        }
    }

    private void OnServerRecord(Direction d, TlsContentType type)
    {
        switch (type)
        {
            case TlsContentType.ChangeCipherSpec:
                d.SawChangeCipherSpec = true;
                if (Tls12OrOlder)
                {
                    d.TurnEncrypted();
                    _serverSkippedCertificate = !_serverCertificateSeen;
                }

                break;
            case TlsContentType.ApplicationData:
                // An answer ends the client's burst (before the handshake is done no burst is open).
                _burstOpen = false;
                break;
        }
    }

    /// <summary>
    /// An alert record is readable before its side's ChangeCipherSpec (TLS 1.2 and older) and always in TLS 1.3, where
    /// protected alerts travel as application data: a record that says Alert on the wire is a plaintext one.
    /// </summary>
    private bool AlertInClear(Direction d) => !d.Encrypted || Tls13;

    private void OnRecordBody(Direction d, TlsRecordFramer f, ReadOnlySpan<byte> piece)
    {
        switch (f.Current.ContentType)
        {
            case TlsContentType.Handshake when !d.Encrypted:
                OnHandshakeBytes(d, f, piece);
                break;
            case TlsContentType.Alert when AlertInClear(d):
                foreach (byte b in piece)
                {
                    if (d.AlertLevel is { } level)
                    {
                        AddAlert(TlsNames.Alert(level, b));
                        d.AlertLevel = null;
                    }
                    else
                    {
                        d.AlertLevel = b;
                    }
                }

                break;
        }
    }

    private void OnRecordEnd(Direction d, TlsRecordFramer f)
    {
        if (f.Current.ContentType == TlsContentType.Alert && d.AlertLevel is not null && AlertInClear(d))
        {
            d.AlertLevel = null;
            Fail(d, "malformed alert (odd length)", f.RecordOffset);
        }
    }

    private void OnHandshakeBytes(Direction d, TlsRecordFramer f, ReadOnlySpan<byte> piece)
    {
        d.Assembler ??= new TlsHandshakeAssembler();
        if (d.Assembler.BufferedLength == 0)
        {
            d.MessageRecordTime = f.RecordTime;
            d.MessageRecordOffset = f.RecordOffset;
        }

        d.Assembler.AddRecordPayload(piece);
        while (d.Assembler is { } assembler)
        {
            TlsParseStatus status = assembler.TryReadMessage(out TlsHandshakeType type, out ReadOnlySpan<byte> body, out TlsMalformedReason reason);
            if (status == TlsParseStatus.NeedMoreData)
            {
                return;
            }

            if (status == TlsParseStatus.Malformed)
            {
                Fail(d, TlsErrorText.Describe("handshake message", reason), d.MessageRecordOffset);
                return;
            }

            Timestamp time = d.MessageRecordTime;
            long offset = d.MessageRecordOffset;
            if (d.FromClient)
            {
                OnClientMessage(d, type, body, time, offset);
            }
            else
            {
                OnServerMessage(d, type, body, time, offset);
            }

            // A message that starts in the rest of this record is timed by this record.
            d.MessageRecordTime = f.RecordTime;
            d.MessageRecordOffset = f.RecordOffset;
        }
    }

    private void OnClientMessage(Direction d, TlsHandshakeType type, ReadOnlySpan<byte> body, Timestamp time, long offset)
    {
        if (type != TlsHandshakeType.ClientHello)
        {
            return;
        }

        _clientHelloCount++;
        if (TlsHelloParser.TryParseClientHello(body, out ClientHelloInfo? hello, out TlsMalformedReason reason) != TlsParseStatus.Done)
        {
            Fail(d, TlsErrorText.Describe("ClientHello", reason), offset);
            return;
        }

        if (_clientHello is not null)
        {
            return; // the second ClientHello after a HelloRetryRequest: the first one describes the client
        }

        _clientHello = hello!;
        _clientHelloTime = time;
        ClientHelloFingerprintInput input = ClientHelloFingerprintInput.FromClientHello(hello!);
        _ja4 = Ja4.Compute(input);
        _ja3 = Ja3.Compute(input).Md5;
    }

    private void OnServerMessage(Direction d, TlsHandshakeType type, ReadOnlySpan<byte> body, Timestamp time, long offset)
    {
        switch (type)
        {
            case TlsHandshakeType.ServerHello:
                if (_serverHello is not null)
                {
                    return;
                }

                if (TlsHelloParser.TryParseServerHello(body, out ServerHelloInfo? hello, out TlsMalformedReason reason) != TlsParseStatus.Done)
                {
                    Fail(d, TlsErrorText.Describe("ServerHello", reason), offset);
                    return;
                }

                if (hello!.IsHelloRetryRequest)
                {
                    _helloRetryRequest = true;
                    return;
                }

                _serverHello = hello;
                _serverHelloTime = time;
                if (IsTls13(hello.NegotiatedVersion))
                {
                    // Everything after the TLS 1.3 ServerHello is encrypted.
                    d.TurnEncrypted();
                }

                break;
            case TlsHandshakeType.Certificate:
                _serverCertificateSeen = true;
                break;
        }
    }

    private void AddAlert(string alert)
    {
        _alerts ??= new List<string>(2);
        if (_alerts.Count < MaxAlerts)
        {
            _alerts.Add(alert);
        }
    }

    private void NotTls()
    {
        _notTls = true;
        _client.Framer.Stop();
        _server.Framer.Stop();
        _client.Assembler = null;
        _server.Assembler = null;
    }

    /// <summary>One direction: its record framer and, while its handshake is in clear, its message assembler.</summary>
    private sealed class Direction(TlsConnectionAnalyzer owner, bool fromClient) : ITlsRecordHandler
    {
        public bool FromClient { get; } = fromClient;

        public TlsRecordFramer Framer { get; } = new();

        /// <summary>Null before the first handshake byte and once the direction is encrypted.</summary>
        public TlsHandshakeAssembler? Assembler { get; set; }

        /// <summary>From here on only record headers are read.</summary>
        public bool Encrypted { get; private set; }

        public bool SawChangeCipherSpec { get; set; }

        public byte? AlertLevel { get; set; }

        public Timestamp MessageRecordTime { get; set; }

        public long MessageRecordOffset { get; set; }

        /// <summary>The direction's keys are in use: its handshake bytes can no longer be read, so the assembler goes.</summary>
        public void TurnEncrypted()
        {
            Encrypted = true;
            Assembler = null;
        }

        public void OnRecordStart(TlsRecordFramer framer) => owner.OnRecordStart(this, framer);

        public void OnRecordBody(TlsRecordFramer framer, ReadOnlySpan<byte> piece) => owner.OnRecordBody(this, framer, piece);

        public void OnRecordEnd(TlsRecordFramer framer) => owner.OnRecordEnd(this, framer);

        public void OnMalformedRecord(TlsMalformedReason reason, long offset)
        {
            if (FromClient && Framer.Records == 0)
            {
                owner.NotTls(); // the first record header is not TLS: another protocol, not an error
                return;
            }

            owner.Fail(this, TlsErrorText.Describe("record", reason), offset);
        }
    }
}
