using System.Globalization;
using WireLens.Testing;

namespace WireLens.EndToEnd.Tests.Oracle;

/// <summary>
/// Reads the TLS handshakes of a capture with tshark (pinned preferences, `-d tcp.port==N,tls` for the given ports)
/// into one <see cref="OracleTlsConnection"/> per tcp.stream that carries a ClientHello.
/// </summary>
/// <remarks>
/// tshark prints one row per frame, and a field that occurs several times in the frame (several records, several
/// handshake messages, list-valued extensions) is joined with ','. The hello fields can still be told apart because
/// a frame carries at most one ClientHello or one ServerHello (a client sends its second ClientHello only after the
/// HelloRetryRequest; a server's first flight holds one ServerHello) and the other handshake messages in the same
/// frame (Certificate, ServerKeyExchange, ServerHelloDone, NewSessionTicket) have none of the hello fields read
/// here. A frame that breaks this is reported as an error rather than guessed at.
/// A message's time is that of the segment carrying the first byte of its record: tshark shows a record split
/// across segments on the frame that completes it and lists the frames of the reassembled PDU in `tcp.segment`;
/// the first of those is taken, else the frame itself. Only the first record of a direction needs this here, and
/// a frame completes at most one reassembled PDU, so the segment list belongs to the hello.
/// </remarks>
public static class TsharkTlsOracle
{
    /// <summary>HelloRetryRequest's fixed ServerHello.random, SHA-256("HelloRetryRequest") (RFC 8446 section 4.1.3).</summary>
    public const string HelloRetryRequestRandom = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

    private const string ClientHelloType = "1";
    private const string ServerHelloType = "2";
    private const string CertificateType = "11";
    private const string ChangeCipherSpecContentType = "20";
    private const string AlertContentType = "21";
    private const int SessionTicketExtension = 35;

    private static readonly string[] s_fields =
    [
        "frame.number", "frame.time_epoch", "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport",
        "tls.handshake.type", "tcp.segment", "tls.handshake.version", "tls.handshake.extensions.supported_version",
        "tls.handshake.ciphersuite", "tls.handshake.random", "tls.handshake.session_id", "tls.handshake.session_id_length",
        "tls.handshake.extensions_server_name", "tls.handshake.extensions_alpn_str", "tls.handshake.extension.type",
        "tls.handshake.extension.len", "tls.handshake.extensions.psk.identity.selected",
        "tls.handshake.extensions_key_share_group", "tls.handshake.extensions_key_share_selected_group",
        "tls.handshake.extensions.psk.identity.identity_length", "tls.record.content_type", "tls.alert_message.level",
        "tls.alert_message.desc", "tls.handshake.ja3", "tls.record.opaque_type",
    ];

    private enum F
    {
        Frame, Time, Stream, Ip4, Ip6, Port,
        HandshakeType, Segments, Version, SupportedVersion,
        Cipher, Random, SessionId, SessionIdLength,
        ServerName, Alpn, ExtensionType,
        ExtensionLength, PskSelected,
        KeyShareGroup, KeyShareSelectedGroup,
        PskIdentityLength, ContentType, AlertLevel,
        AlertDescription, Ja3, OpaqueType,
    }

    /// <summary>Every tcp.stream with at least one ClientHello, by stream number.</summary>
    public static IReadOnlyDictionary<long, OracleTlsConnection> Read(string capture, TsharkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new Dictionary<long, OracleTlsConnection>();
        var timeByFrame = new Dictionary<long, long>();
        foreach (string[] f in TShark.Fields(capture, s_fields, options with { DisplayFilter = "tcp" }))
        {
            long frame = long.Parse(f[(int)F.Frame], CultureInfo.InvariantCulture);
            long time = TsharkConnectionOracle.ParseEpochNs(f[(int)F.Time]);
            timeByFrame[frame] = time;
            if (f[(int)F.Stream].Length == 0)
            {
                continue;
            }

            long stream = long.Parse(First(f[(int)F.Stream]), CultureInfo.InvariantCulture);
            string sender = $"{(f[(int)F.Ip4].Length > 0 ? First(f[(int)F.Ip4]) : First(f[(int)F.Ip6]))}:{First(f[(int)F.Port])}";
            string[] types = List(f[(int)F.HandshakeType]);
            int clientHellos = types.Count(t => t == ClientHelloType);
            int serverHellos = types.Count(t => t == ServerHelloType);
            if (clientHellos + serverHellos > 1)
            {
                throw new InvalidOperationException(
                    $"{capture}: frame {frame} holds {clientHellos} ClientHello and {serverHellos} ServerHello messages; its fields cannot be attributed");
            }

            IReadOnlyList<long> segments = [.. List(f[(int)F.Segments]).Select(s => long.Parse(s, CultureInfo.InvariantCulture))];
            long recordTime = segments.Count > 0 ? timeByFrame[segments[0]] : time;
            result.TryGetValue(stream, out OracleTlsConnection? c);
            if (clientHellos == 1)
            {
                if (c is null)
                {
                    c = new OracleTlsConnection { Stream = stream, Client = sender };
                    result[stream] = c;
                }

                c.ClientHellos.Add(ReadClientHello(f, frame, segments, recordTime, time));
            }

            if (c is null)
            {
                continue;
            }

            if (serverHellos == 1)
            {
                c.ServerHellos.Add(ReadServerHello(f, frame, segments, recordTime, time));
            }

            if (sender != c.Client && types.Contains(CertificateType))
            {
                c.ServerCertificateSeen = true;
            }

            AddAlerts(c, f);
            if (sender == c.Client && c.DoneTimeNs is null && c.ServerHello is { } sh && sh.Frame < frame)
            {
                FindDone(c, f, sh.Version, segments.Count > 0 ? recordTime : null, time);
            }
        }

        return result;
    }

    /// <summary>
    /// The done rule of docs/analysis.md on one client frame after the ServerHello: TLS 1.3, the client's first
    /// record that is neither ChangeCipherSpec nor a plaintext alert; TLS 1.2, its first record after its own
    /// ChangeCipherSpec. The record's time is the first segment's when it is the frame's first record and tshark
    /// reassembled one (<paramref name="reassembledTime"/>), else the frame's: a record that does not come first in
    /// the frame starts in it.
    /// </summary>
    private static void FindDone(OracleTlsConnection c, string[] f, ushort version, long? reassembledTime, long frameTime)
    {
        string[] clear = List(f[(int)F.ContentType]);
        string[] opaque = List(f[(int)F.OpaqueType]);
        bool found = false;
        bool first = false;
        if (version >= OracleTlsConnection.Tls13)
        {
            // tshark lists TLS 1.3's encrypted records (opaque type 23) apart from clear ones; a client's CCS or
            // alert comes before its Finished, so an opaque record is first only when no clear one is in the frame.
            int i = Array.FindIndex(clear, t => t != ChangeCipherSpecContentType && t != AlertContentType);
            if (i >= 0)
            {
                (found, first) = (true, i == 0);
            }
            else if (opaque.Length > 0)
            {
                (found, first) = (true, clear.Length == 0);
            }
        }
        else if (c.ClientChangeCipherSpecSeen && clear.Length + opaque.Length > 0)
        {
            (found, first) = (true, true);
        }
        else
        {
            int ccs = Array.IndexOf(clear, ChangeCipherSpecContentType);
            if (ccs >= 0 && ccs + 1 < clear.Length)
            {
                (found, first) = (true, false);
            }
            else if (ccs >= 0)
            {
                c.ClientChangeCipherSpecSeen = true;
            }
        }

        if (found)
        {
            c.DoneTimeNs = first && reassembledTime is { } t ? t : frameTime;
        }
    }

    private static OracleClientHello ReadClientHello(string[] f, long frame, IReadOnlyList<long> segments, long time, long frameTime)
    {
        (int[] extensions, int[] lengths) = Extensions(f);
        int ticket = Array.IndexOf(extensions, SessionTicketExtension);
        return new OracleClientHello
        {
            Frame = frame,
            SegmentFrames = segments,
            TimeNs = time,
            FrameTimeNs = frameTime,
            LegacyVersion = Hex16(f[(int)F.Version]),
            SupportedVersions = [.. List(f[(int)F.SupportedVersion]).Select(Hex16)],
            SessionId = f[(int)F.SessionId].ToLowerInvariant(),
            SessionIdLength = int.Parse(f[(int)F.SessionIdLength], CultureInfo.InvariantCulture),
            ServerName = NullIfEmpty(f[(int)F.ServerName]),
            AlpnOffered = List(f[(int)F.Alpn]),
            Extensions = extensions,
            TicketLength = ticket < 0 ? null : lengths[ticket],
            PskIdentities = List(f[(int)F.PskIdentityLength]).Length,
            KeyShareGroups = [.. List(f[(int)F.KeyShareGroup]).Select(g => ushort.Parse(g, CultureInfo.InvariantCulture))],
            Ja3 = NullIfEmpty(f[(int)F.Ja3]),
        };
    }

    private static OracleServerHello ReadServerHello(string[] f, long frame, IReadOnlyList<long> segments, long time, long frameTime)
    {
        bool retry = string.Equals(f[(int)F.Random], HelloRetryRequestRandom, StringComparison.OrdinalIgnoreCase);
        string group = retry ? f[(int)F.KeyShareSelectedGroup] : f[(int)F.KeyShareGroup];
        string[] supported = List(f[(int)F.SupportedVersion]);
        string[] selected = List(f[(int)F.PskSelected]);
        return new OracleServerHello
        {
            Frame = frame,
            SegmentFrames = segments,
            TimeNs = time,
            FrameTimeNs = frameTime,
            IsHelloRetryRequest = retry,
            LegacyVersion = Hex16(f[(int)F.Version]),
            SupportedVersion = supported.Length == 1 ? Hex16(supported[0]) : null,
            CipherSuite = Hex16(f[(int)F.Cipher]),
            SessionId = f[(int)F.SessionId].ToLowerInvariant(),
            SessionIdLength = int.Parse(f[(int)F.SessionIdLength], CultureInfo.InvariantCulture),
            SelectedPskIdentity = selected.Length == 1 ? ushort.Parse(selected[0], CultureInfo.InvariantCulture) : null,
            AlpnSelected = NullIfEmpty(f[(int)F.Alpn]),
            KeyShareGroup = group.Length > 0 ? ushort.Parse(group, CultureInfo.InvariantCulture) : null,
            Extensions = Extensions(f).Types,
        };
    }

    private static (int[] Types, int[] Lengths) Extensions(string[] f)
    {
        int[] types = [.. List(f[(int)F.ExtensionType]).Select(t => int.Parse(t, CultureInfo.InvariantCulture))];
        int[] lengths = [.. List(f[(int)F.ExtensionLength]).Select(t => int.Parse(t, CultureInfo.InvariantCulture))];
        if (types.Length != lengths.Length)
        {
            throw new InvalidOperationException($"frame {f[(int)F.Frame]}: {types.Length} extension types but {lengths.Length} lengths");
        }

        return (types, lengths);
    }

    private static void AddAlerts(OracleTlsConnection c, string[] f)
    {
        // Clear alerts carry level and description; an alert record tshark cannot decrypt has neither. Clear ones
        // come before ChangeCipherSpec and encrypted ones after, so within a frame the clear ones are listed first.
        int alerts = List(f[(int)F.ContentType]).Count(t => t == AlertContentType);
        string[] levels = List(f[(int)F.AlertLevel]);
        string[] descriptions = List(f[(int)F.AlertDescription]);
        for (int i = 0; i < alerts; i++)
        {
            c.Alerts.Add(i < levels.Length ? $"{levels[i]}:{descriptions[i]}" : "encrypted");
        }
    }

    private static ushort Hex16(string text)
    {
        string value = First(text);
        return ushort.Parse(value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static string[] List(string value) => value.Length == 0 ? [] : value.Split(',');

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string First(string value)
    {
        int comma = value.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? value : value[..comma];
    }
}
